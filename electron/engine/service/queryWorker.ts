// Worker-thread entry for queries: one read-only connection to the case, and the query functions
// by contract method name. Statements run in autocommit, so each one reads the latest committed
// data (an import finished by the writer is visible to the next call, WAL keeps readers unblocked).
import { workerData } from 'node:worker_threads';
import { openCase } from '../db/openCase.ts';
import { caseInfo } from '../caseInfo.ts';
import { serveRpc, type RpcTable } from './rpcWorker.ts';
import type { ParsedRequest } from '../../../shared/contract.ts';

export interface QueryWorkerData { casePath: string; appVersion: string }

const { casePath, appVersion } = workerData as QueryWorkerData;

serveRpc(async (): Promise<RpcTable> => {
  const db = openCase(casePath, { readonly: true });
  // Loaded after the connection so a case that cannot be opened is reported as such.
  const q = await import('../query/index.ts');
  return {
    'case.info': () => ({ ...caseInfo(db, casePath), appVersion }),
    'sources.list': () => q.listSources(db),
    'sources.rejects': (r) => q.listRejects(db, r as ParsedRequest<'sources.rejects'>),
    'events.count': (r) => q.countEvents(db, r as ParsedRequest<'events.count'>),
    'events.page': (r) => q.pageEvents(db, r as ParsedRequest<'events.page'>),
    'events.get': (r) => q.getEvent(db, (r as ParsedRequest<'events.get'>).id),
    'facets.list': (r) => q.listFacets(db, r as ParsedRequest<'facets.list'>),
    'histogram.get': (r) => q.getHistogram(db, r as ParsedRequest<'histogram.get'>),
    'entity.history': (r) => q.entityHistory(db, r as ParsedRequest<'entity.history'>),
    // Not a contract method (dispatch never routes here): the About box's SQLite version.
    'sqlite.version': () => db.prepare('SELECT sqlite_version()').pluck().get(),
  };
});
