// The one entry point every host (Electron IPC, loopback HTTP, tests) sends requests through:
// checks the method name, validates the request against the contract's schema, runs the handler,
// and turns every outcome into the result envelope. The caller is untrusted (a renderer that may be
// showing hostile archive content), so this never throws and never echoes large input back.
import { isMethod, requestSchemas } from '../../../shared/contract.ts';
import type { Method, ParsedRequest, Responses, Result } from '../../../shared/contract.ts';
import { ERROR_CODES, isAppError } from '../../../shared/errors.ts';
import type { ErrorCode } from '../../../shared/errors.ts';

/** `signal`: the caller no longer wants the answer (a host that can tell, such as serve, passes it). */
export type Handlers = { [M in Method]: (req: ParsedRequest<M>, signal?: AbortSignal) => Promise<Responses[M]> };
export type Dispatch = (method: unknown, body: unknown, signal?: AbortSignal) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Where bugs (non-AppError failures) are reported with their stack; stderr by default. */
  logBug?: (text: string) => void;
}

/** How much of a caller-supplied string a message may quote. */
const QUOTE_MAX = 60;
const MESSAGE_MAX = 600;

export function createDispatch(handlers: Handlers, opts: DispatchOptions = {}): Dispatch {
  const logBug = opts.logBug ?? ((text: string) => process.stderr.write(`${text}\n`));
  return async (method, body, signal) => {
    if (!isMethod(method)) return fail('bad_request', `Unknown method ${quote(method)}.`);
    // An absent body means "no arguments" (IPC callers may omit it for methods like case.info).
    const parsed = requestSchemas[method].safeParse(body === undefined ? {} : body);
    if (!parsed.success) return fail('bad_request', `Invalid request for ${method}: ${describeIssues(parsed.error.issues)}`);
    try {
      const handler = handlers[method] as (req: unknown, signal?: AbortSignal) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, signal) };
    } catch (e) {
      return errorResult(e, method, logBug);
    }
  };
}

/** Maps anything thrown by a handler to the envelope: AppErrors keep their code, the rest are bugs. */
export function errorResult(e: unknown, method: string, logBug: (text: string) => void): Result<never> {
  if (isAppError(e) && (ERROR_CODES as readonly string[]).includes(e.code)) {
    const error: { code: ErrorCode; message: string; position?: number; length?: number } = { code: e.code, message: clip(e.message, MESSAGE_MAX) };
    if (e.position !== undefined) error.position = e.position;
    if (e.length !== undefined) error.length = e.length;
    return { ok: false, error };
  }
  try {
    logBug(`audit-viewer: internal error in ${method}: ${e instanceof Error ? e.stack ?? e.message : safeString(e)}`);
  } catch { /* logging must not turn a bug report into a crash */ }
  const detail = e instanceof Error ? e.message : safeString(e);
  return fail('internal', clip(`Internal error in ${method} (a bug in Audit Viewer; details were logged): ${detail}`, MESSAGE_MAX));
}

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Zod issues → one short line a person can read: `path: problem; path: problem`. */
function describeIssues(issues: readonly { code?: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }[]): string {
  const parts = issues.slice(0, 3).map((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : clip(String(p), 40))).join('.');
    // Zod quotes unknown keys whole; a key can be megabytes long, so name them clipped instead.
    const message = i.code === 'unrecognized_keys' && i.keys
      ? `unexpected ${i.keys.length === 1 ? 'key' : 'keys'} ${i.keys.slice(0, 3).map((k) => JSON.stringify(clip(k, 40))).join(', ')}`
      : clip(i.message, 160);
    return `${path || 'request'}: ${message}`;
  });
  if (issues.length > 3) parts.push(`and ${issues.length - 3} more problems`);
  return clip(parts.join('; '), MESSAGE_MAX - 80);
}

function quote(v: unknown): string {
  if (typeof v !== 'string') return `(a ${v === null ? 'null' : typeof v}, not a method name)`;
  return JSON.stringify(clip(v, QUOTE_MAX));
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

function safeString(v: unknown): string {
  try { return String(v); } catch { return '(unprintable value)'; }
}
