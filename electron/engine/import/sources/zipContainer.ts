// Owns the expansion of a .zip (on disk, or one level nested inside another zip) into SourceEntry
// items, one per member, with yauzl. Nothing is ever extracted to disk: member names are only
// labels, and each entry's open() re-opens the archive and streams the member through the bomb
// guard, which also keeps the whole archive's output within a ratio of its size (bounded.ts). yauzl's
// entry-size validation stays on; its file-name validation is bypassed on purpose
// (decodeStrings: false) because it aborts the whole archive on a `../evil.json` member, while we
// want to import that member under its (harmless, display-only) name.
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import type { SourceEntry } from '../types.ts';
import type { Limits } from './limits.ts';
import { formatBytes } from './limits.ts';
import type { ArchiveBudget, Stage } from './bounded.ts';
import { archiveBudget, archiveBudgetReason, archiveBudgetSpent, describeDecompressError, guardChain, readableError } from './bounded.ts';
import { escapeLabel } from './label.ts';
import { isGzipMagic, isZipMagic } from './magic.ts';

const ZIP_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: true,
  strictFileNames: true,
};

/** A zip archive that can be (re)opened: a file on disk, or an in-memory nested zip. */
export interface ZipSource {
  /** Display path of the archive (`a.zip`, or `a.zip!inner.zip`). */
  label: string;
  /** 0 for a zip on disk; 1 for a zip inside it. Zips at depth 1 do not expand their own zips. */
  depth: number;
  /** Decompressed bytes of the zip on disk so far, shared with the zips nested in it. */
  budget: ArchiveBudget;
  open(): Promise<yauzl.ZipFile>;
}

/**
 * Keeps the most recently used nested zip in memory. Entries are normally imported in listing
 * order, so one slot avoids decompressing the inner zip again per member while keeping memory
 * bounded to about one nested zip (≤ maxNestedZipBytes) whatever the number of entries held.
 */
export class NestedZipCache {
  private key: string | null = null;
  private value: Promise<Buffer> | null = null;

  get(key: string, load: () => Promise<Buffer>): Promise<Buffer> {
    if (this.key !== key || !this.value) {
      this.key = key;
      this.value = load();
      this.value.catch(() => { if (this.key === key) { this.key = null; this.value = null; } });
    }
    return this.value;
  }
}

export function zipFileSource(path: string, size: number | null, limits: Limits): ZipSource {
  return { label: path, depth: 0, budget: archiveBudget(size, limits), open: () => yauzl.openPromise(path, ZIP_OPTIONS) };
}

function skipped(path: string, parentPath: string | undefined, reason: string, size: number | null): SourceEntry {
  return {
    path,
    size,
    container: parentPath === undefined ? 'file' : 'zip-member',
    ...(parentPath === undefined ? {} : { parentPath }),
    skipReason: reason,
    open: () => Promise.reject(new Error(`${path} is not imported: ${reason}`)),
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Opens a member's decompressed bytes (yauzl inflates; a gzip member is gunzipped too), bounded. */
async function openMember(src: ZipSource, entry: yauzl.Entry, index: number, gzip: boolean, limits: Limits): Promise<Readable> {
  const zf = await src.open();
  let raw: Readable;
  try {
    raw = await zf.openReadStreamPromise(entry);
  } catch (err) {
    throw readableError(describeDecompressError(err, 'zip'), err);
  } finally {
    // yauzl reference-counts its file handle: the member stream keeps it open until it ends.
    zf.close();
  }
  const stages: Stage[] = [{ stream: raw, label: 'zip' }];
  if (gzip) stages.push({ stream: createGunzip(), label: 'gzip' });
  // Only the member's total compressed size is known here; using it under-estimates the ratio,
  // which still stops a bomb after at most maxRatio × compressedSize bytes.
  return guardChain(stages, limits, () => entry.compressedSize, { budget: src.budget, key: `${src.label}\u0000${index}` });
}

/** Reads the first `n` decompressed bytes of a member, then abandons the stream. */
async function peekMember(zf: yauzl.ZipFile, entry: yauzl.Entry, n: number): Promise<Buffer> {
  const s = await zf.openReadStreamPromise(entry);
  return new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    let len = 0;
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      s.removeAllListeners('data');
      s.on('error', () => {}); // late errors after destroy are expected and irrelevant
      s.destroy();
      if (err) reject(err);
      else resolve(Buffer.concat(parts).subarray(0, n));
    };
    s.on('data', (c: Buffer) => { parts.push(c); len += c.length; if (len >= n) finish(); });
    s.on('end', () => finish());
    s.on('error', (err) => finish(err));
  });
}

/** Reads a whole (bounded) stream into memory; used only for a nested zip ≤ maxNestedZipBytes. */
function readAll(stream: Readable, max: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    let len = 0;
    stream.on('data', (c: Buffer) => {
      len += c.length;
      if (len > max) stream.destroy(readableError(`nested zip is larger than ${formatBytes(max)}`));
      else parts.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(parts, len)));
    stream.on('error', reject);
  });
}

/**
 * Lists the members of a zip as SourceEntry items (central-directory order). Problems with one
 * member become that member's skipReason; a corrupt archive becomes one skipped entry for it.
 */
export async function* expandZip(src: ZipSource, limits: Limits, cache: NestedZipCache, size: number | null, parentPath?: string): AsyncGenerator<SourceEntry> {
  let zf: yauzl.ZipFile;
  try {
    zf = await src.open();
  } catch (err) {
    yield skipped(src.label, parentPath, `zip archive is corrupt: ${message(err)}`, size);
    return;
  }
  let listed = 0;
  let yielded = 0;
  try {
    for await (const entry of zf.eachEntry()) {
      listed++;
      const index = listed; // this member's own position (open() runs later, when listed has moved on)
      const rawName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      if (rawName.endsWith('/') || rawName.endsWith('\\')) continue; // a directory member
      const path = `${src.label}!${escapeLabel(rawName)}`;
      const memberSize = entry.uncompressedSize;
      const skip = (reason: string) => skipped(path, src.label, reason, memberSize);

      yielded++; // every path below yields exactly one entry (a nested zip: at least one)
      // Same rule as for folders; macOS zips also carry AppleDouble `__MACOSX/._name` companions.
      if (rawName.startsWith('__MACOSX/')) { yield skip('macOS resource fork (not data)'); continue; }
      if (/(^|[/\\])\.[^/\\]*$/.test(rawName)) { yield skip('hidden file'); continue; }
      if (entry.isEncrypted()) { yield skip('encrypted zip member (not supported)'); continue; }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        yield skip(`unsupported zip compression method ${entry.compressionMethod}`);
        continue;
      }
      if (memberSize === 0) { yield skip('empty file'); continue; }
      if (archiveBudgetSpent(src.budget)) { yield skip(archiveBudgetReason(src.budget)); continue; }
      if (memberSize > limits.maxUncompressedBytes) {
        yield skip(`member declares ${memberSize} bytes uncompressed, over the ${formatBytes(limits.maxUncompressedBytes)} limit`);
        continue;
      }

      let head: Buffer;
      try {
        head = await peekMember(zf, entry, 4);
      } catch (err) {
        yield skip(describeDecompressError(err, 'zip'));
        continue;
      }

      if (isZipMagic(head)) {
        if (src.depth >= 1) { yield skip('zip nested more than one level deep is not expanded'); continue; }
        if (memberSize > limits.maxNestedZipBytes) {
          yield skip(`nested zip larger than ${formatBytes(limits.maxNestedZipBytes)} is not expanded`);
          continue;
        }
        const load = async () => readAll(await openMember(src, entry, index, false, limits), limits.maxNestedZipBytes);
        const inner: ZipSource = {
          label: path,
          depth: src.depth + 1,
          budget: src.budget,
          open: async () => yauzl.fromBufferPromise(await cache.get(path, load), ZIP_OPTIONS),
        };
        yield* expandZip(inner, limits, cache, memberSize, src.label);
        continue;
      }

      const gzip = isGzipMagic(head);
      yield {
        path,
        size: memberSize,
        container: 'zip-member',
        parentPath: src.label,
        open: () => openMember(src, entry, index, gzip, limits),
      };
    }
    if (yielded === 0) yield skipped(src.label, parentPath, 'zip archive contains no files', size);
  } catch (err) {
    const where = listed > 0 ? ` after ${listed} member(s)` : '';
    yield skipped(src.label, parentPath, `zip archive is corrupt${where}: ${message(err)}`, size);
  } finally {
    zf.close();
  }
}
