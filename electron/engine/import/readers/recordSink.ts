// Owns what every splitter does with a record once its bytes are known: numbering, UTF-8
// validation, the size limit, and the wording of rejects. Also the bounded accumulator used for
// records that span several chunks, so no splitter ever holds more than maxRecordBytes (+ one chunk).
import { isUtf8 } from 'node:buffer';
import type { RawRecord } from '../types.ts';
import { formatBytes } from '../sources/limits.ts';
import { firstInvalidUtf8, trimToCharBoundary } from './encoding.ts';

/** How much of an oversized or broken record is kept as the reject's text. */
export const REJECT_KEEP_BYTES = 64 * 1024;

export const TRUNCATED_REASON = 'unexpected end of file inside a record (file truncated?)';

/** NUL bytes where records should be: a log preallocated, or cut by a crash, and zero-filled. */
export const ZERO_FILLED_REASON = 'NUL bytes instead of text: a zero-filled gap where the file was not completely written (after a crash?)';

/** A splitter turns UTF-8 chunks into records appended to its sink. */
export interface Splitter {
  push(chunk: Buffer): void;
  /** End of input: flush the last record (or a reject if the input ends inside one). */
  end(): void;
  /** The input failed (bomb limit, truncated gzip, I/O): flush what is pending as a reject with `reason`. */
  fail(reason: string): void;
}

export class RecordSink {
  out: RawRecord[] = [];
  readonly maxRecordBytes: number;
  private no = 0;

  constructor(maxRecordBytes: number) {
    this.maxRecordBytes = maxRecordBytes;
  }

  get oversizeReason(): string {
    return `record exceeds ${formatBytes(this.maxRecordBytes)}`;
  }

  /** A record from its verbatim bytes; invalid UTF-8 or an oversized record becomes a reject. */
  bytes(line: number, byteOffset: number, buf: Buffer): void {
    if (buf.length > this.maxRecordBytes) {
      this.reject(line, byteOffset, keptText(buf), this.oversizeReason);
      return;
    }
    if (!isUtf8(buf)) {
      this.reject(line, byteOffset, buf.toString('utf8'), `invalid UTF-8 at byte ${byteOffset + firstInvalidUtf8(buf)}`);
      return;
    }
    this.out.push({ recordNo: ++this.no, line, byteOffset, text: buf.toString('utf8') });
  }

  record(rec: Omit<RawRecord, 'recordNo'>): void {
    this.out.push({ recordNo: ++this.no, ...rec });
  }

  reject(line: number, byteOffset: number, text: string, error: string): void {
    this.out.push({ recordNo: ++this.no, line, byteOffset, text, error });
  }
}

/** The text kept for a reject: the first 64 KiB, cut on a character boundary. */
export function keptText(buf: Buffer): string {
  if (buf.length <= REJECT_KEEP_BYTES) return buf.toString('utf8');
  return trimToCharBoundary(buf.subarray(0, REJECT_KEEP_BYTES)).toString('utf8');
}

function firstBytes(parts: Buffer[], n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  let len = 0;
  for (const p of parts) {
    if (len >= n) break;
    len += p.copy(out, len, 0, Math.min(p.length, n - len));
  }
  return out.subarray(0, len);
}

/**
 * The bytes of a record seen so far when it spans chunks. Past the limit it stops keeping bytes
 * (except the first 64 KiB for the reject) but keeps counting, so memory stays bounded.
 */
export class Pending {
  private parts: Buffer[] = [];
  size = 0;
  private kept = 0;
  over = false;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  reset(): void {
    this.parts = [];
    this.size = 0;
    this.kept = 0;
    this.over = false;
  }

  add(buf: Buffer): void {
    if (buf.length === 0) return;
    this.size += buf.length;
    if (!this.over && this.size > this.limit) {
      this.over = true;
      // Drop everything beyond the first 64 KiB now that the record can only be a reject (a copy,
      // so the large chunks it came from can be freed).
      const head = firstBytes(this.parts.concat(buf), REJECT_KEEP_BYTES);
      this.parts = [head];
      this.kept = head.length;
      return;
    }
    if (this.over) {
      if (this.kept < REJECT_KEEP_BYTES) {
        const take = buf.subarray(0, REJECT_KEEP_BYTES - this.kept);
        this.parts.push(Buffer.from(take));
        this.kept += take.length;
      }
      return;
    }
    this.parts.push(buf);
    this.kept += buf.length;
  }

  /** The kept bytes (all of them unless `over`). */
  bytes(): Buffer {
    if (this.parts.length === 1) return this.parts[0]!;
    const b = Buffer.concat(this.parts, this.kept);
    this.parts = [b];
    return b;
  }
}
