// The HTTP transport used in serve mode: `POST /api/<method>` with a JSON body and the per-run token
// as a bearer header, progress events over Server-Sent Events. It turns every failure (network,
// non-JSON answer, 401) into the contract's error envelope so components only ever see `Result`s.
import type { AuditApi, CallOptions, Method, ProgressEvent, Request, Responses, Result } from '../../shared/contract.ts';

const PROGRESS_TYPES: readonly ProgressEvent['type'][] = ['import.progress', 'import.done', 'export.progress', 'export.done'];

/** The token serve put in the page URL (`#token=…`), or '' when there is none. */
export function tokenFromLocation(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get('token') ?? '';
}

function failure<T>(message: string, code: 'io_error' | 'internal' = 'io_error'): Result<T> {
  return { ok: false, error: { code, message } };
}

const NOT_WANTED: Result<never> = { ok: false, error: { code: 'cancelled', message: 'No longer needed.' } };

function isResult(v: unknown): v is Result<unknown> {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean';
}

/** Reads one SSE message as a ProgressEvent, whichever of the two usual shapes the host sends. */
function toProgressEvent(name: string, data: string): ProgressEvent | null {
  let parsed: unknown;
  try { parsed = JSON.parse(data); } catch { return null; }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const obj = parsed as { type?: unknown; payload?: unknown };
  if (typeof obj.type === 'string' && PROGRESS_TYPES.includes(obj.type as ProgressEvent['type']) && 'payload' in obj) {
    return parsed as ProgressEvent;
  }
  if (PROGRESS_TYPES.includes(name as ProgressEvent['type'])) return { type: name, payload: parsed } as ProgressEvent;
  return null;
}

export function createHttpApi(base: string, token: string): AuditApi {
  const listeners = new Set<(e: ProgressEvent) => void>();
  let source: EventSource | null = null;

  const deliver = (name: string) => (msg: MessageEvent<string>) => {
    const event = toProgressEvent(name, msg.data);
    if (event) for (const l of listeners) l(event);
  };

  function openStream(): void {
    if (source) return;
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('message', deliver('message'));
    for (const t of PROGRESS_TYPES) source.addEventListener(t, deliver(t));
  }

  return {
    async call<M extends Method>(method: M, request: Request<M>, opts: CallOptions = {}): Promise<Result<Responses[M]>> {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(request),
          // Aborting closes the request: serve stops the work (the pool drops or stops the call).
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (e) {
        if (opts.signal?.aborted) return NOT_WANTED;
        return failure(`The local server did not answer (${e instanceof Error ? e.message : String(e)}). Is serve still running?`);
      }
      let body: unknown;
      try { body = await res.json(); } catch {
        if (opts.signal?.aborted) return NOT_WANTED;
        return failure(res.status === 401 || res.status === 403
          ? 'The server refused this page: open the exact URL serve printed (it carries the access token).'
          : `The server answered ${res.status} without a readable result.`);
      }
      if (isResult(body)) return body as Result<Responses[M]>;
      return failure(`The server answered ${res.status} with something that is not a result.`, 'internal');
    },
    subscribe(listener) {
      listeners.add(listener);
      openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) { source.close(); source = null; }
      };
    },
  };
}
