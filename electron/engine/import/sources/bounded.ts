// Owns the bomb guard put at the end of every decompressing stream chain: counts output bytes,
// refuses too much output or a too-high output/input ratio (per stream, and per zip archive as a
// whole), and turns zlib/yauzl errors into
// reasons a user can read. Chains are wired by hand (not stream.pipeline) so that the error the
// consumer sees is our readable one, not whichever raw error won the race.
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import type { Limits } from './limits.ts';
import { formatBytes } from './limits.ts';

export type ContainerLabel = 'gzip' | 'zip';

/** A readable reason for an error raised while decompressing `label` data. */
export function describeDecompressError(err: unknown, label: ContainerLabel): string {
  const e = err as { code?: string; message?: string } | null;
  const msg = e?.message ?? String(err);
  if (e && (e as { readable?: boolean }).readable === true) return msg; // already ours
  const what = label === 'gzip' ? 'gzip data' : 'zip member';
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(msg)) {
    return label === 'gzip' ? 'gzip data ends early: the file is truncated' : 'zip member data ends early: the archive is truncated or corrupt';
  }
  if (e?.code === 'Z_DATA_ERROR' || e?.code === 'Z_NEED_DICT') return `${what} is corrupt: ${msg}`;
  if (/not enough bytes|too many bytes|invalid local file header|overflows file bounds|unsupported compression|encrypted/i.test(msg)) {
    return `${what} is corrupt: ${msg}`;
  }
  if (typeof e?.code === 'string' && e.code.startsWith('E')) return `cannot read ${label === 'gzip' ? 'file' : 'zip archive'}: ${msg}`;
  return `${what} could not be decompressed: ${msg}`;
}

/** An Error whose message is already user-readable (so it is not re-wrapped). */
export function readableError(message: string, cause?: unknown): Error {
  const err = new Error(message, cause === undefined ? undefined : { cause });
  (err as { readable?: boolean }).readable = true;
  return err;
}

/**
 * The decompressed bytes of all members of one zip on disk, nested zips included. Each member's own
 * ratio is checked against its own compressed size only after a grace size, so an archive of many
 * members (or of many central-directory entries overlapping one deflate stream, the "overlapping
 * files" bomb) could stay under every member's limit while multiplying the output without bound;
 * this budget caps the archive as a whole at the same ratio.
 */
export interface ArchiveBudget {
  out: number;
  readonly limit: number;
  readonly maxRatio: number;
  /**
   * Most bytes produced so far per member (by its central-directory position, never its name,
   * which an attacker can repeat): reading a member again is not new output.
   */
  readonly members: Map<string, number>;
}

export function archiveBudget(archiveBytes: number | null, limits: Limits): ArchiveBudget {
  const limit = Math.max(limits.ratioGraceBytes, limits.maxRatio * (archiveBytes ?? 0));
  return { out: 0, limit: Math.min(limit, limits.maxUncompressedBytes), maxRatio: limits.maxRatio, members: new Map() };
}

/** One member's share of an archive budget. */
export interface MemberBudget {
  budget: ArchiveBudget;
  key: string;
}

export function archiveBudgetSpent(b: ArchiveBudget): boolean {
  return b.out > b.limit;
}

export function archiveBudgetReason(b: ArchiveBudget): string {
  return `the zip's members decompress to more than ${formatBytes(b.limit)} in all, over ${b.maxRatio} times the archive's size (zip bomb?): the rest of the archive is not read`;
}

/**
 * Counts bytes flowing out of a decompressor and fails the stream when the limits are exceeded.
 * `inputBytes` reports the compressed bytes behind the output so far (or the total compressed size
 * when only that is known — which under-estimates the ratio, never over-estimates it).
 */
class BombGuard extends Transform {
  private out = 0;
  private readonly limits: Limits;
  private readonly inputBytes: () => number;
  private readonly archive: MemberBudget | null;

  constructor(limits: Limits, inputBytes: () => number, archive: MemberBudget | null) {
    super({ highWaterMark: 256 * 1024 });
    this.limits = limits;
    this.inputBytes = inputBytes;
    this.archive = archive;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.out += chunk.length;
    if (this.archive) {
      const { budget, key } = this.archive;
      const before = budget.members.get(key) ?? 0;
      if (this.out > before) {
        budget.out += this.out - before;
        budget.members.set(key, this.out);
      }
      if (archiveBudgetSpent(budget)) { cb(readableError(archiveBudgetReason(budget))); return; }
    }
    const { maxUncompressedBytes, maxRatio, ratioGraceBytes } = this.limits;
    if (this.out > maxUncompressedBytes) {
      cb(readableError(`decompressed data exceeds the ${formatBytes(maxUncompressedBytes)} limit (decompression bomb?)`));
      return;
    }
    if (this.out > ratioGraceBytes) {
      const ratio = this.out / Math.max(1, this.inputBytes());
      if (ratio > maxRatio) {
        cb(readableError(`decompressed data is more than ${maxRatio} times larger than its compressed size (decompression bomb?)`));
        return;
      }
    }
    cb(null, chunk);
  }
}

/** One link of a decompression chain, with the container it decodes (for error wording). */
export interface Stage {
  stream: Readable;
  label: ContainerLabel;
}

/**
 * Pipes `stages` (source first, decompressor(s) after) into a BombGuard and returns the guard.
 * Any stage's error destroys the guard with a readable reason; destroying the guard (consumer
 * stopped early, or limit hit) destroys every stage so file descriptors are released.
 */
export function guardChain(stageList: Stage[], limits: Limits, inputBytes: () => number, archive: MemberBudget | null = null): Readable {
  const guard = new BombGuard(limits, inputBytes, archive);
  const stages = stageList.map((s) => s.stream);
  let prev: Readable | null = null;
  for (const { stream: s, label } of stageList) {
    s.on('error', (err) => guard.destroy(readableError(describeDecompressError(err, label), err)));
    if (prev) prev.pipe(s as unknown as NodeJS.WritableStream);
    prev = s;
  }
  prev?.pipe(guard);
  guard.on('close', () => { for (const s of stages) s.destroy(); });
  return guard;
}
