// The one contract between front ends (renderer, CLI, tests) and the engine: every method's name,
// request schema (validated at runtime in dispatch) and response type; the result envelope; and the
// progress events. Hosts (Electron IPC, loopback HTTP) carry these unchanged.
import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import type { ImportProgress, ImportResult } from './importProgress.ts';
import type { Change, Outcome, TimeFlag } from './model.ts';

// zod's JIT probes `new Function`, which the renderer's CSP (no unsafe-eval) refuses and reports as
// a violation on every load. Request objects are small: the interpreted path costs nothing that shows.
z.config({ jitless: true });

// ---------- shared request pieces ----------

export const SORT_FIELDS = ['time', 'system', 'action', 'category', 'status', 'actor', 'target', 'entity', 'source'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

const id = z.string().regex(/^-?\d{1,20}$/, 'must be a numeric id in text form');
const query = z.string().max(100_000);
const sort = z.object({ field: z.enum(SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).strict();

/** One query = the search text (facet choices and the time brush live in it) + a sort. */
export const QueryRequest = z.object({ query: query.default(''), sort: sort.optional() }).strict();
export type QueryRequest = z.input<typeof QueryRequest>;

export const EXPORT_COLUMNS = [
  'time', 'system', 'action', 'category', 'status', 'outcome', 'actor', 'actor_id', 'actor_type', 'ip', 'user_agent',
  'target', 'entity_type', 'entity', 'description', 'changes', 'source', 'source_sha256', 'record', 'line', 'event_id', 'raw',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export const DEFAULT_EXPORT_COLUMNS: ExportColumn[] = ['time', 'system', 'action', 'category', 'status', 'actor', 'target', 'entity', 'description', 'source', 'record'];

// ---------- request schemas, one per method ----------

export const requestSchemas = {
  'case.info': z.object({}).strict(),
  'import.start': z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000), format: z.string().max(64).optional() }).strict(),
  'import.cancel': z.object({ importId: z.string().max(64) }).strict(),
  'import.status': z.object({ importId: z.string().max(64) }).strict(),
  'sources.list': z.object({}).strict(),
  'sources.rejects': z.object({ sourceId: id, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  // The count's own budget (ms, default 4 s): past it the count so far is answered with `capped`.
  'events.count': QueryRequest.extend({ budgetMs: z.number().int().min(10).max(60_000).optional() }).strict(),
  'events.page': QueryRequest.extend({ from: z.number().int().min(0), to: z.number().int().min(0) }).strict()
    .refine((r) => r.to >= r.from && r.to - r.from <= 1000, 'to must be ≥ from and the window at most 1000 rows'),
  'events.get': z.object({ id }).strict(),
  'facets.list': QueryRequest.extend({
    fields: z.array(z.string().min(1).max(200)).min(1).max(20),
    limit: z.number().int().min(1).max(500).default(10),
    budgetMs: z.number().int().min(10).max(60_000).default(1500),
  }).strict(),
  'histogram.get': QueryRequest.extend({ buckets: z.number().int().min(1).max(2000).default(120) }).strict(),
  'entity.history': z.object({ entityType: z.string().max(500).nullable(), entityId: z.string().min(1).max(2000), at: z.number().int().optional() }).strict(),
  'export.start': QueryRequest.extend({
    path: z.string().min(1).max(4096),
    format: z.enum(['csv', 'jsonl']).default('csv'),
    columns: z.array(z.enum(EXPORT_COLUMNS)).min(1).max(EXPORT_COLUMNS.length).optional(),
    bom: z.boolean().default(false),
    timeZone: z.string().max(64).default('UTC'),
  }).strict(),
  'export.cancel': z.object({ exportId: z.string().max(64) }).strict(),
  'export.status': z.object({ exportId: z.string().max(64) }).strict(),
} as const;

export type Method = keyof typeof requestSchemas;
export const METHODS = Object.keys(requestSchemas) as Method[];
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}
export type Request<M extends Method> = z.input<(typeof requestSchemas)[M]>;
export type ParsedRequest<M extends Method> = z.output<(typeof requestSchemas)[M]>;

// ---------- responses ----------

export interface SourceDto {
  id: string; parentId: string | null; path: string; container: string; size: number | null; sha256: string | null;
  format: string | null; kind: string | null; status: string; message: string | null;
  records: number; imported: number; duplicates: number; rejected: number; events: number; startedAt: string; finishedAt: string | null;
}

export interface CaseInfoDto {
  path: string;
  schemaVersion: number;
  appVersion: string;
  sources: SourceDto[];
  totals: { events: number; rejected: number; sources: number; firstTime: number | null; lastTime: number | null };
}

export interface RejectDto { recordNo: number | null; line: number | null; byteOffset: number | null; reason: string; text: string }

/** One row of the event grid. */
export interface EventRow {
  id: string;
  time: number | null;
  timeText: string | null;
  timeFlag: TimeFlag;
  system: string | null;
  action: string | null;
  category: string | null;
  status: string | null;
  outcome: Outcome;
  actor: string | null;
  actorId: string | null;
  target: string | null;
  entityType: string | null;
  entity: string | null;
  description: string | null;
  source: string;
  recordNo: number;
  hasChanges: boolean;
}

export interface CountResult { total: number; /** true when counting stopped at the cap: total is a lower bound */ capped: boolean; explain: string }
export interface PageResult { from: number; rows: EventRow[]; total: number; capped: boolean }

export interface EventDetail extends EventRow {
  timeNanos: number | null;
  actorType: string | null;
  actorIp: string | null;
  userAgent: string | null;
  targetId: string | null;
  entityId: string | null;
  version: string | null;
  sourceEventId: string | null;
  changes: Change[];
  raw: string;
  provenance: { sourceId: string; path: string; sha256: string | null; recordNo: number; line: number; byteOffset: number; format: string | null };
}

export interface FacetValue { value: string; label: string | null; count: number }
export interface FacetResult {
  field: string;
  values: FacetValue[];
  /** Events in the query with some other value (beyond the top N). */
  other: number;
  /** Events in the query with no value for this field. */
  missing: number;
  /** How many different values the events counted have (a lower bound when timedOut). */
  distinct: number;
  truncated: boolean;
  timedOut: boolean;
}

export interface Histogram {
  bucket: 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';
  bucketMs: number | null;
  from: number | null;
  to: number | null;
  counts: { start: number; count: number }[];
  /** Events without a usable time (not in any bucket). */
  undated: number;
}

export interface EntityHistory {
  entityType: string | null;
  entityId: string;
  events: EventRow[];
  /**
   * Field path → value at `at` (or after the last event), from the changes of the events whose
   * entity this is (or whose target it is, when they have no entity): the last change up to `at`
   * gives its after-value; a field first changed later gives that change's before-value.
   */
  state: Record<string, unknown>;
  at: number | null;
  /** Paths whose value is unknown at `at`: first changed after it, by a change with no before-value. */
  unknownBefore: string[];
  truncated: boolean;
}

export interface ExportManifest {
  file: string; format: 'csv' | 'jsonl'; query: string;
  /** The query with relative times (`-7d`, `today`, `now`) as the instants they meant at export time. */
  resolvedQuery: string;
  explain: string; sort: { field: SortField; dir: 'asc' | 'desc' };
  columns: string[]; timeZone: string; rows: number; complete: boolean; sha256: string;
  sources: { path: string; sha256: string | null; rows: number }[]; appVersion: string; createdAt: string;
}

export interface JobStatus<P, R> { state: 'running' | 'done' | 'failed' | 'cancelled'; progress: P | null; result: R | null; error: ErrorPayload | null }
export interface ExportProgress { exportId: string; rows: number; total: number; elapsedMs: number }

export interface Responses {
  'case.info': CaseInfoDto;
  'import.start': { importId: string };
  'import.cancel': { cancelled: boolean };
  'import.status': JobStatus<ImportProgress, ImportResult>;
  'sources.list': SourceDto[];
  'sources.rejects': { total: number; rejects: RejectDto[] };
  'events.count': CountResult;
  'events.page': PageResult;
  'events.get': EventDetail;
  'facets.list': FacetResult[];
  'histogram.get': Histogram;
  'entity.history': EntityHistory;
  'export.start': { exportId: string };
  'export.cancel': { cancelled: boolean };
  'export.status': JobStatus<ExportProgress, ExportManifest & { path: string; manifestPath: string }>;
}

// ---------- envelope and events ----------

export interface ErrorPayload { code: ErrorCode; message: string; position?: number; length?: number }
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export type ProgressEvent =
  | { type: 'import.progress'; payload: ImportProgress }
  | { type: 'import.done'; payload: JobStatus<ImportProgress, ImportResult> }
  | { type: 'export.progress'; payload: ExportProgress }
  | { type: 'export.done'; payload: Responses['export.status'] };

/** What a transport gives the renderer: calls, and a subscription to progress events. */
/**
 * `signal`: the answer is no longer wanted (the view changed). A host that can tell stops the work
 * and answers `cancelled` (serve: the request is aborted); Electron IPC cannot carry a signal across
 * the context bridge, so there the call runs to its end and its answer is ignored.
 */
export interface CallOptions { signal?: AbortSignal }

export interface AuditApi {
  call<M extends Method>(method: M, request: Request<M>, opts?: CallOptions): Promise<Result<Responses[M]>>;
  subscribe(listener: (event: ProgressEvent) => void): () => void;
}
