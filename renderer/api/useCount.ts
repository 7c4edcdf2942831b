// A query's count, as the status bar, the grid and the summary show it. The engine answers a count
// within its budget; an answer marked `capped` is a lower bound, and asking again goes on from
// where it stopped (engine/query/count.ts), so this asks until the count is exact and shows each
// bound as it comes. Only an answer for this query and data version is ever returned: while a new
// query is being counted there is no number — never the previous query's passing for this one.
import { useEffect, useState } from 'react';
import type { CountResult, ErrorPayload } from '../../shared/contract.ts';
import { useApi, useResultCache } from './ApiContext.tsx';
import { resultCacheKey } from './useApiCall.ts';

/**
 * What one round may spend. Short rounds keep a query worker from being held for seconds by a count
 * (the engine has two), show the bound rising, and stop soon after the query changes.
 */
const COUNT_ROUND_MS = 500;

export interface CountState {
  /** The latest answer for this query: exact, or a lower bound while `counting`. */
  value: CountResult | null;
  /** More is being counted (nothing yet, or a lower bound so far). */
  counting: boolean;
  error: ErrorPayload | null;
}

export function useCount(query: string, refresh: number): CountState {
  const api = useApi();
  const cache = useResultCache();
  const key = resultCacheKey('events.count', refresh, { query });
  const [state, setState] = useState<CountState & { key: string | null }>({ key: null, value: null, counting: false, error: null });

  useEffect(() => {
    const cached = cache.get(key) as CountResult | undefined;
    if (cached !== undefined) { setState({ key, value: cached, counting: false, error: null }); return; }
    let live = true;
    const unwanted = new AbortController();
    setState({ key, value: null, counting: true, error: null });
    void (async () => {
      while (live) {
        const r = await api.call('events.count', { query, budgetMs: COUNT_ROUND_MS }, { signal: unwanted.signal });
        if (!live) return;
        if (!r.ok) { setState({ key, value: null, counting: false, error: r.error }); return; }
        setState({ key, value: r.value, counting: r.value.capped, error: null });
        if (!r.value.capped) { cache.set(key, r.value); return; }
      }
    })();
    return () => { live = false; unwanted.abort(); };
  }, [api, cache, key, query]);

  return state.key === key ? { value: state.value, counting: state.counting, error: state.error } : { value: null, counting: true, error: null };
}
