// Carries errors across the worker-thread boundary: structured clone drops an AppError's class and
// code, so workers send a plain record and the host side revives it (AppError keeps its code; anything
// else stays a plain Error with the worker's stack, which dispatch reports as a bug).
import { AppError, ERROR_CODES, isAppError } from '../../../shared/errors.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { workerData } from 'node:worker_threads';
import { translateSqliteError } from '../db/openCase.ts';

export interface WireError { code: ErrorCode | null; message: string; stack: string | null; position?: number; length?: number }

export function toWire(error: unknown): WireError {
  // SQLite failures a person can act on (damaged pages, a lock, a full disk) keep their meaning
  // instead of arriving as "a bug". Every worker's data names the case it works on.
  const casePath = (workerData as { casePath?: string } | null)?.casePath ?? 'the case';
  const e = translateSqliteError(error, casePath);
  if (isAppError(e)) {
    const w: WireError = { code: e.code, message: e.message, stack: null };
    if (e.position !== undefined) w.position = e.position;
    if (e.length !== undefined) w.length = e.length;
    return w;
  }
  if (e instanceof Error) return { code: null, message: e.message, stack: e.stack ?? null };
  return { code: null, message: String(e), stack: null };
}

export function fromWire(w: WireError): Error {
  if (w.code !== null && (ERROR_CODES as readonly string[]).includes(w.code)) {
    const extra: { position?: number; length?: number } = {};
    if (w.position !== undefined) extra.position = w.position;
    if (w.length !== undefined) extra.length = w.length;
    return new AppError(w.code, w.message, extra);
  }
  const err = new Error(w.message);
  if (w.stack) err.stack = w.stack;
  return err;
}
