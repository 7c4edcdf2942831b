// Owns finding where each CSV row starts and ends in the byte stream (quote-aware, so a quoted
// cell may span lines), mirroring papaparse's quote rules: a quote opens a quoted field only at
// the start of a field; inside it `""` is a literal quote; a quote closes the field only when
// followed (after optional whitespace) by the delimiter, a newline or the end; any other quote is
// malformed and the field goes on — up to the end of its line: such a row is a reject anyway, and
// ending it there keeps one stray quote from swallowing the rows after it. Fields themselves are
// parsed by papaparse (csvRecords.ts): this splitter exists because papaparse's streaming mode
// gives neither a row's verbatim text nor its byte offset, and buffers an unterminated quoted
// field without bound.
import type { RecordSink, Splitter } from './recordSink.ts';
import { Pending, keptText } from './recordSink.ts';

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3; // just saw a quote inside a quoted field
const AFTER_QUOTE_WS = 4; // ... followed by whitespace

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Receives each row's verbatim bytes (terminator excluded). */
export type RowHandler = (line: number, byteOffset: number, bytes: Buffer) => void;

export class CsvRowSplitter implements Splitter {
  private readonly sink: RecordSink;
  private readonly onRow: RowHandler;
  private readonly delim: number;
  private base: number;
  private line = 1;
  private state = FIELD_START;
  private rowActive = false;
  private rowStart = 0;
  private rowOffset = 0;
  private rowLine = 1;
  private readonly pending: Pending;
  private nextQuote = -1; // cached position of the next quote in the current chunk
  private malformed = false; // the current row has a quote followed by text (`"a"b`)

  constructor(sink: RecordSink, delimiter: string, startOffset: number, onRow: RowHandler) {
    this.sink = sink;
    this.delim = delimiter.charCodeAt(0);
    this.base = startOffset;
    this.onRow = onRow;
    this.pending = new Pending(sink.maxRecordBytes + 1); // +1: the CR of a CRLF terminator
  }

  push(buf: Buffer): void {
    const n = buf.length;
    if (this.rowActive) this.rowStart = 0;
    this.nextQuote = -1;
    let i = 0;
    while (i < n) {
      if (!this.rowActive) this.startRow(i);
      const s = this.state;
      if (s === FIELD_START || s === UNQUOTED) {
        // Fast path: jump to whichever comes first, the end of the row or a quote.
        const nl = buf.indexOf(LF, i);
        let q = this.nextQuote; // -2: no quote left in this chunk
        if (q !== -2 && q < i) {
          const f = buf.indexOf(QUOTE, i);
          q = this.nextQuote = f === -1 ? -2 : f;
        }
        if (q === -2 || (nl !== -1 && nl < q)) {
          if (nl === -1) {
            // The row goes on in the next chunk; a quote there opens a field only after a delimiter.
            this.state = buf[n - 1] === this.delim ? FIELD_START : UNQUOTED;
            i = n;
            break;
          }
          this.endRow(buf, nl);
          i = nl + 1;
          continue;
        }
        // A quote comes first: it opens a quoted field only at a field start.
        const atFieldStart = q === i ? s === FIELD_START : buf[q - 1] === this.delim;
        this.state = atFieldStart ? QUOTED : UNQUOTED;
        i = q + 1;
        continue;
      }
      if (s === QUOTED) {
        const q = buf.indexOf(QUOTE, i);
        const stop = q === -1 ? n : q;
        if (this.malformed) {
          // After a malformed quote the row is a reject whatever follows (csvRecords.ts rejects
          // every row papaparse complains about), so the next newline ends it: one stray quote
          // must not swallow the rows after it into the same reject.
          const nl = buf.indexOf(LF, i);
          if (nl !== -1 && nl < stop) { this.endRow(buf, nl); i = nl + 1; continue; }
        }
        for (let k = buf.indexOf(LF, i); k !== -1 && k < stop; k = buf.indexOf(LF, k + 1)) this.line++;
        if (q === -1) { i = n; break; }
        this.state = AFTER_QUOTE;
        i = q + 1;
        continue;
      }
      // AFTER_QUOTE / AFTER_QUOTE_WS: decide what the last quote was.
      const b = buf[i]!;
      if (b === LF) { this.endRow(buf, i); i++; continue; }
      if (b === this.delim) this.state = FIELD_START;
      else if (b === QUOTE) this.state = s === AFTER_QUOTE ? QUOTED : AFTER_QUOTE; // `""` is a literal quote
      else if (b === 0x20 || b === 0x09 || b === CR) this.state = AFTER_QUOTE_WS;
      else { this.state = QUOTED; this.malformed = true; } // malformed quote: papaparse keeps the field going
      i++;
    }
    if (this.rowActive) this.pending.add(buf.subarray(this.rowStart, n));
    this.base += n;
  }

  private startRow(i: number): void {
    this.rowActive = true;
    this.rowStart = i;
    this.rowOffset = this.base + i;
    this.rowLine = this.line;
    this.state = FIELD_START;
    this.malformed = false;
    this.pending.reset();
  }

  /** Ends the current row at `nl` (the index of its `\n`, or the end of input). */
  private endRow(buf: Buffer, nl: number): void {
    const p = this.pending;
    let bytes: Buffer;
    if (p.size === 0) bytes = buf.subarray(this.rowStart, nl);
    else {
      p.add(buf.subarray(this.rowStart, nl));
      bytes = p.bytes();
    }
    const over = p.over;
    const whole = !over || bytes.length === p.size; // all bytes kept, up to the terminator
    p.reset();
    this.rowActive = false;
    this.state = FIELD_START;
    this.malformed = false;
    const line = this.rowLine;
    this.line++;
    let e = bytes.length;
    if (whole && e > 0 && bytes[e - 1] === CR) e--;
    if (over || e > this.sink.maxRecordBytes) {
      this.sink.reject(line, this.rowOffset, keptText(bytes.subarray(0, e)), this.sink.oversizeReason);
      return;
    }
    let blank = true;
    for (let k = 0; k < e && blank; k++) { const c = bytes[k]; blank = c === 0x20 || c === 0x09 || c === CR; }
    if (blank) return;
    this.onRow(line, this.rowOffset, bytes.subarray(0, e));
  }

  end(): void {
    if (this.rowActive) this.endRow(Buffer.alloc(0), 0);
  }

  fail(reason: string): void {
    if (this.rowActive && this.pending.size > 0) {
      this.sink.reject(this.rowLine, this.rowOffset, keptText(this.pending.bytes()), reason);
    } else {
      this.sink.reject(this.line, this.base, '', reason);
    }
    this.rowActive = false;
  }
}
