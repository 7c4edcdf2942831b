// Microsoft 365 UAL mapping: the real Purview CSV export, older CSV shapes, Management API objects,
// broken AuditData cells, ports on ClientIP and ModifiedProperties changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { m365Mapper } from '../../../electron/engine/import/mappers/m365.ts';
import { detectMapper } from '../../../electron/engine/import/mappers/index.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const corpora = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora', 'm365-ual-csv');
type Rec = Record<string, unknown>;
const mapOne = (r: Rec) => {
  const events = m365Mapper.map(r, {});
  assert.equal(events.length, 1);
  return events[0]!;
};

const rows = Papa.parse<Rec>(readFileSync(join(corpora, 'purview.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

test('purview.csv: 219 rows, all detected as M365 and mapped', () => {
  assert.equal(rows.length, 219);
  assert.equal(detectMapper(rows.slice(0, 50), {}).mapper.name, 'm365-ual');
  for (const r of rows) assert.equal(detectMapper([r], {}).mapper.name, 'm365-ual');
  const events = rows.flatMap((r) => m365Mapper.map(r, {}));
  assert.equal(events.length, 219);
  assert.ok(events.every((e) => e.system === 'm365' && e.time.flag === 'no_zone' && e.time.ms !== null));
  assert.equal(new Set(events.map((e) => e.sourceEventId)).size, 219);

  const byWorkload = new Map<string, number>();
  for (const e of events) byWorkload.set(e.category!, (byWorkload.get(e.category!) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(byWorkload), { AzureActiveDirectory: 92, Exchange: 95, OneDrive: 32 });
});

test('purview.csv: ModifiedProperties are on 95 rows, but only 6 hold entries that become changes', () => {
  const withKey = rows.filter((r) => (JSON.parse(String(r['AuditData'])) as Rec)['ModifiedProperties'] !== undefined);
  assert.equal(withKey.length, 95, 'the count SOURCES.md gives');
  const withChanges = rows.map(mapOne).filter((e) => e.changes.length > 0);
  assert.equal(withChanges.length, 6, 'the other 89 lists are empty');
  assert.deepEqual(withChanges.map((e) => e.action), [
    'Add service principal.', 'Add service principal.', 'Add service principal.', 'GroupAdded', 'GroupAdded', 'GroupAdded',
  ]);

  const sp = withChanges[0]!;
  assert.deepEqual(sp.changes.map((c) => c.path), [
    'AccountEnabled', 'AppAddress', 'AppPrincipalId', 'DisplayName', 'ServicePrincipalName', 'Credential', 'TargetId.ServicePrincipalNames',
  ], 'the "Included Updated Properties" pseudo-entry is skipped');
  assert.deepEqual(sp.changes[0], { path: 'AccountEnabled', before: [], after: [true] }, 'JSON-in-string values decoded');
  assert.deepEqual(sp.changes[3], { path: 'DisplayName', before: [], after: ['IAMTenantCrawler'] });
  assert.deepEqual(withChanges[3]!.changes, [{ path: 'Name', after: 'SharingLinks.1c506eb7-2595-426a-8b2a-2f51fa186cd3.AnonymousEdit.63033ade-21e5-4af8-9d0e-02b854de2c74' }]);
});

test('purview.csv first row: service principal added by a certificate', () => {
  const e = mapOne(rows[0]!);
  assert.equal(e.time.ms, Date.UTC(2023, 8, 20, 4, 5, 3));
  assert.equal(e.time.text, '2023-09-20T04:05:03', 'AuditData.CreationTime wins over the locale CreationDate column');
  assert.equal(e.action, 'Add service principal.');
  assert.equal(e.status, 'Success');
  assert.equal(e.outcome, 'success');
  assert.equal(e.actor.name, 'Certificate');
  assert.equal(e.actor.type, 'system');
  assert.equal(e.actor.sourceType, 'System');
  assert.deepEqual(e.entity, { id: '66244124-575c-4284-92bc-fdd00e669cea', name: 'IAMTenantCrawler', type: 'ServicePrincipal' });
  assert.equal(e.sourceEventId, '538815b7-273a-4a3f-9957-c86897966eec');
  assert.equal(e.version, '1');
});

test('purview.csv: the planted inbox rule, its port-suffixed ClientIP and the failed sign-in', () => {
  const events = rows.map(mapOne);
  const rule = events.find((e) => e.action === 'New-InboxRule')!;
  assert.equal(rule.actor.name, 'DebraB@M365B132131.OnMicrosoft.com');
  assert.equal(rule.actor.sourceType, 'Admin');
  assert.equal(rule.actor.ip, '185.73.124.135', ':19823 port stripped');
  assert.equal(rule.entity.name, 'f', 'the rule name');
  assert.equal(rule.status, 'True');
  assert.equal(rule.outcome, 'success');

  const failed = events.find((e) => e.action === 'UserLoginFailed')!;
  assert.equal(failed.status, 'Success', 'AAD says the logging succeeded…');
  assert.equal(failed.outcome, 'failure', '…but the sign-in failed');
  assert.equal(failed.actor.userAgent, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:109.0) Gecko/20100101 Firefox/114.0');
  assert.match(failed.description!, /InvalidUserNameOrPassword/);

  const reset = events.find((e) => e.action === 'Reset user password.')!;
  assert.deepEqual(reset.target, { id: 'AdeleV@M365B132131.OnMicrosoft.com', name: 'AdeleV@M365B132131.OnMicrosoft.com', type: 'User' });

  const system = events.find((e) => e.actor.name?.startsWith('NT AUTHORITY'))!;
  assert.equal(system.actor.type, 'system');

  const file = events.find((e) => e.action === 'FileAccessed')!;
  assert.deepEqual(file.entity, {
    id: 'https://m365b132131-my.sharepoint.com/personal/johannal_m365b132131_onmicrosoft_com/Documents/XT1000 Project Progress Report.pptx',
    name: 'XT1000 Project Progress Report.pptx', type: 'File',
  });
  assert.equal(file.outcome, 'unknown', 'SharePoint records carry no ResultStatus');
});

const api: Rec = {
  CreationTime: '2024-03-01T10:00:00', Id: 'abc', Operation: 'MailItemsAccessed', OrganizationId: 'org', RecordType: 50,
  ResultStatus: 'Succeeded', UserKey: 'k1', UserType: 0, Version: 1, Workload: 'Exchange', UserId: 'jo@x.com',
  ClientIPAddress: '[2001:db8::5]:51000', MailboxOwnerUPN: 'boss@x.com',
};

test('Management Activity API objects are the AuditData itself', () => {
  assert.equal(detectMapper([api], {}).mapper.name, 'm365-ual');
  const e = mapOne(api);
  assert.equal(e.time.ms, Date.UTC(2024, 2, 1, 10));
  assert.equal(e.category, 'Exchange');
  assert.equal(e.outcome, 'success');
  assert.equal(e.actor.id, 'k1');
  assert.equal(e.actor.ip, '2001:db8::5', 'brackets and port stripped from IPv6');
  assert.deepEqual(e.target, { id: null, name: 'boss@x.com', type: 'User' });
  assert.equal(e.sourceEventId, 'abc');
});

test('older CSV shape: CreationDate, UserIds, Operations, AuditData', () => {
  const row: Rec = { CreationDate: '2019-05-06T07:08:09.0000000Z ', UserIds: 'jo@x.com', Operations: 'FileDeleted', AuditData: JSON.stringify({ ...api, Operation: 'FileDeleted', ResultStatus: 'PartiallySucceeded' }) };
  assert.equal(detectMapper([row], {}).mapper.name, 'm365-ual');
  const e = mapOne(row);
  assert.equal(e.action, 'FileDeleted');
  assert.equal(e.outcome, 'warning');
});

test('a row whose AuditData is not JSON still imports from its CSV columns', () => {
  const e = mapOne({ RecordId: 'r-1', CreationDate: '9/20/2023 4:05:03 PM', RecordType: '15', Operation: 'UserLoggedIn', UserId: 'a@b.c', AuditData: '{"CreationTime": "2023-09-20T16:05:03", "Id": ' });
  assert.equal(e.time.ms, Date.UTC(2023, 8, 20, 16, 5, 3));
  assert.equal(e.time.flag, 'no_zone');
  assert.equal(e.action, 'UserLoggedIn');
  assert.equal(e.actor.name, 'a@b.c');
  assert.equal(e.category, '15');
  assert.equal(e.sourceEventId, 'r-1');
  assert.equal(e.description, 'UserLoggedIn by a@b.c (AuditData is not valid JSON)');
});

test('a row with nothing usable is refused with a reason', () => {
  assert.throws(() => m365Mapper.map({ AuditData: 'garbage', AssociatedAdminUnits: '' }, {}), (e: unknown) => e instanceof MapError && /no readable AuditData/.test(e.message));
  assert.throws(() => m365Mapper.map({ Something: 'else' }, {}), MapError);
});

test('UserType words and the application / service principal kinds', () => {
  assert.equal(mapOne({ ...api, UserType: 5 }).actor.type, 'app');
  assert.equal(mapOne({ ...api, UserType: 6 }).actor.sourceType, 'ServicePrincipal');
  assert.equal(mapOne({ ...api, UserType: 42 }).actor.type, 'unknown');
  assert.equal(mapOne({ ...api, ResultStatus: 'Failed' }).outcome, 'failure');
});
