// Owns opening one source as a stream of record batches: reads a bounded head to recognize the
// encoding and the kind of content (sniff.ts), then feeds the UTF-8 bytes through the matching
// splitter (JSON Lines, JSON boundary scanner, CSV) pull by pull. Memory stays flat whatever the
// file size: at most one chunk, one record (≤ maxRecordBytes) and one batch are held. A stream
// failure after sniffing never throws out of `batches`: it ends with a reject carrying the reason.
import type { ContentKind, RawRecord, SourceEntry } from '../types.ts';
import { ByteSource } from './byteSource.ts';
import { createDecoder, detectEncoding } from './encoding.ts';
import type { Decoder, Encoding } from './encoding.ts';
import { RecordSink } from './recordSink.ts';
import type { Splitter } from './recordSink.ts';
import { JsonLinesSplitter } from './jsonLines.ts';
import { JsonScanner } from './jsonScanner.ts';
import { CsvRowSplitter } from './csvRows.ts';
import { CsvRecordBuilder } from './csvRecords.ts';
import { guessDelimiter, sniff } from './sniff.ts';
import type { Sniffed } from './sniff.ts';

export { parseRecordJson } from './parseRecordJson.ts';

export interface ReaderOptions {
  /** A record larger than this becomes a reject (its first 64 KiB kept). Default 64 MiB. */
  maxRecordBytes?: number;
  /** Records per yielded batch. Default 2000. */
  batchSize?: number;
  /** Skip sniffing and read the content as this kind. */
  kind?: ContentKind;
}

export interface RecordStream {
  kind: ContentKind;
  encoding: Encoding;
  /** The envelope key records were unwrapped from (e.g. `Records`) once known, else null. */
  wrapperKey(): string | null;
  batches: AsyncIterable<RawRecord[]>;
  /** Decompressed bytes consumed so far (progress). */
  bytesRead(): number;
  /** Hex SHA-256 of all decompressed bytes read (before transcoding); final once batches is exhausted. */
  sha256(): string;
}

/** The source holds no JSON/CSV activity data; the message says why (shown as the skip reason). */
export class NotAnArchiveError extends Error {
  override name = 'NotAnArchiveError';
}

const MiB = 1024 * 1024;
/** Bytes read before deciding the encoding and, usually, the kind. */
const SNIFF_MIN = 64 * 1024;
/** Most bytes read to decide the kind (a first JSON line longer than this is read as a document). */
const SNIFF_MAX = 1 * MiB;

interface Head {
  raw: Buffer;
  eof: boolean;
  /** A read error met while filling the head: reported after the records read before it. */
  error: Error | null;
}

async function readMore(src: ByteSource, head: Head, target: number): Promise<Buffer[]> {
  const added: Buffer[] = [];
  let size = head.raw.length;
  while (size < target && !head.eof && !head.error) {
    try {
      const c = await src.next();
      if (!c) head.eof = true;
      else { added.push(c); size += c.length; }
    } catch (err) {
      head.error = err as Error;
    }
  }
  if (added.length) head.raw = Buffer.concat([head.raw, ...added]);
  return added;
}

export async function openRecordStream(entry: SourceEntry, opts: ReaderOptions = {}): Promise<RecordStream> {
  const maxRecordBytes = opts.maxRecordBytes ?? 64 * MiB;
  const batchSize = Math.max(1, opts.batchSize ?? 2000);
  const src = new ByteSource(await entry.open());
  try {
    const head: Head = { raw: Buffer.alloc(0), eof: false, error: null };
    await readMore(src, head, SNIFF_MIN);
    if (head.raw.length === 0 && head.error) throw head.error;
    if (head.raw.length === 0) throw new NotAnArchiveError('not an activity archive: empty file');

    const guess = detectEncoding(head.raw);
    if ('binary' in guess) throw new NotAnArchiveError(`not an activity archive: ${guess.binary}`);
    const { encoding, bomLength } = guess;
    const decoder = createDecoder(encoding);
    // For UTF-8 the decoder is the identity and the BOM is skipped by offset; UTF-16 decoders drop it.
    const utf8Start = encoding === 'utf-8-bom' ? bomLength : 0;
    const utf8Parts: Buffer[] = [decoder.decode(head.raw)];
    let utf8 = utf8Parts[0]!.subarray(utf8Start);

    let sniffed: Sniffed;
    for (;;) {
      const capped = head.raw.length >= SNIFF_MAX || head.error !== null;
      sniffed = opts.kind ? forced(opts.kind, utf8) : sniff(utf8, head.eof, capped);
      if (!('needMore' in sniffed)) break;
      const added = await readMore(src, head, Math.min(SNIFF_MAX, head.raw.length * 2));
      for (const c of added) utf8Parts.push(decoder.decode(c));
      utf8 = Buffer.concat(utf8Parts).subarray(utf8Start);
    }
    if ('notArchive' in sniffed) throw new NotAnArchiveError(sniffed.notArchive);
    if ('needMore' in sniffed) throw new Error('unreachable');

    const sink = new RecordSink(maxRecordBytes);
    let scanner: JsonScanner | null = null;
    let splitter: Splitter;
    if (sniffed.kind === 'jsonl') splitter = new JsonLinesSplitter(sink, utf8Start);
    else if (sniffed.kind === 'json') splitter = scanner = new JsonScanner(sink, utf8Start);
    else if (sniffed.kind === 'csv') {
      const builder = new CsvRecordBuilder(sink, sniffed.delimiter);
      splitter = new CsvRowSplitter(sink, sniffed.delimiter, utf8Start, (l, o, b) => builder.row(l, o, b));
    } else throw new Error('unreachable');

    return {
      kind: sniffed.kind,
      encoding,
      wrapperKey: () => scanner?.wrapperKey ?? null,
      batches: batches(src, decoder, splitter, sink, utf8, head, batchSize, entry.container === 'file' ? entry.size : null),
      bytesRead: () => src.bytesRead,
      sha256: () => src.sha256(),
    };
  } catch (err) {
    src.close();
    throw err;
  }
}

function forced(kind: ContentKind, head: Buffer): Sniffed {
  if (kind === 'unknown') return { notArchive: 'not an activity archive: content kind set to unknown' };
  if (kind === 'csv') return { kind: 'csv', delimiter: guessDelimiter(head) };
  return { kind };
}

/**
 * `expectedSize` is a plain file's size when it was listed: ending short of it means the file
 * shrank while it was read (truncated or rewritten by a log rotation), which is said as the last
 * reject instead of passing for a complete read. Growth needs no word: the appended records are read.
 */
async function* batches(src: ByteSource, decoder: Decoder, splitter: Splitter, sink: RecordSink, first: Buffer, head: Head, batchSize: number, expectedSize: number | null): AsyncGenerator<RawRecord[]> {
  try {
    let failure: Error | null = head.error;
    splitter.push(first);
    let ended = head.eof || failure !== null;
    for (;;) {
      while (sink.out.length >= batchSize) yield sink.out.splice(0, batchSize);
      if (ended) break;
      let raw: Buffer | null;
      try {
        raw = await src.next();
      } catch (err) {
        failure = err as Error;
        break;
      }
      if (raw === null) { ended = true; continue; }
      splitter.push(decoder.decode(raw));
    }
    if (!failure && expectedSize !== null && src.bytesRead < expectedSize) {
      failure = new Error(`the file shrank while it was being read: it had ${expectedSize} bytes when the import started and ended after ${src.bytesRead}; records after byte ${src.bytesRead} are missing`);
    }
    if (failure) splitter.fail(failure.message);
    else {
      const rest = decoder.end();
      if (rest.length) splitter.push(rest);
      splitter.end();
    }
    while (sink.out.length > 0) yield sink.out.splice(0, batchSize);
  } finally {
    // Also runs when the consumer stops early: release the file / decompressor.
    if (!src.done) src.close();
  }
}
