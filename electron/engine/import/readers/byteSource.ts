// Owns pulling the decompressed bytes of one source: chunk by chunk on demand (the Readable's
// async iterator, so nothing is read ahead beyond the stream's own buffer), counting them for
// progress and hashing them (SHA-256 of the bytes as decompressed, before any transcoding).
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { Readable } from 'node:stream';

function readableReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException | null;
  const msg = e?.message ?? String(err);
  if ((e as { readable?: boolean } | null)?.readable === true) return msg;
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return `cannot read the file: ${msg}`;
  return msg;
}

export class ByteSource {
  private readonly stream: Readable;
  private readonly it: AsyncIterator<unknown>;
  private readonly hash: Hash = createHash('sha256');
  private digest: string | null = null;
  bytesRead = 0;
  done = false;

  constructor(stream: Readable) {
    this.stream = stream;
    this.it = stream[Symbol.asyncIterator]();
  }

  /** The next chunk, or null at the end. Throws an Error with a readable message on failure. */
  async next(): Promise<Buffer | null> {
    if (this.done) return null;
    let r: IteratorResult<unknown>;
    try {
      r = await this.it.next();
    } catch (err) {
      this.done = true;
      throw new Error(readableReason(err), { cause: err });
    }
    if (r.done) {
      this.done = true;
      this.digest = this.hash.digest('hex');
      return null;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : (r.value as Buffer);
    this.bytesRead += chunk.length;
    this.hash.update(chunk);
    return chunk;
  }

  /** SHA-256 of the bytes read so far (of all bytes once the end was reached). */
  sha256(): string {
    return this.digest ?? this.hash.copy().digest('hex');
  }

  close(): void {
    this.done = true;
    this.stream.destroy();
  }
}
