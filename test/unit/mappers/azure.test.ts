// Azure Activity Log mapping: the REST/Graph array sample, the diagnostic-export sample, ARM resource
// paths and status words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { armEntity, azureMapper } from '../../../electron/engine/import/mappers/azure.ts';
import { detectMapper } from '../../../electron/engine/import/mappers/index.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const corpora = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora', 'azure-activity');
type Rec = Record<string, unknown>;

test('azure_graph_api_format.json: 3 REST-shape events, detected as Azure', () => {
  const records = JSON.parse(readFileSync(join(corpora, 'azure_graph_api_format.json'), 'utf8')) as Rec[];
  assert.equal(records.length, 3);
  for (const r of records) assert.equal(detectMapper([r], {}).mapper.name, 'azure-activity');
  const events = records.flatMap((r) => azureMapper.map(r, {}));
  assert.equal(events.length, 3);
  const e = events[0]!;
  assert.equal(e.time.ms, Date.UTC(2025, 10, 30, 1, 45, 6, 465));
  assert.equal(e.time.subMsNanos, 44800, '7-digit fraction kept below the millisecond');
  assert.equal(e.system, 'azure');
  assert.equal(e.action, 'Microsoft.Network/publicIPAddresses/delete');
  assert.equal(e.category, 'Administrative');
  assert.equal(e.status, 'Succeeded');
  assert.equal(e.outcome, 'success');
  assert.deepEqual(e.actor, { id: 'rob@contoso.com', name: '大和朱雀', type: 'user', sourceType: 'user', ip: '240d:1a:7fe:a000:e4f5:37e6:6cfd:adbd', userAgent: null });
  assert.deepEqual(e.entity, {
    id: '/subscriptions/5d22beda-5051-4d08-89eb-a56f372e8890/resourcegroups/wela/providers/Microsoft.Network/publicIPAddresses/sakurai10-ip',
    name: 'sakurai10-ip', type: 'Microsoft.Network/publicIPAddresses',
  });
  assert.equal(e.description, 'Delete Public Ip Address on sakurai10-ip by 大和朱雀', 'empty description → synthesized from the localized name');
  assert.equal(e.sourceEventId, '5df3b668-cc09-44fe-906c-e54bf315911b');
  assert.deepEqual(events.map((x) => x.entity.name), ['sakurai10-ip', 'vnet-japaneast', 'sakurai10-nsg']);
});

test('test-activitylogs-raw.log: 3 diagnostic-export events, detected as Azure', () => {
  const records = readFileSync(join(corpora, 'test-activitylogs-raw.log'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Rec);
  assert.equal(records.length, 3);
  assert.equal(detectMapper(records, { wrapperKey: 'records' }).mapper.name, 'azure-activity');
  for (const r of records) assert.equal(detectMapper([r], {}).mapper.name, 'azure-activity');
  const [listKeys, health1, health2] = records.flatMap((r) => azureMapper.map(r, {})) as [ReturnType<typeof azureMapper.map>[0], ReturnType<typeof azureMapper.map>[0], ReturnType<typeof azureMapper.map>[0]];

  assert.equal(listKeys.time.ms, Date.UTC(2019, 9, 24, 0, 13, 46, 355));
  assert.equal(listKeys.action, 'MICROSOFT.EVENTHUB/NAMESPACES/AUTHORIZATIONRULES/LISTKEYS/ACTION');
  assert.equal(listKeys.category, 'Action');
  assert.equal(listKeys.status, 'Start');
  assert.equal(listKeys.outcome, 'in_progress');
  assert.equal(listKeys.actor.id, '8a4de8b5-095c-47d0-a96f-a75130c61d53', 'no caller: the object id claim');
  assert.equal(listKeys.actor.type, 'service');
  assert.equal(listKeys.actor.sourceType, 'ServicePrincipal');
  assert.equal(listKeys.actor.ip, '81.2.69.144');
  assert.deepEqual(listKeys.entity, {
    id: '/SUBSCRIPTIONS/8a4de8b5-095c-47d0-a96f-a75130c61d53/RESOURCEGROUPS/SA-HEMA/PROVIDERS/MICROSOFT.EVENTHUB/NAMESPACES/AZURELSEVENTS/AUTHORIZATIONRULES/ROOTMANAGESHAREDACCESSKEY',
    name: 'ROOTMANAGESHAREDACCESSKEY', type: 'MICROSOFT.EVENTHUB/NAMESPACES/AUTHORIZATIONRULES',
  });
  assert.equal(listKeys.sourceEventId, null, 'export records have no event id: deduplicated by content');

  // Events 2 and 3 differ only in whether the bodies are strings or objects: both map the same.
  assert.equal(health1.category, 'ResourceHealth');
  assert.equal(health1.outcome, 'unknown', '"Updated" is not an outcome');
  assert.deepEqual(health1.entity, { id: '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.domainRegistration', name: null, type: 'Microsoft.domainRegistration' });
  assert.deepEqual({ ...health1, changes: [] }, { ...health2, changes: [] });
  assert.deepEqual(health1.changes, [], 'request/response bodies are not diffs');
});

test('ARM paths: nested types, resource groups, subscriptions', () => {
  assert.deepEqual(armEntity('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/db1/databases/orders'),
    { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/db1/databases/orders', name: 'orders', type: 'Microsoft.Sql/servers/databases' });
  assert.deepEqual(armEntity('/subscriptions/s/resourceGroups/rg'), { id: '/subscriptions/s/resourceGroups/rg', name: 'rg', type: 'Microsoft.Resources/resourceGroups' });
  assert.deepEqual(armEntity('/subscriptions/s'), { id: '/subscriptions/s', name: 's', type: 'Microsoft.Resources/subscriptions' });
  assert.deepEqual(armEntity(null), { id: null, name: null, type: null });
});

const rest: Rec = {
  eventTimestamp: '2024-02-03T04:05:06.1234567Z', eventDataId: 'ev-1', correlationId: 'c-1', caller: '11111111-2222-3333-4444-555555555555',
  operationName: { value: 'Microsoft.Compute/virtualMachines/write', localizedValue: 'Create or Update Virtual Machine' },
  status: { value: 'Failed', localizedValue: 'Failed' }, subStatus: { value: 'Conflict' }, category: { value: 'Administrative' },
  resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1',
  httpRequest: { clientIpAddress: '203.0.113.4', method: 'PUT' },
  claims: { appid: 'app-1', 'http://schemas.microsoft.com/identity/claims/objectidentifier': 'oid-1' },
};

test('a failed app-only call: status, caller id, client IP, app kind', () => {
  const e = azureMapper.map(rest, {})[0]!;
  assert.equal(e.outcome, 'failure');
  assert.equal(e.status, 'Failed');
  assert.equal(e.actor.id, '11111111-2222-3333-4444-555555555555');
  assert.equal(e.actor.type, 'app');
  assert.equal(e.actor.ip, '203.0.113.4');
  assert.equal(e.description, 'Create or Update Virtual Machine on vm1 by 11111111-2222-3333-4444-555555555555 (Conflict)');
  assert.equal(azureMapper.map({ ...rest, status: { value: 'Started' } }, {})[0]!.outcome, 'in_progress');
  assert.equal(azureMapper.map({ ...rest, status: { value: 'Accepted' } }, {})[0]!.outcome, 'in_progress');
  assert.equal(azureMapper.map({ ...rest, description: 'Own words' }, {})[0]!.description, 'Own words');
});

test('actor name from upn and xmlsoap name claims', () => {
  const upn = azureMapper.map({ ...rest, claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'ann@x.com' } }, {})[0]!;
  assert.equal(upn.actor.name, 'ann@x.com');
  assert.equal(upn.actor.type, 'user');
  const soap = azureMapper.map({ ...rest, claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': 'live.com#ann@x.com' } }, {})[0]!;
  assert.equal(soap.actor.name, 'live.com#ann@x.com');
});

test('US-locale timestamps from some exporters parse as UTC without zone', () => {
  const e = azureMapper.map({ time: '1/9/2007 9:41:00 AM', operationName: 'X', resourceId: '/subscriptions/s', resultType: 'Success' }, {})[0]!;
  assert.equal(e.time.ms, Date.UTC(2007, 0, 9, 9, 41));
  assert.equal(e.time.flag, 'no_zone');
  assert.equal(e.outcome, 'success');
});

test('records with neither operation nor time are refused', () => {
  assert.throws(() => azureMapper.map({ caller: 'x' }, {}), MapError);
  assert.equal(azureMapper.detect({ time: 1, id: 'x' }, {}), 0);
});
