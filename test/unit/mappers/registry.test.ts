// The mapper registry: every format is listed once, found by name, and detection picks the format
// with the highest mean confidence, falling back to the generic mapper when nothing claims a source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectMapper, findMapper, mappers } from '../../../electron/engine/import/mappers/index.ts';

const cloudtrail = { eventVersion: '1.08', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventTime: '2024-01-01T00:00:00Z' };

test('every mapper has a unique name and the generic mapper is last', () => {
  const names = mappers.map((m) => m.name);
  assert.equal(new Set(names).size, names.length);
  assert.equal(mappers[mappers.length - 1]!.name, 'generic');
  for (const n of ['aws-cloudtrail', 'okta', 'github-audit', 'm365-ual', 'google-workspace', 'azure-activity']) {
    assert.equal(findMapper(n)?.name, n);
  }
  assert.equal(findMapper('no-such-format'), undefined);
});

test('detection averages over the samples', () => {
  const { mapper, confidence } = detectMapper([cloudtrail, cloudtrail, { unrelated: true }], {});
  assert.equal(mapper.name, 'aws-cloudtrail');
  assert.ok(Math.abs(confidence - (0.95 * 2) / 3) < 1e-9);
});

test('nothing recognisable, or no samples at all, falls back to the generic mapper', () => {
  assert.equal(detectMapper([{ unrelated: true }, { also: 1 }], {}).mapper.name, 'generic');
  assert.deepEqual(detectMapper([], {}).confidence, 0);
  assert.equal(detectMapper([], {}).mapper.name, 'generic');
});
