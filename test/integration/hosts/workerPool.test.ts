// WorkerPool, the mechanism behind query budgets: a call past its budget answers timed_out, its
// worker is replaced, and the pool keeps serving; AppErrors and dying workers are reported;
// background calls never hold every worker; unwanted calls stop between statements and keep their
// worker, and only one that cannot stop is terminated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STOP_GRACE_MS, WorkerPool } from '../../../electron/engine/service/workerPool.ts';
import { AppError } from '../../../shared/errors.ts';

const entry = new URL('./fixtures/spinWorker.ts', import.meta.url);

/** A pool of `size` spin workers for one test, closed after it whatever happens. */
async function withPool(size: number, body: (pool: WorkerPool) => Promise<void>, opts: { describe?: () => string } = {}): Promise<void> {
  const pool = new WorkerPool({ entry, workerData: null, size, ...opts });
  try { await body(pool); } finally { await pool.close(); }
}

/** The order in which calls answered: `promise.then(done('name'))`. */
function recordOrder(): { order: string[]; done: (name: string) => <T>(v: T) => T } {
  const order: string[] = [];
  return { order, done: (name) => (v) => { order.push(name); return v; } };
}

test('a call past its budget is stopped as timed_out and the pool serves the next call on a fresh worker', () => withPool(1, async (pool) => {
  const before = (await pool.call('echo', 1, 5000)) as { threadId: number };
  const started = Date.now();
  await assert.rejects(pool.call('spin', { ms: 60_000 }, 200), (e: unknown) => e instanceof AppError && e.code === 'timed_out' && /The spin ran past its 200 ms budget/.test(e.message));
  assert.ok(Date.now() - started < 5000, 'answered near the budget, not after the spin');
  const after = (await pool.call('echo', 2, 5000)) as { echo: number; threadId: number };
  assert.equal(after.echo, 2);
  assert.notEqual(after.threadId, before.threadId, 'the stuck worker was replaced');
}, { describe: () => 'The spin' }));

test('calls queued behind a slow one run on the other worker', () => withPool(2, async (pool) => {
  // Margins wide enough for a loaded machine: the spin is 2 s, waiting for it would show.
  const slow = pool.call('spin', { ms: 2000 }, 10_000);
  const started = Date.now();
  assert.deepEqual(((await pool.call('echo', 'fast', 5000)) as { echo: string }).echo, 'fast');
  assert.ok(Date.now() - started < 1500, 'the fast call did not wait for the slow one');
  await slow;
}));

test('AppErrors keep their code across the thread; a worker that dies fails only its call', () => withPool(1, async (pool) => {
  await assert.rejects(pool.call('fail', null, 5000), (e: unknown) => e instanceof AppError && e.code === 'not_found');
  await assert.rejects(pool.call('crash', null, 5000), /exited with code 3/);
  assert.equal(((await pool.call('echo', 3, 5000)) as { echo: number }).echo, 3);
}));

test('close() answers running and queued calls as cancelled', async () => {
  const pool = new WorkerPool({ entry, workerData: null, size: 1 });
  await pool.call('echo', 0, 5000); // the worker is up, so the spin below is running, not queued
  const running = pool.call('spin', { ms: 60_000 }, 120_000);
  const queued = pool.call('echo', 1, 120_000);
  const isCancelled = (e: unknown) => e instanceof AppError && e.code === 'cancelled';
  const answered = Promise.all([assert.rejects(running, isCancelled), assert.rejects(queued, isCancelled)]);
  await pool.close();
  await answered;
});

test('background calls wait behind the others and leave one worker free: rows never queue behind counts', () => withPool(2, async (pool) => {
  await Promise.all([pool.call('echo', 0, 5000), pool.call('echo', 0, 5000)]); // both workers up
  const { order, done } = recordOrder();
  const count = pool.call('spin', { ms: 2000 }, 10_000, { background: true }).then(done('count'));
  const facets = pool.call('echo', 'facets', 5000, { background: true }).then(done('facets'));
  const started = Date.now();
  const page = await pool.call('echo', 'page', 5000).then(done('page'));
  assert.equal((page as { echo: string }).echo, 'page');
  assert.ok(Date.now() - started < 1500, 'the page ran on the free worker, not after the count');
  await Promise.all([count, facets]);
  assert.deepEqual(order, ['page', 'count', 'facets'], 'the second background call waited for the first');
}));

test('a call goes ahead of waiting background calls, behind earlier calls that are not', () => withPool(1, async (pool) => {
  await pool.call('echo', 0, 5000); // the worker is up, so the spin below is running, not queued
  const { order, done } = recordOrder();
  const busy = pool.call('spin', { ms: 200 }, 5000).then(done('running'));
  const calls = [
    pool.call('echo', 'facets', 5000, { background: true }).then(done('facets')),
    pool.call('echo', 'count', 5000, { background: true }).then(done('count')),
    pool.call('echo', 'page 1', 5000).then(done('page 1')),
    pool.call('echo', 'page 2', 5000).then(done('page 2')),
  ];
  await Promise.all([busy, ...calls]);
  assert.deepEqual(order, ['running', 'page 1', 'page 2', 'facets', 'count']);
}));

test('a call nobody wants any more: dropped while waiting; running in the background and never checking, its worker is terminated after the grace time', () => withPool(1, async (pool) => {
  const before = (await pool.call('echo', 0, 5000)) as { threadId: number };
  const isCancelled = (e: unknown) => e instanceof AppError && e.code === 'cancelled';
  const running = new AbortController();
  const waiting = new AbortController();
  const stale = pool.call('spin', { ms: 60_000 }, 120_000, { background: true, signal: running.signal });
  const queued = pool.call('echo', 'never', 120_000, { background: true, signal: waiting.signal });
  const started = Date.now();
  waiting.abort();
  await assert.rejects(queued, isCancelled);
  running.abort();
  await assert.rejects(stale, isCancelled);
  const after = (await pool.call('echo', 1, 5000)) as { echo: number; threadId: number };
  assert.ok(Date.now() - started < 10_000, 'the spin was stopped, not waited for');
  assert.ok(Date.now() - started >= STOP_GRACE_MS, 'it was given the grace time to stop on its own first');
  assert.equal(after.echo, 1);
  assert.notEqual(after.threadId, before.threadId, 'the stopped worker was replaced');
  await assert.rejects(pool.call('echo', 2, 5000, { signal: AbortSignal.abort() }), isCancelled, 'already unwanted: not queued');
}));

test('a running call that is not background finishes even when unwanted: it is short, and its worker keeps its caches', () => withPool(1, async (pool) => {
  const first = (await pool.call('echo', 0, 5000)) as { threadId: number };
  const ac = new AbortController();
  const page = pool.call('spin', { ms: 150 }, 5000, { signal: ac.signal });
  ac.abort();
  assert.deepEqual(await page, { spun: true });
  assert.equal(((await pool.call('echo', 1, 5000)) as { threadId: number }).threadId, first.threadId, 'the same worker serves on');
}));

test('an unwanted background walk stops at its next check: cancelled at once, and the same worker serves the next call', () => withPool(2, async (pool) => {
  // Two calls long enough to hold both workers at once, so both thread ids are known (two echoes
  // can both land on the first worker and leave the other's id unseen).
  const before = await Promise.all([pool.call('steps', { n: 4, ms: 50 }, 5000), pool.call('steps', { n: 4, ms: 50 }, 5000)]) as { threadId: number }[];
  assert.notEqual(before[0]!.threadId, before[1]!.threadId, 'the two calls ran on the two workers');
  const isCancelled = (e: unknown) => e instanceof AppError && e.code === 'cancelled';
  const ac = new AbortController();
  // 200 steps of 50 ms: 10 s if nothing stopped it.
  const walk = pool.call('steps', { n: 200, ms: 50 }, 60_000, { background: true, signal: ac.signal });
  await new Promise((r) => setTimeout(r, 200));
  const started = Date.now();
  ac.abort();
  await assert.rejects(walk, isCancelled);
  // The next background call needs the worker the walk had: it gets it once the walk has stopped.
  const next = (await pool.call('steps', { n: 1, ms: 1 }, 5000, { background: true })) as { threadId: number };
  assert.ok(Date.now() - started < STOP_GRACE_MS, 'the walk stopped on its own, before the grace time ran out');
  assert.ok(before.some((b) => b.threadId === next.threadId), 'no worker was replaced');
}));

test('an unwanted foreground walk stops at its next check too, and its caller hears cancelled', () => withPool(1, async (pool) => {
  const before = (await pool.call('echo', 0, 5000)) as { threadId: number };
  const ac = new AbortController();
  const walk = pool.call('steps', { n: 200, ms: 50 }, 60_000, { signal: ac.signal });
  await new Promise((r) => setTimeout(r, 200));
  const started = Date.now();
  ac.abort();
  await assert.rejects(walk, (e: unknown) => e instanceof AppError && e.code === 'cancelled' && /no longer wanted/.test(e.message));
  assert.ok(Date.now() - started < STOP_GRACE_MS);
  assert.equal(((await pool.call('echo', 1, 5000)) as { threadId: number }).threadId, before.threadId, 'the same worker serves on');
}));

test('a stop request belongs to its call: the next call on that worker runs to the end', () => withPool(1, async (pool) => {
  const ac = new AbortController();
  const walk = pool.call('steps', { n: 200, ms: 20 }, 60_000, { background: true, signal: ac.signal });
  await new Promise((r) => setTimeout(r, 100));
  ac.abort();
  await assert.rejects(walk);
  assert.deepEqual(((await pool.call('steps', { n: 5, ms: 1 }, 5000)) as { steps: number }).steps, 5);
}));
