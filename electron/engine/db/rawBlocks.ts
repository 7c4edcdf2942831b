// The raw records' storage: each record verbatim (and a CSV row's JSON object), compressed with
// zstd in blocks of consecutive records of one source (docs/PERFORMANCE.md: 8 CloudTrail records
// compress 3.7× together, 1.7× one by one). Owns the block format, the block key, the raw_record()
// SQL function and the `raw` view that reads through it, so the rest of the engine reads
// `raw (id, text, obj)` as before (migration 4).
import { randomInt } from 'node:crypto';
import zlib from 'node:zlib';
import type { CaseDb } from './openCase.ts';

/**
 * A block closes after this many records, or once its records reach BLOCK_BYTES. 8 rather than 32:
 * the case is barely bigger (1.21× vs 1.17× the input at 1M) while reading one record, as a sparse
 * raw-path search does per candidate, decompresses 24 µs instead of 61 µs.
 */
export const BLOCK_RECORDS = 8;
const BLOCK_BYTES = 256 * 1024;
/**
 * zstd level 1, told the block's size: 37 µs per 8-record block where level 3 took 51 µs, for 2 %
 * less compression (3.59× vs 3.68×); level 5 gains 4 % for 82 µs. The import's bottleneck is CPU.
 */
const LEVEL = 1;
/** A block is at most one record past BLOCK_BYTES, and records are ≤ 64 MiB (readers/index.ts), with their CSV object. */
const MAX_BLOCK_BYTES = 256 * 1024 * 1024;
/** Block keys: source id × 2^32 + the first record's number (record numbers count from 1 per source). */
export const SOURCE_SPAN = 4294967296;

/** One part of the event's record: a block the connection holds open is not read again (its bytes are not even loaded). */
const part = (p: 0 | 1) => `raw_record(b.id, b.tag, ev.record_no, ${p}, CASE WHEN raw_block_open(b.id, b.tag) THEN NULL ELSE b.data END)`;

/**
 * `raw` as the engine has always read it: the event's record, found in the block of its source
 * whose first record number is the greatest not above the event's (blocks of one source never
 * overlap: they follow the file). Needs the functions on the connection (registerRawBlocks).
 */
export const RAW_VIEW = `
  CREATE VIEW raw AS
  SELECT ev.id AS id, ${part(0)} AS text, ${part(1)} AS obj
  FROM events ev JOIN raw_blocks b ON b.id = (
    SELECT id FROM raw_blocks WHERE id <= ev.source_id * ${SOURCE_SPAN} + ev.record_no ORDER BY id DESC LIMIT 1)`;

/**
 * A block's tag: random, so a block written under a key that a removed source's block had (source
 * ids can come back) is never mistaken for the one a connection still holds open.
 */
function newBlockTag(): number {
  return randomInt(2 ** 48 - 1);
}

/** Packed blocks: each one's first record number, the blocks back to back, and each one's end offset. */
export interface PackedBlocks { firsts: Float64Array; bytes: Uint8Array; ends: Int32Array }

/**
 * A writer of one source's packed blocks (the import's writer, migration 4): each under its key
 * with a new tag; `keep`, when given, says which blocks to write.
 */
export function blockInserter(db: CaseDb): (sourceId: number, blocks: PackedBlocks, keep?: Uint8Array) => void {
  const insert = db.prepare(`INSERT INTO raw_blocks (id, tag, data) VALUES (? * ${SOURCE_SPAN} + ?, ?, ?)`);
  return (sourceId, { firsts, bytes, ends }, keep) => {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let k = 0; k < firsts.length; k++) {
      if (!keep || keep[k]) insert.run(sourceId, firsts[k], newBlockTag(), buf.subarray(k === 0 ? 0 : ends[k - 1]!, ends[k]!));
    }
  };
}

/** Blocks being built: consecutive records of one source, compressed as each block fills. */
export class BlockPacker {
  /** First record number of each finished block. */
  private firsts: number[] = [];
  private out: Buffer[] = [];
  private outBytes = 0;
  private recNos: number[] = [];
  private parts: Buffer[] = [];
  private bytes = 0;

  /** Adds a record (numbers must increase); `obj` is the CSV row's JSON object, null otherwise. */
  add(recordNo: number, text: string, obj: string | null): void {
    if (this.recNos.length >= BLOCK_RECORDS || this.bytes >= BLOCK_BYTES) this.flush();
    const t = Buffer.from(text, 'utf8');
    const o = obj === null ? EMPTY : Buffer.from(obj, 'utf8');
    this.recNos.push(recordNo);
    this.parts.push(t, o);
    this.bytes += t.length + o.length;
  }

  /** The finished blocks: their first record numbers, compressed bytes back to back, and end offsets. */
  finish(): PackedBlocks {
    this.flush();
    const bytes = new Uint8Array(new ArrayBuffer(this.outBytes)); // its own buffer, to transfer
    const ends = new Int32Array(this.out.length);
    let at = 0;
    this.out.forEach((b, i) => { bytes.set(b, at); at += b.length; ends[i] = at; });
    return { firsts: Float64Array.from(this.firsts), bytes, ends };
  }

  private flush(): void {
    const n = this.recNos.length;
    if (n === 0) return;
    // Layout: count, each record's number − the first's, the end offset of each text and object
    // (after the header), then the texts and objects in turn. An empty object is a null one.
    const head = Buffer.allocUnsafe(4 + n * 12);
    head.writeUInt32LE(n, 0);
    let end = 0;
    for (let i = 0; i < n; i++) {
      head.writeUInt32LE(this.recNos[i]! - this.recNos[0]!, 4 + i * 4);
      end += this.parts[2 * i]!.length;
      head.writeUInt32LE(end, 4 + n * 4 + i * 8);
      end += this.parts[2 * i + 1]!.length;
      head.writeUInt32LE(end, 8 + n * 4 + i * 8);
    }
    const plain = Buffer.concat([head, ...this.parts]);
    const z = zlib.zstdCompressSync(plain, { ...ZSTD_OPTIONS, pledgedSrcSize: plain.length });
    this.firsts.push(this.recNos[0]!);
    this.out.push(z);
    this.outBytes += z.length;
    this.recNos = [];
    this.parts = [];
    this.bytes = 0;
  }
}

const EMPTY = Buffer.alloc(0);
const ZSTD_OPTIONS = {
  params: {
    [zlib.constants.ZSTD_c_compressionLevel]: LEVEL,
    [zlib.constants.ZSTD_c_checksumFlag]: 0,
  },
};

/** One block, decompressed: where each record's text and object lie. */
interface OpenBlock {
  key: number;
  tag: number;
  plain: Buffer;
  count: number;
}

/** Opens a block's bytes; a damaged block is an error that names itself. */
export function openBlock(key: number, tag: number, data: Buffer): OpenBlock {
  let plain: Buffer;
  try {
    plain = zlib.zstdDecompressSync(data, { maxOutputLength: MAX_BLOCK_BYTES });
  } catch (e) {
    throw new Error(`raw record block ${key} is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  const count = plain.length >= 4 ? plain.readUInt32LE(0) : 0;
  if (count === 0 || 4 + count * 12 > plain.length) throw new Error(`raw record block ${key} is damaged: bad header`);
  return { key, tag, plain, count };
}

/** The text (part 0) or CSV object (part 1) of a record in an open block; null when absent. */
export function recordIn(block: OpenBlock, recordNo: number, part: 0 | 1): string | null {
  const { plain, count } = block;
  const offset = recordNo - (block.key % SOURCE_SPAN);
  // Offsets ascend: binary search for the record.
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = plain.readUInt32LE(4 + mid * 4);
    if (v < offset) lo = mid + 1;
    else if (v > offset) hi = mid - 1;
    else {
      const base = 4 + count * 12;
      const endAt = 4 + count * 4 + mid * 8 + part * 4;
      // Each part starts where the one before it ends (the record's text, or the previous record's object).
      const start = part === 0 && mid === 0 ? 0 : plain.readUInt32LE(endAt - 4);
      const end = plain.readUInt32LE(endAt);
      if (base + end > plain.length || start > end) throw new Error(`raw record block ${block.key} is damaged: bad offsets`);
      if (part === 1 && start === end) return null;
      return plain.toString('utf8', base + start, base + end);
    }
  }
  return null;
}

const registered = new WeakSet<CaseDb>();

/**
 * Registers the view's functions on a connection (once). Readers go through events in time order,
 * which is (nearly) file order, so the few blocks opened last are kept: a block is decompressed
 * once for its records, not once per record, and its bytes cross into JS only then (measured:
 * handing SQLite's block blob to a function costs ~3.5 µs a call, more than the rest of a read).
 * - raw_block_open(key, tag): whether that block is open here;
 * - raw_record(key, tag, record_no, part, data): the record's text (part 0) or CSV object (1),
 *   from the open block when data is NULL, else from `data`.
 */
export function registerRawBlocks(db: CaseDb): void {
  if (registered.has(db)) return;
  registered.add(db);
  const recent: OpenBlock[] = [];
  const find = (k: number, t: number) => recent.find((b) => b.key === k && b.tag === t);
  // Not deterministic: the answer depends on what this connection has opened.
  db.function('raw_block_open', { deterministic: false }, (key: unknown, tag: unknown) => (find(Number(key), Number(tag)) ? 1 : 0));
  db.function('raw_record', { deterministic: false }, (key: unknown, tag: unknown, recordNo: unknown, part: unknown, data: unknown) => {
    const k = Number(key);
    const t = Number(tag);
    let block = find(k, t);
    if (!block) {
      if (!Buffer.isBuffer(data)) throw new Error(`raw record block ${k} is not open and its bytes were not given`);
      block = openBlock(k, t, data);
      recent.unshift(block);
      if (recent.length > 8) recent.pop();
    }
    return recordIn(block, Number(recordNo), Number(part) === 1 ? 1 : 0);
  });
}
