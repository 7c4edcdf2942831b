// Per-connection query state: the result-list cache.
import type { CaseDb } from '../db/openCase.ts';
import { ResultCache } from './resultSet.ts';

interface Session { results: ResultCache }

const sessions = new WeakMap<CaseDb, Session>();

export function session(db: CaseDb): Session {
  let s = sessions.get(db);
  if (!s) {
    s = { results: new ResultCache(db) };
    sessions.set(db, s);
  }
  return s;
}
