// Imports every real sample archive in ../shared/corpora (read in place) and checks what a reviewer
// relies on: every record accounted for, the right format detected, 0 rejects, and real field values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import type { ImportResult } from '../../shared/importProgress.ts';
import { corporaDir, tempDir } from '../helpers/tmp.ts';

/** SOURCES.md's table: file → (format column, events). */
function expectedFromSources(): Map<string, { format: string; events: number }> {
  const rows = new Map<string, { format: string; events: number }>();
  for (const line of readFileSync(join(corporaDir, 'SOURCES.md'), 'utf8').split('\n')) {
    const m = /^\| `([^`]+)` \| ([\w-]+) \| ([\d,]+) \|/.exec(line);
    if (m) rows.set(m[1]!, { format: m[2]!, events: Number(m[3]!.replace(/,/g, '')) });
  }
  return rows;
}

/** SOURCES.md's format words → our mapper names. */
const FORMAT_NAMES: Record<string, string> = {
  'atlassian-jira-audit': 'atlassian-audit', 'aws-cloudtrail': 'aws-cloudtrail', 'azure-activity': 'azure-activity',
  cloudevents: 'cloudevents', 'github-audit': 'github-audit', 'gitlab-audit': 'gitlab-audit', 'google-workspace': 'google-workspace',
  'm365-ual-csv': 'm365-ual', ocsf: 'ocsf', okta: 'okta', 'slack-audit': 'slack-audit',
};

let db: CaseDb;
let result: ImportResult;
const casePath = join(tempDir(), 'corpora.sqlite');

before(async () => {
  db = openCase(casePath);
  result = await runImport(db, { paths: [corporaDir] });
});
after(() => db.close());

test('every corpus file is imported with its format, the event count of SOURCES.md and 0 rejects', () => {
  const expected = expectedFromSources();
  assert.ok(expected.size >= 14, 'SOURCES.md table parsed');
  for (const [file, exp] of expected) {
    const src = result.sources.find((s) => s.path === join(corporaDir, file));
    assert.ok(src, `${file} was not imported`);
    assert.equal(src.status, 'complete', `${file}: ${src.message}`);
    assert.equal(src.format, FORMAT_NAMES[exp.format], `${file} detected as ${src.format}`);
    assert.equal(src.records, exp.events, `${file} records`);
    assert.equal(src.rejected, 0, `${file} rejects`);
    assert.equal(src.imported + src.duplicates + src.rejected, src.records, `${file} counts reconcile`);
    assert.match(src.sha256 ?? '', /^[0-9a-f]{64}$/);
  }
});

test('SOURCES.md (not an archive) is listed as skipped with a reason, and does not fail the import', () => {
  const readme = result.sources.find((s) => s.path.endsWith('SOURCES.md'));
  assert.ok(readme);
  assert.equal(readme.status, 'skipped');
  assert.match(readme.message ?? '', /not an activity archive/i);
});

test('duplicate lines in the Google Workspace sample are counted as duplicates, not stored twice', () => {
  const g = result.sources.find((s) => s.path.endsWith('test-admin-updated.log'))!;
  assert.equal(g.imported, 4);
  assert.equal(g.duplicates, 2);
  const stored = db.prepare('SELECT count(*) FROM events e JOIN sources s ON s.id = e.source_id WHERE s.path LIKE ?').pluck().get('%test-admin-updated.log');
  assert.equal(stored, 4);
});

test('the database holds exactly the imported events, each with its raw record verbatim and provenance', () => {
  const imported = result.sources.reduce((n, s) => n + s.events, 0);
  assert.equal(db.prepare('SELECT count(*) FROM events').pluck().get(), imported);
  assert.equal(db.prepare('SELECT count(*) FROM raw').pluck().get(), imported);
  const okta = readFileSync(join(corporaDir, 'okta/system-log.ndjson'), 'utf8').split('\n').filter(Boolean);
  const rows = db.prepare(`SELECT e.line, r.text, e.byte_offset FROM events e JOIN raw r ON r.id = e.id JOIN sources s ON s.id = e.source_id
    WHERE s.path LIKE '%system-log.ndjson' ORDER BY e.record_no`).all() as { line: number; text: string; byte_offset: number }[];
  assert.equal(rows.length, okta.length);
  const bytes = readFileSync(join(corporaDir, 'okta/system-log.ndjson'));
  rows.forEach((r, i) => {
    assert.equal(r.text, okta[i]);
    assert.equal(r.line, i + 1);
    assert.equal(bytes.subarray(r.byte_offset, r.byte_offset + Buffer.byteLength(r.text)).toString(), r.text);
  });
});

function eventWhere(sql: string, ...args: unknown[]) {
  return db.prepare(`
    SELECT e.ts, e.ts_text, e.outcome, e.description, e.detail, e.source_event_id,
      (SELECT value FROM terms WHERE id = e.action_t) AS action, (SELECT value FROM terms WHERE id = e.actor_t) AS actor,
      (SELECT label FROM terms WHERE id = e.actor_t) AS actorLabel, (SELECT value FROM terms WHERE id = e.status_t) AS status,
      (SELECT value FROM terms WHERE id = e.system_t) AS system
    FROM events e WHERE ${sql}`).get(...args) as Record<string, string | number | null>;
}

test('field values: CloudTrail, Okta, Jira, M365, GitLab, Slack', () => {
  const ct = eventWhere("e.source_event_id = (SELECT json_extract(text, '$.eventID') FROM raw r JOIN events x ON x.id = r.id WHERE json_extract(text, '$.eventName') = 'CreateUser' LIMIT 1)");
  assert.equal(ct['system'], 'aws');
  assert.equal(ct['action'], 'CreateUser');

  const slack = eventWhere("e.source_event_id = '0123a45b-6c7d-8900-e12f-3456789gh0i1'");
  assert.equal(slack['action'], 'user_login');
  assert.equal(slack['ts'], 1521214343000);
  assert.equal(slack['actor'], 'W123AB456');
  assert.equal(slack['actorLabel'], 'Charlie Parker');

  const jiraWithChanges = db.prepare(`SELECT count(*) FROM events e JOIN terms t ON t.id = e.system_t WHERE t.value = 'jira' AND e.has_changes = 1`).pluck().get() as number;
  assert.ok(jiraWithChanges > 0, 'Jira changedValues become changes');

  // 95 rows carry a ModifiedProperties key (SOURCES.md), but most lists are empty: every row with a
  // non-empty list must carry changes.
  const m365Changes = db.prepare(`SELECT count(*) FROM events e JOIN terms t ON t.id = e.system_t WHERE t.value = 'm365' AND e.has_changes = 1`).pluck().get() as number;
  const withProps = db.prepare(`SELECT count(*) FROM raw WHERE obj IS NOT NULL
    AND json_array_length(json_extract(json_extract(obj, '$.AuditData'), '$.ModifiedProperties')) > 0`).pluck().get() as number;
  assert.equal(db.prepare(`SELECT count(*) FROM raw WHERE obj IS NOT NULL AND json_extract(json_extract(obj, '$.AuditData'), '$.ModifiedProperties') IS NOT NULL`).pluck().get(), 95);
  assert.ok(withProps > 0);
  assert.equal(m365Changes, withProps, 'every M365 row with ModifiedProperties entries carries changes');

  const gitlab2018 = eventWhere("e.ts_text LIKE '2018-10-17%' AND e.system_t = (SELECT id FROM terms WHERE field = 'system' AND value = 'gitlab')");
  const changes = JSON.parse(gitlab2018['detail'] as string).changes as { path: string; before?: unknown; after?: unknown }[];
  assert.ok(changes.length >= 1, 'GitLab 2018 change/from/to becomes a change');
});

test('full-text search finds words from deep inside raw records', () => {
  const hits = db.prepare("SELECT count(*) FROM fts WHERE fts MATCH 'AccessDenied OR \"Charlie Parker\"'").pluck().get() as number;
  assert.ok(hits >= 1);
  const parker = db.prepare("SELECT count(*) FROM fts WHERE fts MATCH '\"Charlie Parker\"'").pluck().get() as number;
  assert.ok(parker >= 1);
});

test('importing the same files again adds nothing: each is recognized by its hash', async () => {
  const before = db.prepare('SELECT count(*) FROM events').pluck().get();
  const again = await runImport(db, { paths: [corporaDir] });
  for (const s of again.sources.filter((x) => !x.path.endsWith('SOURCES.md'))) assert.equal(s.status, 'already_imported', s.path);
  assert.equal(db.prepare('SELECT count(*) FROM events').pluck().get(), before);
});
