// Numbers a JS double cannot hold, reached by raw field paths: a 64-bit id is matched exactly by
// `path:value` and shown exactly as a facet value, as the importer stored it — never rounded to a
// neighbour (9007199254740993 and 9007199254740992 are the same double).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { countEvents, listFacets, pageEvents } from '../../electron/engine/query/index.ts';
import { requestSchemas } from '../../shared/contract.ts';
import { tempDir } from '../helpers/tmp.ts';

const dir = tempDir();
let db: CaseDb;

/** Records written as text, so the digits in the file are exactly these (no JS number involved). */
const RECORDS = [
  '{"id":"n1","timestamp":"2024-03-01T10:00:00Z","action":"grant","account":{"id":9007199254740993},"amount":0.12345678901234567891,"payload":"{\\"owner\\":18446744073709551615}","ids":[9007199254740993,1]}',
  '{"id":"n2","timestamp":"2024-03-01T10:01:00Z","action":"grant","account":{"id":9007199254740992},"amount":0.12345678901234567,"payload":"{\\"owner\\":18446744073709551614}","ids":[2]}',
  '{"id":"n3","timestamp":"2024-03-01T10:02:00Z","action":"grant","account":{"id":9007199254740993},"amount":1.5,"payload":"{\\"owner\\":18446744073709551615}","ids":[]}',
  '{"id":"n4","timestamp":"2024-03-01T10:03:00Z","action":"revoke","account":{"id":42},"amount":2}',
];

before(async () => {
  writeFileSync(join(dir, 'big.jsonl'), `${RECORDS.join('\n')}\n`);
  db = openCase(join(dir, 'big.sqlite'));
  await runImport(db, { paths: [join(dir, 'big.jsonl')] });
});
after(() => db.close());

const count = (query: string) => countEvents(db, { query }).total;
/** Record numbers (line in the file) of the matches, in file order. */
const ids = (query: string) => pageEvents(db, { query, from: 0, to: 100 }).rows.map((r) => r.recordNo).sort((a, b) => a - b);
const facet = (query: string, field: string) => {
  const [f] = listFacets(db, requestSchemas['facets.list'].parse({ query, fields: [field], limit: 20 }) as never);
  return f!;
};

test('a 64-bit id in a field path matches exactly, not its double neighbour', () => {
  assert.equal(count('account.id:9007199254740993'), 2);
  assert.deepEqual(ids('account.id:9007199254740993'), [1, 3]);
  assert.equal(count('account.id:9007199254740992'), 1);
  assert.deepEqual(ids('account.id:9007199254740992'), [2]);
  assert.equal(count('account.id:9007199254740994'), 0, 'no record has it (a double would make it …992 or …996)');
  assert.equal(count('-account.id:9007199254740993'), 2);
  assert.equal(count('account.id:900719925474099?'), 3, 'a wildcard sees the digits as written');
  assert.equal(count('account.id:42'), 1, 'small numbers still compare as their text');
});

test('inside JSON held in a string, in arrays, and with many decimals', () => {
  assert.equal(count('payload.owner:18446744073709551615'), 2);
  assert.equal(count('payload.owner:18446744073709551614'), 1);
  assert.equal(count('ids:9007199254740993'), 1, 'an array matches when any element does');
  assert.equal(count('ids:9007199254740992'), 0);
  assert.equal(count('amount:0.12345678901234567891'), 1);
  assert.equal(count('amount:0.12345678901234567'), 1);
});

test('a field-path facet shows each 64-bit value exactly, with its own count', () => {
  const f = facet('', 'account.id');
  assert.deepEqual(f.values.map((v) => [v.value, v.count]), [['9007199254740993', 2], ['9007199254740992', 1], ['42', 1]]);
  assert.equal(f.missing, 0);
  assert.equal(f.timedOut, false);
  const owners = facet('action:grant', 'payload.owner');
  assert.deepEqual(owners.values.map((v) => [v.value, v.count]), [['18446744073709551615', 2], ['18446744073709551614', 1]]);
  // Clicking a value gives back exactly its events.
  for (const v of f.values) assert.equal(count(`account.id:${v.value}`), v.count, v.value);
});
