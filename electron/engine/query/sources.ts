// The sources of a case and the rejected records of one source.
import type { CaseDb } from '../db/openCase.ts';
import type { ParsedRequest, RejectDto, SourceDto } from '../../../shared/contract.ts';
import { caseInfo } from '../caseInfo.ts';

export function listSources(db: CaseDb): SourceDto[] {
  return caseInfo(db, db.name).sources;
}

export function listRejects(db: CaseDb, req: ParsedRequest<'sources.rejects'>): { total: number; rejects: RejectDto[] } {
  const total = db.prepare('SELECT count(*) FROM rejects WHERE source_id = CAST(? AS INTEGER)').pluck().get(req.sourceId) as number;
  const rejects = db.prepare(`SELECT record_no AS recordNo, line, byte_offset AS byteOffset, reason, text FROM rejects
    WHERE source_id = CAST(? AS INTEGER) ORDER BY id LIMIT ? OFFSET ?`).all(req.sourceId, req.limit, req.offset) as RejectDto[];
  return { total, rejects };
}
