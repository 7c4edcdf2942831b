// after:/before:/on: with a fixed clock: every value form resolves to exact UTC bounds, and the
// top-level time qualifiers intersect into one range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from '../../../shared/query/index.ts';
import { NOW, parseOk } from './helpers.ts';

const D = 86_400_000;
const U = Date.UTC;

function range(q: string, now = NOW): [number | null, number | null] {
  const a = parseQuery(q, { now });
  if (!a.ok) assert.fail(`${q}: ${a.error.message}`);
  assert.equal(a.ast.kind, 'time', q);
  if (a.ast.kind !== 'time') throw new Error('unreachable');
  return [a.ast.fromMs, a.ast.toMs];
}

test('the time node keeps op and value as typed', () => {
  const n = parseOk('after:2024-01-05');
  assert.deepEqual(n, { kind: 'time', op: 'after', value: '2024-01-05', fromMs: U(2024, 0, 5), toMs: null, span: { start: 0, end: 16 } });
});

test('after: starts at the value, before: ends at its start, on: covers its granularity', () => {
  assert.deepEqual(range('after:2024-01-05'), [U(2024, 0, 5), null]);
  assert.deepEqual(range('before:2024-01-05'), [null, U(2024, 0, 5)]);
  assert.deepEqual(range('on:2024-01-05'), [U(2024, 0, 5), U(2024, 0, 6)]);
  assert.deepEqual(range('on:2024-01'), [U(2024, 0, 1), U(2024, 1, 1)]);
  assert.deepEqual(range('on:2024-12'), [U(2024, 11, 1), U(2025, 0, 1)]);
  assert.deepEqual(range('on:2024'), [U(2024, 0, 1), U(2025, 0, 1)]);
  assert.deepEqual(range('after:2024-02'), [U(2024, 1, 1), null]);
  assert.deepEqual(range('before:2025'), [null, U(2025, 0, 1)]);
  assert.deepEqual(range('on:2024-02-29'), [U(2024, 1, 29), U(2024, 2, 1)], 'leap day');
  assert.deepEqual(range('on:2024-12-31'), [U(2024, 11, 31), U(2025, 0, 1)]);
  assert.deepEqual(range('on:0099'), [Date.parse('0099-01-01T00:00:00Z'), Date.parse('0100-01-01T00:00:00Z')], 'years below 100 are not 19xx');
});

test('timestamps: minute, second and fraction granularity; zones', () => {
  assert.deepEqual(range('on:2024-05-05T10:30'), [U(2024, 4, 5, 10, 30), U(2024, 4, 5, 10, 31)]);
  assert.deepEqual(range('on:2024-05-05T10:30:15'), [U(2024, 4, 5, 10, 30, 15), U(2024, 4, 5, 10, 30, 16)]);
  assert.deepEqual(range('on:2024-05-05T10:30:15.5'), [U(2024, 4, 5, 10, 30, 15, 500), U(2024, 4, 5, 10, 30, 15, 600)]);
  assert.deepEqual(range('on:2024-05-05T10:30:15.12'), [U(2024, 4, 5, 10, 30, 15, 120), U(2024, 4, 5, 10, 30, 15, 130)]);
  assert.deepEqual(range('on:2024-05-05T10:30:15.123'), [U(2024, 4, 5, 10, 30, 15, 123), U(2024, 4, 5, 10, 30, 15, 124)]);
  assert.deepEqual(range('on:2024-05-05T10:30:15.1234567'), [U(2024, 4, 5, 10, 30, 15, 123), U(2024, 4, 5, 10, 30, 15, 124)]);
  assert.deepEqual(range('after:2024-05-05T10:30'), [U(2024, 4, 5, 10, 30), null], 'no zone is UTC');
  assert.deepEqual(range('after:2024-05-05T10:30Z'), [U(2024, 4, 5, 10, 30), null]);
  assert.deepEqual(range('after:2024-05-05t10:30z'), [U(2024, 4, 5, 10, 30), null]);
  assert.deepEqual(range('after:2024-05-05T10:30+02:00'), [U(2024, 4, 5, 8, 30), null]);
  assert.deepEqual(range('after:2024-05-05T10:30:00-05:30'), [U(2024, 4, 5, 16, 0), null]);
  assert.deepEqual(range('after:2024-05-05T10:30+0200'), [U(2024, 4, 5, 8, 30), null], 'Jira-style offset without colon');
  assert.deepEqual(range('after:2024-05-05T00:30+02:00'), [U(2024, 4, 4, 22, 30), null], 'crosses midnight');
  assert.deepEqual(range('before:"2024-05-05 10:30"'), [null, U(2024, 4, 5, 10, 30)], 'a space separator when quoted');
});

test('relative values count back from now', () => {
  assert.deepEqual(range('after:-7d'), [NOW - 7 * D, null]);
  assert.deepEqual(range('after:-24h'), [NOW - D, null]);
  assert.deepEqual(range('after:-30m'), [NOW - 30 * 60_000, null]);
  assert.deepEqual(range('after:-2w'), [NOW - 14 * D, null]);
  assert.deepEqual(range('after:-3mo'), [U(2024, 1, 15, 12, 30), null], 'calendar months');
  assert.deepEqual(range('after:-1y'), [U(2023, 4, 15, 12, 30), null]);
  assert.deepEqual(range('before:-7d'), [null, NOW - 7 * D]);
  assert.deepEqual(range('after:-7D'), [NOW - 7 * D, null], 'units are case-insensitive');
  assert.deepEqual(range('after:-0d'), [NOW, null]);
  assert.deepEqual(range('after:-14mo'), [U(2023, 2, 15, 12, 30), null], 'months cross years');
});

test('calendar steps clamp to the end of shorter months', () => {
  const endOfMarch = U(2024, 2, 31, 9, 0);
  assert.deepEqual(range('after:-1mo', endOfMarch), [U(2024, 1, 29, 9, 0), null]);
  assert.deepEqual(range('after:-1y', U(2024, 1, 29)), [U(2023, 1, 28), null]);
});

test('now, today and yesterday (UTC days)', () => {
  assert.deepEqual(range('after:now'), [NOW, null]);
  assert.deepEqual(range('before:now'), [null, NOW]);
  assert.deepEqual(range('on:today'), [U(2024, 4, 15), U(2024, 4, 16)]);
  assert.deepEqual(range('after:today'), [U(2024, 4, 15), null]);
  assert.deepEqual(range('before:today'), [null, U(2024, 4, 15)]);
  assert.deepEqual(range('on:yesterday'), [U(2024, 4, 14), U(2024, 4, 15)]);
  assert.deepEqual(range('after:Yesterday'), [U(2024, 4, 14), null]);
  assert.deepEqual(range('on:TODAY', U(2024, 0, 1, 0, 0, 0, 1)), [U(2024, 0, 1), U(2024, 0, 2)]);
  assert.deepEqual(range('on:yesterday', U(2024, 0, 1)), [U(2023, 11, 31), U(2024, 0, 1)], 'across a year');
});

test('on: with a relative value or now covers the whole UTC day the instant falls on', () => {
  // NOW is 12:30 on 15 May 2024 (UTC).
  assert.deepEqual(range('on:-7d'), [U(2024, 4, 8), U(2024, 4, 9)]);
  assert.deepEqual(range('on:-1d'), range('on:yesterday'), '-1d is yesterday');
  assert.deepEqual(range('on:-0d'), range('on:today'));
  assert.deepEqual(range('on:now'), [U(2024, 4, 15), U(2024, 4, 16)], 'now is today');
  assert.deepEqual(range('on:-12h'), [U(2024, 4, 15), U(2024, 4, 16)], '00:30 the same day');
  assert.deepEqual(range('on:-13h'), [U(2024, 4, 14), U(2024, 4, 15)], '23:30 the day before');
  assert.deepEqual(range('on:-30m', U(2024, 4, 15, 0, 10)), [U(2024, 4, 14), U(2024, 4, 15)], 'across midnight');
  assert.deepEqual(range('on:-2w'), [U(2024, 4, 1), U(2024, 4, 2)]);
  assert.deepEqual(range('on:-3mo'), [U(2024, 1, 15), U(2024, 1, 16)], 'calendar months, as after: counts them');
  assert.deepEqual(range('on:-1y', U(2024, 1, 29, 8)), [U(2023, 1, 28), U(2023, 2, 1)], 'clamped to the shorter month');
  // The day is the one after: would start in: its start is after:'s instant floored to midnight.
  for (const v of ['-7d', '-36h', '-3mo', 'now']) {
    const [from] = range(`after:${v}`);
    const [dayStart, dayEnd] = range(`on:${v}`);
    assert.ok(dayStart! <= from! && from! < dayEnd!, v);
    assert.equal(dayEnd! - dayStart!, D, v);
  }
});

test('on: with a relative value intersects with other limits like any on:', () => {
  const r = parseQuery('on:-7d after:2024-05-08T12:00', { now: NOW });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.timeRange, { fromMs: U(2024, 4, 8, 12), toMs: U(2024, 4, 9) });
});

test('without opts.now the clock is Date.now()', () => {
  const before = Date.now();
  const r = parseQuery('after:-1d');
  const after = Date.now();
  assert.ok(r.ok && r.ast.kind === 'time');
  if (!r.ok || r.ast.kind !== 'time') return;
  assert.ok(r.ast.fromMs! >= before - D && r.ast.fromMs! <= after - D);
});

test('time qualifiers on the top-level AND chain intersect into timeRange', () => {
  const tr = (q: string) => {
    const r = parseQuery(q, { now: NOW });
    assert.ok(r.ok, q);
    return r.ok ? r.timeRange : undefined;
  };
  assert.equal(tr('foo'), null);
  assert.deepEqual(tr('after:2024-01'), { fromMs: U(2024, 0, 1), toMs: null });
  assert.deepEqual(tr('after:2024-01 before:2024-03 foo'), { fromMs: U(2024, 0, 1), toMs: U(2024, 2, 1) });
  assert.deepEqual(tr('after:2024-01 after:2024-02-10'), { fromMs: U(2024, 1, 10), toMs: null });
  assert.deepEqual(tr('on:2024-03 before:2024-03-10 AND after:-1y'), { fromMs: U(2024, 2, 1), toMs: U(2024, 2, 10) });
  assert.deepEqual(tr('(after:2024-01 x) y'), { fromMs: U(2024, 0, 1), toMs: null }, 'nested AND groups still constrain every match');
  assert.equal(tr('after:2024-01 OR foo'), null, 'under OR the node stays a node');
  assert.equal(tr('-after:2024-01'), null, 'under NOT the node stays a node');
  assert.equal(tr('on:(2024-01 OR 2024-03)'), null);
});

test('a contradictory time range parses, with a warning', () => {
  const r = parseQuery('after:2024-05 before:2024-01', { now: NOW });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.timeRange, { fromMs: U(2024, 4, 1), toMs: U(2024, 0, 1) });
  assert.deepEqual(r.warnings.map((w) => w.message), ['These time limits leave no time in between, so nothing can match']);
});
