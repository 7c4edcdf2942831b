// One contract call as React state: re-issued when the request changes (compared by value), stale
// answers dropped, errors kept in place for the component to show. `request = null` means "not now".
import { useEffect, useRef, useState } from 'react';
import type { ErrorPayload, Method, Request, Responses, Result } from '../../shared/contract.ts';
import { useApi, useBackgroundQueue, useResultCache } from './ApiContext.tsx';

/** Read calls whose answers depend only on the request and the case state: safe to reuse. */
const CACHEABLE: ReadonlySet<Method> = new Set<Method>(['events.count', 'facets.list', 'histogram.get']);

/** The key of an answer in the result cache (shared with useCount). */
export function resultCacheKey<M extends Method>(method: M, refresh: number, request: Request<M>): string {
  return `${method}\n${refresh}\n${JSON.stringify(request)}`;
}

/** A count that stopped at its budget is only a lower bound so far: never reused as the answer. */
const partial = (value: unknown) => (value as { capped?: unknown } | null)?.capped === true;

export type CallState<T> =
  | { status: 'idle'; value: null; error: null }
  | { status: 'loading'; value: T | null; error: null }
  | { status: 'ready'; value: T; error: null }
  | { status: 'error'; value: T | null; error: ErrorPayload };

/**
 * `background`: a heavy panel call (facets, histogram) that waits its turn in the background queue, so
 * it never takes the last free query worker from the rows.
 */
export function useApiCall<M extends Method>(method: M, request: Request<M> | null, refresh = 0, opts: { background?: boolean } = {}): CallState<Responses[M]> {
  const api = useApi();
  const queue = useBackgroundQueue();
  const cache = useResultCache();
  const background = opts.background ?? false;
  const key = request === null ? null : JSON.stringify(request);
  // The state remembers which request it answers: on the render right after the request changes,
  // the old answer must not pass for the new one.
  const [tagged, setState] = useState<{ key: string | null; state: CallState<Responses[M]> }>({ key: null, state: { status: 'idle', value: null, error: null } });
  const seq = useRef(0);

  useEffect(() => {
    if (key === null) { setState({ key, state: { status: 'idle', value: null, error: null } }); return; }
    const mine = ++seq.current;
    const cacheKey = CACHEABLE.has(method) ? resultCacheKey(method, refresh, JSON.parse(key) as Request<M>) : null;
    const cached = cacheKey === null ? undefined : (cache.get(cacheKey) as Responses[M] | undefined);
    if (cached !== undefined) { setState({ key, state: { status: 'ready', value: cached, error: null } }); return; }
    // Keep the previous value while loading so panels do not flash empty between queries.
    setState((t) => ({ key, state: { status: 'loading', value: t.state.value, error: null } }));
    // When the request changes or the panel goes, the answer is unwanted: serve stops the work.
    const unwanted = new AbortController();
    const send = () => api.call(method, JSON.parse(key) as Request<M>, { signal: unwanted.signal });
    const dropped: Result<Responses[M]> = { ok: false, error: { code: 'cancelled', message: 'No longer needed.' } };
    const answer = background ? queue.schedule(send, () => mine !== seq.current, dropped) : send();
    void answer.then((r) => {
      if (r.ok && cacheKey !== null && !partial(r.value)) cache.set(cacheKey, r.value);
      if (mine !== seq.current) return;
      setState({ key, state: r.ok ? { status: 'ready', value: r.value, error: null } : { status: 'error', value: null, error: r.error } });
    });
    return () => unwanted.abort();
  }, [api, queue, cache, background, method, key, refresh]);

  if (tagged.key !== key) {
    return key === null ? { status: 'idle', value: null, error: null } : { status: 'loading', value: tagged.state.value, error: null };
  }
  return tagged.state;
}
