// parseTime: every timestamp spelling the supported archives use, and every way it can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTime } from '../../shared/time.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

test('missing values are flagged missing with no text', () => {
  for (const v of [undefined, null, '', '   ']) assert.deepEqual(parseTime(v), { ms: null, text: null, flag: 'missing' });
});

test('epoch numbers: unit guessed from magnitude', () => {
  assert.deepEqual(parseTime(1700000000), { ms: 1700000000000, text: '1700000000', flag: 'ok' }); // Slack seconds
  assert.deepEqual(parseTime(1741611463961), { ms: 1741611463961, text: '1741611463961', flag: 'ok' }); // GitHub ms
  assert.deepEqual(parseTime(1700000000123456), { ms: 1700000000123, subMsNanos: 456000, text: '1700000000123456', flag: 'ok' });
  assert.equal(parseTime(0).ms, 0);
  assert.equal(parseTime(99999999999).ms, 99999999999000); // just under 1e11 → still seconds
  assert.equal(parseTime(100000000000).ms, 100000000000); // 1e11 → milliseconds
});

test('epoch strings, including digits beyond 2^53, lose no precision', () => {
  assert.deepEqual(parseTime('1741611463961'), { ms: 1741611463961, text: '1741611463961', flag: 'ok' });
  assert.deepEqual(parseTime('1700000000123456789'), { ms: 1700000000123, subMsNanos: 456789, text: '1700000000123456789', flag: 'ok' });
  assert.deepEqual(parseTime('1700000000.123456'), { ms: 1700000000123, subMsNanos: 456000, text: '1700000000.123456', flag: 'ok' });
  assert.deepEqual(parseTime('  1700000000 '), { ms: 1700000000000, text: '  1700000000 ', flag: 'ok' });
  assert.equal(parseTime('0001700000000').ms, 1700000000000, 'leading zeros do not change the unit');
});

test('an explicit unit overrides the magnitude guess', () => {
  assert.equal(parseTime(1700000000, { unit: 'ms' }).ms, 1700000000);
  assert.equal(parseTime('1700000000', { unit: 'us' }).ms, 1700000);
  assert.deepEqual(parseTime('1234567', { unit: 'ns' }), { ms: 1, subMsNanos: 234567, text: '1234567', flag: 'ok' });
  assert.equal(parseTime(1.5, { unit: 's' }).ms, 1500);
});

test('negative epochs floor towards the past', () => {
  assert.equal(iso(parseTime(-1).ms), '1969-12-31T23:59:59.000Z');
  assert.equal(parseTime('-1.5').ms, -1500);
  assert.deepEqual(parseTime('-1', { unit: 'ns' }), { ms: -1, subMsNanos: 999999, text: '-1', flag: 'ok' });
  assert.deepEqual(parseTime('-1000000000000000001'), { ms: -1000000000001, subMsNanos: 999999, text: '-1000000000000000001', flag: 'ok' });
});

test('bigint epochs are read exactly', () => {
  assert.equal(parseTime(1700000000123456789n).ms, 1700000000123);
});

test('ISO 8601 / RFC 3339 with Z and offsets in every spelling', () => {
  assert.deepEqual(parseTime('2021-07-05T13:03:37Z'), { ms: Date.UTC(2021, 6, 5, 13, 3, 37), text: '2021-07-05T13:03:37Z', flag: 'ok' });
  assert.equal(iso(parseTime('2022-01-24T08:48:05.645+0000').ms), '2022-01-24T08:48:05.645Z'); // Jira
  assert.equal(iso(parseTime('2024-01-01T10:00:00+05:30').ms), '2024-01-01T04:30:00.000Z');
  assert.equal(iso(parseTime('2024-01-01T10:00:00-0800').ms), '2024-01-01T18:00:00.000Z');
  assert.equal(iso(parseTime('2024-01-01T10:00:00+01').ms), '2024-01-01T09:00:00.000Z');
  assert.equal(iso(parseTime('2024-01-01T10:00+01:00').ms), '2024-01-01T09:00:00.000Z', 'no seconds');
  assert.equal(iso(parseTime('2024-01-01t10:00:00z').ms), '2024-01-01T10:00:00.000Z', 'lower-case t and z');
  assert.equal(iso(parseTime('2024-01-01 10:00:00 UTC').ms), '2024-01-01T10:00:00.000Z');
});

test('Postgres style: space separator, microseconds and +00', () => {
  assert.deepEqual(parseTime('2024-02-01 04:04:39.198523+00'), {
    ms: Date.UTC(2024, 1, 1, 4, 4, 39, 198), subMsNanos: 523000, text: '2024-02-01 04:04:39.198523+00', flag: 'ok',
  });
});

test('fractions of 1 to 9 digits keep their sub-millisecond part', () => {
  const base = Date.UTC(2023, 0, 1);
  assert.equal(parseTime('2023-01-01T00:00:00.5Z').ms, base + 500);
  assert.deepEqual(parseTime('2023-01-01T00:00:00.1234567Z'), { ms: base + 123, subMsNanos: 456700, text: '2023-01-01T00:00:00.1234567Z', flag: 'ok' }); // Azure
  assert.deepEqual(parseTime('2023-01-01T00:00:00.123456789Z'), { ms: base + 123, subMsNanos: 456789, text: '2023-01-01T00:00:00.123456789Z', flag: 'ok' }); // GCP
  assert.equal(parseTime('2023-01-01T00:00:00.000Z').subMsNanos, undefined);
});

test('zoneless ISO and date-only are UTC, flagged no_zone unless the format says UTC', () => {
  assert.deepEqual(parseTime('2023-09-20T04:05:03'), { ms: Date.UTC(2023, 8, 20, 4, 5, 3), text: '2023-09-20T04:05:03', flag: 'no_zone' }); // M365
  assert.deepEqual(parseTime('2024-01-01'), { ms: Date.UTC(2024, 0, 1), text: '2024-01-01', flag: 'no_zone' });
  assert.equal(parseTime('2023-09-20T04:05:03', { assumeUtc: true }).flag, 'ok');
});

test('trailing whitespace is tolerated and the original text kept', () => {
  const t = parseTime('2026-01-24T06:54:24.0000000Z ');
  assert.equal(iso(t.ms), '2026-01-24T06:54:24.000Z');
  assert.equal(t.text, '2026-01-24T06:54:24.0000000Z ');
  assert.equal(t.flag, 'ok');
});

test('US locale M/D/YYYY h:mm:ss AM|PM is UTC with no_zone', () => {
  assert.deepEqual(parseTime('9/20/2023 4:05:03 AM'), { ms: Date.UTC(2023, 8, 20, 4, 5, 3), text: '9/20/2023 4:05:03 AM', flag: 'no_zone' });
  assert.equal(iso(parseTime('1/9/2007 9:41:00 AM').ms), '2007-01-09T09:41:00.000Z');
  assert.equal(iso(parseTime('12/31/2023 12:00:00 AM').ms), '2023-12-31T00:00:00.000Z', 'midnight');
  assert.equal(iso(parseTime('12/31/2023 12:30:00 PM').ms), '2023-12-31T12:30:00.000Z', 'noon');
  assert.equal(iso(parseTime('12/31/2023 11:59:59 pm').ms), '2023-12-31T23:59:59.000Z');
  assert.equal(iso(parseTime('3/4/2023 17:05').ms), '2023-03-04T17:05:00.000Z', '24-hour without marker');
  assert.equal(iso(parseTime('3/4/2023').ms), '2023-03-04T00:00:00.000Z');
});

test('legacy Java dates (CloudTrail payloads) are UTC with no_zone', () => {
  assert.deepEqual(parseTime('Jul 4, 2021 12:58:51 PM'), { ms: Date.UTC(2021, 6, 4, 12, 58, 51), text: 'Jul 4, 2021 12:58:51 PM', flag: 'no_zone' });
  assert.equal(iso(parseTime('Mar 17, 2023 5:07:59 PM').ms), '2023-03-17T17:07:59.000Z');
  assert.equal(iso(parseTime('July 4, 2021 1:03:43\u202fAM').ms), '2021-07-04T01:03:43.000Z', 'full month name, narrow no-break space');
});

test('HTTP dates carry their zone', () => {
  assert.deepEqual(parseTime('Tue, 10 Feb 2026 16:19:37 GMT'), { ms: Date.UTC(2026, 1, 10, 16, 19, 37), text: 'Tue, 10 Feb 2026 16:19:37 GMT', flag: 'ok' });
  assert.equal(iso(parseTime('10 Feb 2026 16:19:37 +0100').ms), '2026-02-10T15:19:37.000Z');
});

test('absurd but representable instants parse', () => {
  assert.equal(iso(parseTime('0000-01-01T00:00:00Z').ms), '0000-01-01T00:00:00.000Z');
  assert.equal(iso(parseTime('9999-12-31T23:59:59.999Z').ms), '9999-12-31T23:59:59.999Z');
  assert.equal(iso(parseTime('2024-02-29T00:00:00Z').ms), '2024-02-29T00:00:00.000Z', 'leap day');
  assert.equal(iso(parseTime('2016-12-31T23:59:60Z').ms), '2017-01-01T00:00:00.000Z', 'leap second rolls over');
});

test('years below 100 keep their year (no Date.UTC 19xx shift)', () => {
  assert.equal(iso(parseTime('0099-03-01T00:00:00Z').ms), '0099-03-01T00:00:00.000Z');
  assert.equal(iso(parseTime('1/1/0050').ms), '0050-01-01T00:00:00.000Z');
});

test('unparseable text is invalid with the text kept, never a throw', () => {
  const bad = [
    'garbage', 'yesterday', '2023-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2023-04-31', '2023-01-01T24:00:00Z',
    '2023-01-01T10:60:00Z', '2023-01-01T10:00:61Z', '2023-01-01T10:00:00+25:00', '2023-01-01T10:00:00+05:75',
    '2023-1-1', '13/1/2023', '0/1/2023', '1/32/2023', '2/30/2023 1:00:00 AM', '1/1/2023 13:00:00 PM', '1/1/2023 0:00:00 AM',
    'Foo 4, 2021 12:58:51 PM', 'Jul 4 2021', '12abc', '1.2.3', '--1', '-', '1e5', 'Tue, 10 Feb 2026 16:19:37 XYZ',
    '2023-01-01T10:00:00Z trailing', '2'.repeat(200),
  ];
  for (const text of bad) assert.deepEqual(parseTime(text), { ms: null, text, flag: 'invalid' }, text);
});

test('epochs Date cannot represent are invalid', () => {
  assert.equal(parseTime('99999999999999999999999').flag, 'invalid');
  assert.equal(parseTime(8.64e15 + 1, { unit: 'ms' }).flag, 'invalid');
  assert.equal(parseTime(8.64e15, { unit: 'ms' }).flag, 'ok');
  assert.deepEqual(parseTime(NaN), { ms: null, text: 'NaN', flag: 'invalid' });
  assert.deepEqual(parseTime(Infinity), { ms: null, text: 'Infinity', flag: 'invalid' });
});

test('values of other types are invalid, described as text', () => {
  assert.deepEqual(parseTime(true), { ms: null, text: 'true', flag: 'invalid' });
  assert.deepEqual(parseTime({ a: 1 }), { ms: null, text: '{"a":1}', flag: 'invalid' });
  assert.deepEqual(parseTime([1]), { ms: null, text: '[1]', flag: 'invalid' });
});

test('fractional epoch numbers read as the digits they were written with (no binary-float drift)', () => {
  assert.equal(parseTime(1700000000.123).ms, 1700000000123); // toFixed(9) would say …122.999907
  assert.equal(parseTime(1700000000.001).ms, 1700000000001);
  assert.equal(parseTime(-1.5).ms, -1500);
  assert.equal(parseTime(1.7e9).ms, 1700000000000);
});
