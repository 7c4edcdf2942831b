// Opens (or creates) a case file: connection pragmas, schema migrations, and turning SQLite's
// failures (not a database, locked, read-only, newer schema) into AppErrors a person can act on.
// Connections that write are closed with closeCase (journalMode.ts).
import Database from 'better-sqlite3';
import { existsSync, accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { migrations, latestVersion } from './migrations/index.ts';
import { recoverBulkLoad } from './bulkLoad.ts';
import { useWal } from './journalMode.ts';
import { registerRawBlocks } from './rawBlocks.ts';

export type CaseDb = Database.Database;

export interface OpenCaseOptions {
  /** Create the file when it does not exist (default true for writers, false for readonly). */
  create?: boolean;
  readonly?: boolean;
  /** Page cache in MiB (writers doing imports want more). */
  cacheMiB?: number;
}

export const APP_ID = 0x41564331; // "AVC1": marks the file as an Audit Viewer case
/** Page size of new cases (docs/PERFORMANCE.md: less slack per page, fewer B-tree levels; a ~3 KB raw block fits one page). */
export const PAGE_SIZE = 16384;

export function openCase(path: string, opts: OpenCaseOptions = {}): CaseDb {
  const readonly = opts.readonly ?? false;
  const create = opts.create ?? !readonly;
  // An interrupted bulk load (bulkLoad.ts) is undone before anything else looks at the file.
  recoverBulkLoad(path, readonly);
  const exists = existsSync(path);
  if (!exists && !create) throw new AppError('not_found', `No case file at ${path}.`);
  if (!readonly) assertWritable(path, exists);

  let db: CaseDb;
  try {
    db = new Database(path, { readonly, fileMustExist: !create });
  } catch (e) {
    throw (readonly && whyNotReadable(e, path)) || translateSqliteError(e, path);
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    const isNew = checkIsCase(db, path);
    registerRawBlocks(db); // the `raw` view reads through it (and migration 4 writes it)
    if (!readonly) {
      // Page size can only change before the first table exists (and before WAL). 16 KiB pages
      // lose less space at the end of each page and keep a raw record block (~3 KB) on one page.
      if (isNew) db.pragma(`page_size = ${PAGE_SIZE}`);
      useWal(db);
      db.pragma('synchronous = NORMAL');
      migrate(db, path);
    } else {
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v > latestVersion) throw newerError(path, v);
      if (v < latestVersion) throw new AppError('read_only', `The case ${path} needs an upgrade, which a read-only open cannot do. Open it once for writing.`);
    }
    // After any page size change: a cache given in KiB is turned into a page count with the page size
    // of the moment.
    db.pragma(`cache_size = ${-1024 * (opts.cacheMiB ?? 64)}`);
    return db;
  } catch (e) {
    db.close();
    throw (readonly && whyNotReadable(e, path)) || translateSqliteError(e, path);
  }
}

/**
 * Why a read-only open failed, when the reason is the place the case is on: the engine's general
 * wording ("cannot be written") would puzzle someone who only asked to read. Null otherwise.
 */
function whyNotReadable(e: unknown, path: string): AppError | null {
  const code = (e as { code?: string } | null)?.code ?? '';
  const name = basename(path);
  // A case closed by Audit Viewer is a rollback-journal file and opens here; a WAL one needs
  // `-shm` beside it, which a read-only disk or folder cannot give it.
  if (code === 'SQLITE_CANTOPEN' && existsSync(path) && inWalMode(path)) {
    return new AppError('read_only', `Cannot open the case ${path} for reading here: it was left in WAL mode (it was not closed cleanly, or another program still has it open), and reading it then needs ${name}-shm beside it, which cannot be created on a read-only disk or in a folder that cannot be written. Copy the case (with ${name}-wal, if there is one) to a writable folder and open the copy; once Audit Viewer has closed the copy, it opens read-only anywhere.`, { cause: e });
  }
  // A hot journal (or a WAL needing recovery): SQLite must finish a writer's interrupted work by
  // writing the case before anyone may read it.
  if (code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_RECOVERY') {
    const file = `${name}-${code === 'SQLITE_READONLY_ROLLBACK' ? 'journal' : 'wal'}`;
    return new AppError('read_only', `Cannot open the case ${path} for reading here: it was being written when its writer stopped, and SQLite must first finish that from ${file} by writing to the case, which this disk or folder does not allow. Copy the case with ${file} to a writable folder and open the copy.`, { cause: e });
  }
  if (code === 'SQLITE_CANTOPEN' && existsSync(path)) {
    return new AppError('read_only', `Cannot open the case ${path} for reading: SQLite could not open it (a read-only disk or a folder that cannot be written may be the reason). Copy the case to a writable folder and open the copy.`, { cause: e });
  }
  return null;
}

/** Bytes 18 and 19 of an SQLite header are 2 in WAL mode (read directly: SQLite could not open it). */
function inWalMode(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const b = Buffer.alloc(2);
      return readSync(fd, b, 0, 2, 18) === 2 && b[0] === 2 && b[1] === 2;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function assertWritable(path: string, exists: boolean): void {
  try {
    accessSync(exists ? path : dirname(path), constants.W_OK);
  } catch {
    throw new AppError('read_only', exists
      ? `The case file ${path} is read-only. Copy it somewhere writable, or open it read-only.`
      : `Cannot create a case in ${dirname(path)}: the folder is not writable.`);
  }
}

/**
 * Refuses SQLite files that are not cases (another app's database) before touching them. True for
 * a new, empty file.
 */
function checkIsCase(db: CaseDb, path: string): boolean {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId === APP_ID) return false;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number };
  if (appId === 0 && version === 0 && tables.n === 0) return true; // a new, empty file
  throw new AppError('case_corrupt', `${path} is an SQLite database but not an Audit Viewer case.`);
}

function newerError(path: string, v: number): AppError {
  return new AppError('case_newer', `The case ${path} was written by a newer version of Audit Viewer (schema ${v}; this version knows up to ${latestVersion}). Update the app to open it.`);
}

/** Applies every migration above the case's user_version, each in its own transaction. */
export function migrate(db: CaseDb, path = 'the case'): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestVersion) throw newerError(path, current);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.up);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
      if (m.version === 1) db.pragma(`application_id = ${APP_ID}`);
    }).immediate();
  }
}

export function translateSqliteError(e: unknown, path: string): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string })?.code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(msg))
    return new AppError('case_corrupt', `${path} is not a readable case file (it is damaged or not an SQLite database).`, { cause: e });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new AppError('case_locked', `The case ${path} is locked by another process (an import or another window). Try again when it finishes.`, { cause: e });
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' && existsSync(path))
    return new AppError('read_only', `The case ${path} cannot be written (read-only file or folder).`, { cause: e });
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || /database or disk is full/i.test(msg))
    return new AppError('disk_full', `The disk is full: the case ${path} could not be written. Free some space and try again; the case is unchanged.`, { cause: e });
  if (code === 'SQLITE_CANTOPEN') return new AppError('io_error', `Cannot open ${path}.`, { cause: e });
  return e;
}
