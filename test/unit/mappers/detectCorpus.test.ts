// Format detection over every real corpus file and every seed fixture: the registry must pick the
// right format for each file as a whole and for each record on its own, and no mapper may claim a
// record with more confidence than the right one — what a user sees as "detected format" on import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectMapper, mappers } from '../../../electron/engine/import/mappers/index.ts';
import { allCorpora } from './corpusFiles.ts';

const ctx = {};

for (const { format, file, records } of allCorpora()) {
  test(`${file} is detected as ${format}`, () => {
    assert.ok(records.length > 0);
    assert.equal(detectMapper(records, ctx).mapper.name, format);
    // The reader samples the first records; a file must be recognised from its first few too.
    assert.equal(detectMapper(records.slice(0, 5), ctx).mapper.name, format);
    const right = mappers.find((m) => m.name === format)!;
    records.forEach((r, i) => {
      const own = right.detect(r, ctx);
      assert.ok(own > 0.05, `record ${i + 1} not claimed by ${format}`);
      for (const other of mappers) {
        if (other === right) continue;
        assert.ok(other.detect(r, ctx) < own, `${other.name} claims record ${i + 1} at least as strongly as ${format}`);
      }
      assert.equal(detectMapper([r], ctx).mapper.name, format, `record ${i + 1}`);
    });
  });
}

test('every registered mapper maps each record of its own corpus without throwing', () => {
  for (const { format, records } of allCorpora()) {
    const mapper = mappers.find((m) => m.name === format)!;
    for (const r of records) assert.ok(mapper.map(r, ctx).length >= 1);
  }
});
