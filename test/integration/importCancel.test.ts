// Cancelling an import part-way through a big source, at several points: batches still being
// prepared by the parse workers when the import stops must not turn the cancel into a failure (they
// once did: terminating the workers rejected them, as "parse worker exited with code 1").
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openCase } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { writeEvents } from '../../bench/generate.ts';
import { tempDir } from '../helpers/tmp.ts';

const dir = tempDir();
const archive = join(dir, 'ct40k.jsonl');
const earlier = join(dir, 'earlier.jsonl');

before(async () => {
  await writeEvents({ format: 'cloudtrail', events: 40_000, seed: 21 }, archive);
  await writeEvents({ format: 'okta', events: 50, seed: 2 }, earlier);
});

// Progress is reported at most every few hundred ms: a threshold near the end could first be met by
// the last report, after which there is nothing left to cancel.
for (const after of [1, 4_000, 12_000, 24_000]) {
  test(`cancelled once ${after} of 40,000 records were read: cancelled, nothing of the source kept, the earlier source intact`, async () => {
    const db = openCase(join(dir, `cancel-${after}.sqlite`));
    try {
      await runImport(db, { paths: [earlier] });
      const ac = new AbortController();
      const r = await runImport(db, { paths: [archive], signal: ac.signal, onProgress: (p) => { if (p.records >= after) ac.abort(); } });
      assert.equal(r.cancelled, true);
      assert.deepEqual(r.sources.map((s) => s.status), ['cancelled'], JSON.stringify(r.sources));
      assert.equal(db.prepare('SELECT count(*) FROM events').pluck().get(), 50);
      assert.deepEqual(db.prepare('SELECT status FROM sources').pluck().all(), ['complete']);
    } finally {
      db.close();
    }
  });
}
