// The closed set of error codes every host reports, and the error type the engine throws with one.
// Messages are written for a person: they say what happened and what to do.

export const ERROR_CODES = [
  'bad_request', // the request is malformed (validation failed)
  'not_found', // a named case, source, event or file does not exist
  'case_newer', // the case was written by a newer version of the app
  'case_corrupt', // the file is not a readable case (not SQLite, or damaged)
  'case_locked', // another process holds the case
  'read_only', // the case file or its folder cannot be written
  'disk_full', // the disk filled up
  'query_syntax', // the search text does not parse (carries a position)
  'timed_out', // a query ran past its budget
  'cancelled', // the user cancelled
  'io_error', // a file could not be read or written
  'internal', // a bug: the message says so
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  /** For query_syntax: 0-based character position and length of the offending text. */
  readonly position?: number;
  readonly length?: number;

  constructor(code: ErrorCode, message: string, extra?: { position?: number; length?: number; cause?: unknown }) {
    super(message, extra?.cause === undefined ? undefined : { cause: extra.cause });
    this.code = code;
    if (extra?.position !== undefined) this.position = extra.position;
    if (extra?.length !== undefined) this.length = extra.length;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
