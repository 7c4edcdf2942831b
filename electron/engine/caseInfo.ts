// What a case holds: its sources with hashes and counts, and the totals. Read-only.
import type { CaseDb } from './db/openCase.ts';
import type { CaseInfoDto, SourceDto } from '../../shared/contract.ts';

export type SourceInfo = SourceDto;
/** case.info without the app version (the host adds it). */
export type CaseInfo = Omit<CaseInfoDto, 'appVersion'>;

export function caseInfo(db: CaseDb, path: string): CaseInfo {
  const sources = (db.prepare(`
    SELECT CAST(id AS TEXT) AS id, CAST(parent_id AS TEXT) AS parentId, path, container, size, sha256, format, kind, status, message,
      records, imported, duplicates, rejected, events, started_at AS startedAt, finished_at AS finishedAt
    FROM sources WHERE status = 'complete' ORDER BY id`).all()) as SourceInfo[];
  const t = db.prepare(`
    SELECT (SELECT coalesce(sum(events), 0) FROM sources WHERE status = 'complete' AND container != 'zip') AS events,
      -- ids are time-keyed, so the ends of the id order are the ends of time (undated events sort first)
      (SELECT ts FROM events WHERE ts IS NOT NULL ORDER BY id LIMIT 1) AS firstTime,
      (SELECT ts FROM events ORDER BY id DESC LIMIT 1) AS lastTime`).get() as { events: number; firstTime: number | null; lastTime: number | null };
  const leaves = sources.filter((s) => s.container !== 'zip');
  return {
    path,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    sources,
    totals: { events: t.events, rejected: leaves.reduce((n, s) => n + s.rejected, 0), sources: leaves.length, firstTime: t.firstTime, lastTime: t.lastTime },
  };
}
