// Hands the one AuditApi to every component through React context, so tests or another host can
// provide a different one and no component reaches for a global. The background queue that keeps
// heavy panel calls from crowding out rows, and the cache of recent read answers, travel with it.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AuditApi } from '../../shared/contract.ts';
import { BackgroundQueue } from './backgroundQueue.ts';
import { ResultCache } from './resultCache.ts';

interface ApiValue { api: AuditApi; background: BackgroundQueue; cache: ResultCache }

const ApiContext = createContext<ApiValue | null>(null);

export function ApiProvider({ api, children }: { api: AuditApi; children: ReactNode }) {
  const value = useMemo(() => ({ api, background: new BackgroundQueue(1), cache: new ResultCache() }), [api]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiValue(): ApiValue {
  const v = useContext(ApiContext);
  if (!v) throw new Error('useApi() outside <ApiProvider>');
  return v;
}

export function useApi(): AuditApi {
  return useApiValue().api;
}

export function useBackgroundQueue(): BackgroundQueue {
  return useApiValue().background;
}

export function useResultCache(): ResultCache {
  return useApiValue().cache;
}
