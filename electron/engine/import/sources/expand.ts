// Owns turning the paths a user picked (files, folders) into SourceEntry items: folders are walked
// in sorted order without following symlinks, files are recognized as plain / gzip / zip by their
// first bytes, zips are expanded member by member (zipContainer.ts). Whether a file holds activity
// data at all is NOT decided here: the reader's sniffing does that, so a README is still listed.
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { SourceEntry } from '../types.ts';
import type { ExpandOptions, Limits } from './limits.ts';
import { resolveLimits } from './limits.ts';
import { guardChain } from './bounded.ts';
import { isEmptyZipMagic, isGzipMagic, isZipMagic } from './magic.ts';
import { NestedZipCache, expandZip, zipFileSource } from './zipContainer.ts';

export type { ExpandOptions } from './limits.ts';

const READ_CHUNK = 256 * 1024;

function fsReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a parent of it is not a folder';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EISDIR': return 'it is a folder';
    default: return e?.message ?? String(err);
  }
}

function skippedFile(path: string, size: number | null, reason: string): SourceEntry {
  return {
    path,
    size,
    container: 'file',
    skipReason: reason,
    open: () => Promise.reject(new Error(`${path} is not imported: ${reason}`)),
  };
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function openPlain(path: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const s = createReadStream(path, { highWaterMark: READ_CHUNK });
    // Surface "cannot open" from open() itself rather than as a stream error mid-import.
    s.once('open', () => resolve(s));
    s.once('error', reject);
  });
}

async function openGzip(path: string, limits: Limits): Promise<Readable> {
  const file = await openPlain(path);
  let compressed = 0;
  file.on('data', (c: Buffer) => { compressed += c.length; });
  return guardChain(
    [{ stream: file, label: 'gzip' }, { stream: createGunzip({ chunkSize: 64 * 1024 }), label: 'gzip' }],
    limits,
    () => compressed,
  );
}

/** Entries for one regular file: itself, its gunzipped content, or its zip members. */
async function* fileEntries(path: string, size: number, limits: Limits, cache: NestedZipCache, strict: boolean): AsyncGenerator<SourceEntry> {
  if (size === 0) { yield skippedFile(path, 0, 'empty file'); return; }
  let head: Buffer;
  try {
    head = await readHead(path, 4);
  } catch (err) {
    if (strict) throw new Error(`cannot read ${path}: ${fsReason(err)}`, { cause: err });
    yield skippedFile(path, size, `cannot read: ${fsReason(err)}`);
    return;
  }
  if (isZipMagic(head) || isEmptyZipMagic(head)) {
    yield* expandZip(zipFileSource(path, size, limits), limits, cache, size);
  } else if (isGzipMagic(head)) {
    yield { path, size, container: 'gzip', open: () => openGzip(path, limits) };
  } else {
    yield { path, size, container: 'file', open: () => openPlain(path) };
  }
}

/** Walks a folder in sorted order. Hidden items and symlinks are listed as skipped, never followed. */
async function* walk(dir: string, limits: Limits, cache: NestedZipCache): AsyncGenerator<SourceEntry> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    yield skippedFile(dir, null, `cannot read folder: ${fsReason(err)}`);
    return;
  }
  names.sort(); // code-unit order: stable across platforms and locales
  for (const name of names) {
    // Files on disk keep their real path (the importer hashes and reopens them by it); only
    // names that are pure labels (zip members) are escaped.
    const full = join(dir, name);
    let st: Stats;
    try {
      st = await lstat(full);
    } catch (err) {
      yield skippedFile(full, null, `cannot read: ${fsReason(err)}`);
      continue;
    }
    if (st.isSymbolicLink()) { yield skippedFile(full, null, 'symbolic link (not followed)'); continue; }
    if (name.startsWith('.')) {
      yield skippedFile(full, st.isFile() ? st.size : null, st.isDirectory() ? 'hidden folder' : 'hidden file');
      continue;
    }
    if (st.isDirectory()) { yield* walk(full, limits, cache); continue; }
    // A FIFO or device would block or never end when read.
    if (!st.isFile()) { yield skippedFile(full, null, 'not a regular file'); continue; }
    yield* fileEntries(full, st.size, limits, cache, false);
  }
}

/**
 * Expands the given files and folders into the sources to import, lazily and in order.
 * Throws (with a message naming the path) when a given path does not exist or cannot be read.
 */
export async function* expandInputs(paths: string[], opts?: ExpandOptions): AsyncGenerator<SourceEntry> {
  const limits = resolveLimits(opts);
  const cache = new NestedZipCache();
  for (const path of paths) {
    let st: Stats;
    try {
      st = await stat(path); // a path the user named explicitly: following a symlink is intended
    } catch (err) {
      throw new Error(`cannot read ${path}: ${fsReason(err)}`, { cause: err });
    }
    if (st.isDirectory()) {
      try {
        await readdir(path);
      } catch (err) {
        throw new Error(`cannot read folder ${path}: ${fsReason(err)}`, { cause: err });
      }
      yield* walk(path, limits, cache);
    } else if (st.isFile()) {
      yield* fileEntries(path, st.size, limits, cache, true);
    } else {
      yield skippedFile(path, null, 'not a regular file');
    }
  }
}

/** Streamed SHA-256 (hex) of a file as stored on disk; lets the importer recognize a re-import. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const s = createReadStream(path, { highWaterMark: 1024 * 1024 });
    s.on('data', (c) => hash.update(c));
    s.on('end', () => resolve(hash.digest('hex')));
    s.on('error', (err) => reject(new Error(`cannot read ${path}: ${fsReason(err)}`, { cause: err })));
  });
}
