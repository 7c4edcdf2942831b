// Time qualifiers against a real case whose events sit around "now": on:-7d, on:yesterday, on:now
// pick exactly the events of that UTC day (the engine resolves relative values when it builds the
// query), and agree with the after:/before: pair that bounds the same day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { countEvents, pageEvents } from '../../electron/engine/query/index.ts';
import { tempDir } from '../helpers/tmp.ts';

const DAY = 86_400_000;
const dir = tempDir();
let db: CaseDb;
/** The UTC midnight of the day the case was built on. */
let today: number;

/** Offsets from a UTC midnight (hours) at which each day gets one event: its first and last minutes too. */
const HOURS = [0, 0.001, 11.5, 23.99];

before(async () => {
  today = Math.floor(Date.now() / DAY) * DAY;
  const lines: string[] = [];
  // Events on each of the last 9 UTC days (today included), one per offset, named after their day.
  for (let back = 0; back <= 8; back++) {
    for (const h of HOURS) {
      const t = today - back * DAY + Math.round(h * 3_600_000);
      if (t > Date.now()) continue; // nothing in the future: "today" holds what has happened so far
      lines.push(JSON.stringify({ id: `d${back}-${h}`, timestamp: new Date(t).toISOString(), action: `day.minus.${back}`, actor: 'clock', system: 'clockwork' }));
    }
  }
  writeFileSync(join(dir, 'days.jsonl'), `${lines.join('\n')}\n`);
  db = openCase(join(dir, 'days.sqlite'));
  await runImport(db, { paths: [join(dir, 'days.jsonl')] });
});
after(() => db.close());

const count = (query: string) => countEvents(db, { query }).total;
const actions = (query: string) => new Set(pageEvents(db, { query, from: 0, to: 1000 }).rows.map((r) => r.action));
/** Runs `fn` again when the UTC day changed under it (a test started just before midnight). */
function sameDay(fn: () => void): void {
  const start = Math.floor(Date.now() / DAY) * DAY;
  if (start !== today) return; // the case's "today" is yesterday now: the expectations below do not apply
  fn();
}

test('on:-7d is the whole UTC day seven days ago: its first and last minute included, its neighbours not', () => {
  sameDay(() => {
    assert.deepEqual(actions('on:-7d'), new Set(['day.minus.7']));
    assert.equal(count('on:-7d'), HOURS.length);
    const day = new Date(today - 7 * DAY).toISOString().slice(0, 10);
    assert.equal(count('on:-7d'), count(`on:${day}`), 'the same as the calendar date of that day');
    assert.equal(count('on:-7d'), count(`after:${day} before:${new Date(today - 6 * DAY).toISOString().slice(0, 10)}`));
  });
});

test('on:yesterday, on:-1d, on:-24h and on:now, on:today, on:-0d pick their days', () => {
  sameDay(() => {
    for (const q of ['on:yesterday', 'on:-1d']) assert.deepEqual(actions(q), new Set(['day.minus.1']), q);
    // -24h lands on yesterday at any time of day; "now" and -0d on today.
    assert.deepEqual(actions('on:-24h'), new Set(['day.minus.1']));
    for (const q of ['on:now', 'on:today', 'on:-0d']) assert.deepEqual(actions(q), new Set(['day.minus.0']), q);
  });
});

test('relative on: values combine with OR, NOT and other limits', () => {
  sameDay(() => {
    assert.deepEqual(actions('on:(-2d OR -3d)'), new Set(['day.minus.2', 'day.minus.3']));
    assert.equal(count('after:-9d -on:-7d'), count('after:-9d') - HOURS.length);
    assert.equal(count(`on:-7d after:${new Date(today - 7 * DAY + 12 * 3_600_000).toISOString()}`), 1, 'only the 23:59 event is after noon');
  });
});
