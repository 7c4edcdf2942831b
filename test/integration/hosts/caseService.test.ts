// The case service through dispatch on real case files: imports in the writer worker (progress,
// result, cancel), queries in the reader workers seeing each finished import, exports in their own
// worker, and a file that is not a case reported as such instead of crashing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressEvent, Result } from '../../../shared/contract.ts';
import { createCaseService } from '../../../electron/engine/service/caseService.ts';
import { createDispatch } from '../../../electron/engine/hosts/dispatch.ts';
import { corporaDir, tempDir } from '../../helpers/tmp.ts';

function value<T>(r: Result<unknown>): T {
  assert.ok(r.ok, `expected ok, got ${JSON.stringify(r)}`);
  return r.value as T;
}

function open(casePath: string) {
  const service = createCaseService({ casePath });
  const events: ProgressEvent[] = [];
  service.events.subscribe((e) => events.push(e));
  const dispatch = createDispatch(service.handlers);
  const done = (type: 'import.done' | 'export.done', id: string) => new Promise<ProgressEvent>((resolve) => {
    const found = events.find((e) => e.type === type && matches(e, id));
    if (found) return resolve(found);
    const off = service.events.subscribe((e) => { if (e.type === type && matches(e, id)) { off(); resolve(e); } });
  });
  return { service, dispatch, events, done };
}

/** JobStatus has no id of its own; the service guarantees the progress (zero at first) carries it. */
function matches(e: ProgressEvent, id: string): boolean {
  if (e.type === 'import.done') return e.payload.progress?.importId === id;
  if (e.type === 'export.done') return e.payload.progress?.exportId === id;
  return false;
}

test('an import runs in the writer worker with progress, and the next query sees it', async () => {
  const { service, dispatch, events, done } = open(join(tempDir(), 'a.sqlite'));
  try {
    const before = value<{ totals: { events: number } }>(await dispatch('case.info', {}));
    assert.equal(before.totals.events, 0);
    const { importId } = value<{ importId: string }>(await dispatch('import.start', { paths: [join(corporaDir, 'okta')] }));
    await done('import.done', importId);
    const status = value<{ state: string; result: { sources: { status: string; message: string | null }[] } }>(await dispatch('import.status', { importId }));
    assert.equal(status.state, 'done');
    assert.deepEqual(status.result.sources.map((s) => s.status), ['complete'], JSON.stringify(status.result.sources));
    assert.ok(events.some((e) => e.type === 'import.progress' && e.payload.importId === importId), 'progress carries the service’s import id');
    const after = value<{ totals: { events: number } }>(await dispatch('case.info', {}));
    assert.ok(after.totals.events > 0);
    const count = value<{ total: number }>(await dispatch('events.count', { query: '' }));
    assert.equal(count.total, after.totals.events);
    const page = value<{ rows: { id: string }[] }>(await dispatch('events.page', { from: 0, to: 5 }));
    assert.equal(page.rows.length, 5);
    const detail = value<{ id: string; raw: string }>(await dispatch('events.get', { id: page.rows[0]!.id }));
    assert.equal(detail.id, page.rows[0]!.id);
    assert.ok(detail.raw.length > 0);
  } finally {
    await service.close();
  }
});

test('an import cancelled at once keeps nothing, and one queued behind it is cancelled before it starts', async () => {
  const { service, dispatch, done } = open(join(tempDir(), 'b.sqlite'));
  try {
    const first = value<{ importId: string }>(await dispatch('import.start', { paths: [join(corporaDir, 'm365-ual-csv')] }));
    const second = value<{ importId: string }>(await dispatch('import.start', { paths: [join(corporaDir, 'okta')] }));
    assert.deepEqual(value(await dispatch('import.cancel', { importId: second.importId })), { cancelled: true });
    assert.deepEqual(value(await dispatch('import.cancel', { importId: first.importId })), { cancelled: true });
    await done('import.done', first.importId);
    await done('import.done', second.importId);
    const s2 = value<{ state: string; result: { sources: unknown[]; cancelled: boolean } }>(await dispatch('import.status', { importId: second.importId }));
    assert.equal(s2.state, 'cancelled');
    assert.deepEqual([s2.result.sources, s2.result.cancelled], [[], true], 'it never started');
    const s1 = value<{ state: string }>(await dispatch('import.status', { importId: first.importId }));
    // Cancel may land after the last record was written; either way nothing half-done is visible.
    if (s1.state === 'cancelled') assert.equal(value<{ totals: { events: number } }>(await dispatch('case.info', {})).totals.events, 0);
    else assert.equal(s1.state, 'done');
  } finally {
    await service.close();
  }
});

test('an export runs in its own worker and writes the file and its manifest', async () => {
  const dir = tempDir();
  const { service, dispatch, done } = open(join(dir, 'c.sqlite'));
  try {
    const imp = value<{ importId: string }>(await dispatch('import.start', { paths: [join(corporaDir, 'slack-audit')] }));
    await done('import.done', imp.importId);
    const out = join(dir, 'out.csv');
    const { exportId } = value<{ exportId: string }>(await dispatch('export.start', { query: '', path: out }));
    await done('export.done', exportId);
    const status = value<{ state: string; result: { path: string; manifestPath: string; rows: number } }>(await dispatch('export.status', { exportId }));
    assert.equal(status.state, 'done', JSON.stringify(status));
    assert.equal(status.result.path, out);
    assert.ok(existsSync(out) && existsSync(status.result.manifestPath));
    const total = value<{ totals: { events: number } }>(await dispatch('case.info', {})).totals.events;
    assert.equal(status.result.rows, total);
    assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, total + 1, 'header + one line per event');
  } finally {
    await service.close();
  }
});

test('a file that is not a case: ready rejects with case_corrupt and every call says so', async () => {
  const path = join(tempDir(), 'not-a-case.sqlite');
  writeFileSync(path, 'this is not an SQLite database, just text that happens to be long enough '.repeat(20));
  const { service, dispatch } = open(path);
  try {
    await assert.rejects(service.ready, (e: unknown) => (e as { code?: string }).code === 'case_corrupt');
    const r = await dispatch('case.info', {});
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'case_corrupt');
    const i = await dispatch('import.start', { paths: [join(corporaDir, 'okta')] });
    assert.equal(!i.ok && i.error.code, 'case_corrupt');
  } finally {
    await service.close();
  }
});

test('close() while an import runs cancels it and returns', async () => {
  const { service, dispatch } = open(join(tempDir(), 'd.sqlite'));
  const { importId } = value<{ importId: string }>(await dispatch('import.start', { paths: [corporaDir] }));
  await service.close();
  const s = value<{ state: string }>(await dispatch('import.status', { importId }));
  assert.notEqual(s.state, 'running');
  const after = await dispatch('case.info', {});
  assert.equal(!after.ok && after.error.code, 'cancelled', 'a closed service refuses calls');
});

test('a query call whose caller gave up answers cancelled, and the service answers the next one', async () => {
  const { service, dispatch } = open(join(tempDir(), 'unwanted.avcase'));
  try {
    value(await dispatch('import.start', { paths: [join(corporaDir, 'okta')] }));
    const unwanted = await dispatch('facets.list', { query: '', fields: ['action'] }, AbortSignal.abort());
    assert.equal(unwanted.ok, false);
    assert.equal(!unwanted.ok && unwanted.error.code, 'cancelled');
    const facets = value<{ field: string }[]>(await dispatch('facets.list', { query: '', fields: ['action'] }));
    assert.equal(facets[0]!.field, 'action');
  } finally {
    await service.close();
  }
});
