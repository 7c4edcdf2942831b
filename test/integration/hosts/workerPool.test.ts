// WorkerPool, the mechanism behind query budgets: a call past its budget answers timed_out, its
// worker is replaced, and the pool keeps serving; AppErrors and dying workers are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../../../electron/engine/service/workerPool.ts';
import { AppError } from '../../../shared/errors.ts';

const entry = new URL('./fixtures/spinWorker.ts', import.meta.url);

test('a call past its budget is stopped as timed_out and the pool serves the next call on a fresh worker', async () => {
  const pool = new WorkerPool({ entry, workerData: null, size: 1, describe: () => 'The spin' });
  try {
    const before = (await pool.call('echo', 1, 5000)) as { threadId: number };
    const started = Date.now();
    await assert.rejects(pool.call('spin', { ms: 60_000 }, 200), (e: unknown) => e instanceof AppError && e.code === 'timed_out' && /The spin ran past its 200 ms budget/.test(e.message));
    assert.ok(Date.now() - started < 5000, 'answered near the budget, not after the spin');
    const after = (await pool.call('echo', 2, 5000)) as { echo: number; threadId: number };
    assert.equal(after.echo, 2);
    assert.notEqual(after.threadId, before.threadId, 'the stuck worker was replaced');
  } finally {
    await pool.close();
  }
});

test('calls queued behind a slow one run on the other worker', async () => {
  const pool = new WorkerPool({ entry, workerData: null, size: 2 });
  try {
    const slow = pool.call('spin', { ms: 400 }, 5000);
    const started = Date.now();
    assert.deepEqual(((await pool.call('echo', 'fast', 5000)) as { echo: string }).echo, 'fast');
    assert.ok(Date.now() - started < 350, 'the fast call did not wait for the slow one');
    await slow;
  } finally {
    await pool.close();
  }
});

test('AppErrors keep their code across the thread; a worker that dies fails only its call', async () => {
  const pool = new WorkerPool({ entry, workerData: null, size: 1 });
  try {
    await assert.rejects(pool.call('fail', null, 5000), (e: unknown) => e instanceof AppError && e.code === 'not_found');
    await assert.rejects(pool.call('crash', null, 5000), /exited with code 3/);
    assert.equal(((await pool.call('echo', 3, 5000)) as { echo: number }).echo, 3);
  } finally {
    await pool.close();
  }
});

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
