// Import progress and results as every front end sees them (CLI stderr, serve SSE, Electron IPC).

export type SourceStatus = 'complete' | 'skipped' | 'already_imported' | 'failed' | 'cancelled';

export interface SourceResult {
  /** Case source id (text), when the source was written to the case. */
  sourceId: string | null;
  path: string;
  sha256: string | null;
  format: string | null;
  status: SourceStatus;
  /** Why skipped / failed / already imported. */
  message: string | null;
  /** Records seen = imported + duplicates + rejected. */
  records: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** Events stored (a record may hold several events). */
  events: number;
}

export interface ImportProgress {
  importId: string;
  /** The source being read now (null between sources). */
  sourcePath: string | null;
  sourcesDone: number;
  /** Bytes read of the current source and its size (null when unknown, e.g. zip members). */
  bytesRead: number;
  bytesTotal: number | null;
  /** Totals over the whole import so far. */
  records: number;
  imported: number;
  duplicates: number;
  rejected: number;
  events: number;
  elapsedMs: number;
  recordsPerSecond: number;
}

export interface ImportResult {
  importId: string;
  sources: SourceResult[];
  cancelled: boolean;
  elapsedMs: number;
}
