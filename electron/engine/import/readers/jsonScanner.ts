// Owns splitting a JSON document (or several concatenated ones) into records without parsing it:
// a byte-level boundary scanner that finds where each record starts and ends, so each record's
// text is the exact source slice and memory stays bounded whatever the document's size.
//   - a top-level array: each element is a record;
//   - a top-level object: an envelope (envelope.ts) yields its wrapper array's elements, any other
//     object is itself one record (it is buffered, bounded, until the envelope rule decides);
//   - text between top-level values is a reject; scanning resumes at the next line starting with
//     `{` or `[`. Commas between top-level values are tolerated (a common exporter bug).
// Nesting is a counter, never recursion (100k-deep input is fine); bracket kinds are not matched
// (`{]` balances): syntax errors inside a record are the parser's business, not the splitter's.
import type { RecordSink, Splitter } from './recordSink.ts';
import { Pending, TRUNCATED_REASON, ZERO_FILLED_REASON, keptText } from './recordSink.ts';
import { isEventLike, isWrapperKey } from './envelope.ts';

// Scanner states (numbers, not an enum: the code runs under type stripping).
const TOP = 0; // between top-level values
const GARBAGE = 1; // inside text that is not JSON, at top level
const ARRAY = 2; // in a record-bearing array, expecting an element, `,` or `]`
const ELEMENT = 3; // inside an array element (a record)
const KEY = 4; // top-level object: expecting a key, `,` or `}`
const KEY_STRING = 5; // inside a key (or the captured value of `kind`)
const COLON = 6;
const VALUE = 7; // expecting a value of the top-level object
const SKIP_VALUE = 8; // inside a value of the top-level object (not a wrapper array)
const AFTER_VALUE = 9; // expecting `,` or `}`
const PLAIN_OBJECT = 10; // a malformed top-level object: just find its end, it is one record
const TAIL = 11; // after a wrapper array: skipping the envelope's trailing metadata

// What the value being scanned is.
const CONTAINER = 0;
const STRING = 1;
const SCALAR = 2;

const MAX_KEY = 64;
const GARBAGE_REASON = 'not JSON: unexpected text between JSON values';

/** Text between values that is only NUL bytes is a zero-filled gap, and says so. */
const garbageReason = (text: string) => (/^\u0000+$/.test(text) ? ZERO_FILLED_REASON : GARBAGE_REASON);

const isWs = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const endsScalar = (b: number) => b === 0x2c || b === 0x5d || b === 0x7d || isWs(b);

export class JsonScanner implements Splitter {
  /** The wrapper key of the first envelope found, e.g. `Records`. */
  wrapperKey: string | null = null;

  private readonly sink: RecordSink;
  private base: number;
  private line = 1;
  private state = TOP;

  // The record being collected (an element, a top-level object, or garbage).
  private recActive = false;
  private recStart = 0; // index in the current chunk where its bytes start
  private recOffset = 0;
  private recLine = 1;
  private readonly pending: Pending;

  // The value being scanned.
  private kind = CONTAINER;
  private depth = 0;
  private inString = false;
  private escape = false;

  // Top-level object bookkeeping.
  private inEnvelope = false; // the current ARRAY is a wrapper array (else a top-level array)
  private eventLike = false;
  private keyBuf = Buffer.alloc(MAX_KEY);
  private keyLen = 0;
  private keyIsValue = false; // KEY_STRING is capturing the value of `kind`, not a key
  private key = '';
  private scalarText: string | null = null;
  private lineStart = false; // GARBAGE: only whitespace so far on the current line

  constructor(sink: RecordSink, startOffset: number) {
    this.sink = sink;
    this.base = startOffset;
    this.pending = new Pending(sink.maxRecordBytes);
  }

  push(buf: Buffer): void {
    const n = buf.length;
    if (this.recActive) this.recStart = 0;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case TOP: i = this.top(buf, i, n); break;
        case GARBAGE: i = this.garbage(buf, i, n); break;
        case ARRAY: i = this.array(buf, i, n); break;
        case KEY: i = this.objectKey(buf, i); break;
        case KEY_STRING: i = this.keyString(buf, i, n); break;
        case COLON: i = this.colon(buf, i); break;
        case VALUE: i = this.objectValue(buf, i); break;
        case AFTER_VALUE: i = this.afterValue(buf, i); break;
        default: { // ELEMENT, SKIP_VALUE, PLAIN_OBJECT, TAIL: scan a value to its end
          const end = this.scanValue(buf, i, n);
          if (end < 0) { i = n; break; }
          i = end;
          this.valueDone(buf, end);
        }
      }
    }
    if (this.recActive) this.pending.add(buf.subarray(this.recStart, n));
    this.base += n;
  }

  // ---- records -------------------------------------------------------------------------------

  private startRecord(i: number): void {
    this.recActive = true;
    this.recStart = i;
    this.recOffset = this.base + i;
    this.recLine = this.line;
    this.pending.reset();
  }

  /** Ends the record at `end` (exclusive) of `buf`; a reject with `reason` when given. */
  private endRecord(buf: Buffer, end: number, reason?: string): void {
    this.recActive = false;
    const p = this.pending;
    let bytes: Buffer;
    if (p.size === 0) bytes = buf.subarray(this.recStart, end);
    else {
      p.add(buf.subarray(this.recStart, end));
      if (p.over) {
        this.sink.reject(this.recLine, this.recOffset, keptText(p.bytes()), reason ?? this.sink.oversizeReason);
        p.reset();
        return;
      }
      bytes = p.bytes();
    }
    p.reset();
    if (reason) {
      let e = bytes.length;
      while (e > 0 && isWs(bytes[e - 1]!)) e--;
      const text = keptText(bytes.subarray(0, e));
      this.sink.reject(this.recLine, this.recOffset, text, reason === GARBAGE_REASON ? garbageReason(text) : reason);
    } else {
      this.sink.bytes(this.recLine, this.recOffset, bytes);
    }
  }

  // ---- states --------------------------------------------------------------------------------

  private top(buf: Buffer, i: number, n: number): number {
    for (; i < n; i++) {
      const b = buf[i]!;
      if (b === 0x0a) this.line++;
      else if (isWs(b) || b === 0x2c) continue;
      else if (b === 0x7b) {
        this.startRecord(i);
        this.state = KEY;
        this.eventLike = false;
        return i + 1;
      } else if (b === 0x5b) {
        this.inEnvelope = false;
        this.state = ARRAY;
        return i + 1;
      } else {
        this.startRecord(i);
        this.state = GARBAGE;
        this.lineStart = false;
        return i + 1;
      }
    }
    return n;
  }

  private garbage(buf: Buffer, i: number, n: number): number {
    for (; i < n; i++) {
      const b = buf[i]!;
      if (b === 0x0a) { this.line++; this.lineStart = true; }
      else if (this.lineStart && (b === 0x7b || b === 0x5b)) {
        this.endRecord(buf, i, GARBAGE_REASON);
        this.state = TOP;
        return i;
      } else if (b !== 0x20 && b !== 0x09 && b !== 0x0d) this.lineStart = false;
    }
    return n;
  }

  private array(buf: Buffer, i: number, n: number): number {
    for (; i < n; i++) {
      const b = buf[i]!;
      if (b === 0x0a) this.line++;
      else if (isWs(b) || b === 0x2c) continue;
      else if (b === 0x5d) {
        this.state = this.inEnvelope ? TAIL : TOP;
        if (this.inEnvelope) this.beginValue(CONTAINER, 1);
        return i + 1;
      } else {
        this.startRecord(i);
        this.state = ELEMENT;
        this.beginValueAt(b);
        return i + 1;
      }
    }
    return n;
  }

  private objectKey(buf: Buffer, i: number): number {
    const b = buf[i]!;
    if (b === 0x0a) { this.line++; return i + 1; }
    if (isWs(b) || b === 0x2c) return i + 1;
    if (b === 0x22) {
      this.state = KEY_STRING;
      this.keyIsValue = false;
      this.keyLen = 0;
      this.escape = false;
      return i + 1;
    }
    if (b === 0x7d) { this.endObject(buf, i + 1); return i + 1; }
    return this.plain(i);
  }

  /** Reads a short string (a key, or `kind`'s value) into keyBuf; longer ones are only skipped. */
  private keyString(buf: Buffer, i: number, n: number): number {
    for (; i < n; i++) {
      const b = buf[i]!;
      if (this.escape) this.escape = false;
      else if (b === 0x5c) this.escape = true;
      else if (b === 0x22) {
        const text = this.keyLen <= MAX_KEY ? this.keyBuf.toString('utf8', 0, this.keyLen) : '';
        if (this.keyIsValue) {
          this.scalarText = `"${text}"`;
          this.kind = STRING;
          this.valueDone(buf, i + 1);
        } else {
          this.key = this.keyLen <= MAX_KEY ? text : '';
          this.state = COLON;
        }
        return i + 1;
      } else if (b === 0x0a) this.line++;
      if (this.keyLen < MAX_KEY) this.keyBuf[this.keyLen] = b;
      this.keyLen++;
    }
    return n;
  }

  private colon(buf: Buffer, i: number): number {
    const b = buf[i]!;
    if (b === 0x0a) { this.line++; return i + 1; }
    if (isWs(b)) return i + 1;
    if (b === 0x3a) { this.state = VALUE; return i + 1; }
    return this.plain(i);
  }

  private objectValue(buf: Buffer, i: number): number {
    const b = buf[i]!;
    if (b === 0x0a) { this.line++; return i + 1; }
    if (isWs(b)) return i + 1;
    if (b === 0x5b && !this.eventLike && isWrapperKey(this.key)) {
      // An envelope: its metadata so far is not a record; the array's elements are.
      this.recActive = false;
      this.pending.reset();
      this.wrapperKey ??= this.key;
      this.inEnvelope = true;
      this.state = ARRAY;
      return i + 1;
    }
    if (b === 0x7d || b === 0x2c || b === 0x5d || b === 0x3a) return this.plain(i);
    this.scalarText = null;
    if (b === 0x22 && this.key === 'kind') {
      this.state = KEY_STRING;
      this.keyIsValue = true;
      this.keyLen = 0;
      this.escape = false;
      return i + 1;
    }
    this.state = SKIP_VALUE;
    this.beginValueAt(b);
    return i + 1;
  }

  private afterValue(buf: Buffer, i: number): number {
    const b = buf[i]!;
    if (b === 0x0a) { this.line++; return i + 1; }
    if (isWs(b)) return i + 1;
    if (b === 0x2c) { this.state = KEY; return i + 1; }
    if (b === 0x7d) { this.endObject(buf, i + 1); return i + 1; }
    return this.plain(i);
  }

  /** The top-level object is not shaped as expected: find its end; it is one record. */
  private plain(i: number): number {
    this.state = PLAIN_OBJECT;
    this.beginValue(CONTAINER, 1);
    return i; // the unexpected byte is scanned as part of the object
  }

  private endObject(buf: Buffer, end: number): void {
    this.endRecord(buf, end);
    this.state = TOP;
  }

  // ---- values --------------------------------------------------------------------------------

  private beginValue(kind: number, depth: number): void {
    this.kind = kind;
    this.depth = depth;
    this.inString = kind === STRING;
    this.escape = false;
  }

  /** Starts a value whose first byte `b` was just consumed. */
  private beginValueAt(b: number): void {
    if (b === 0x7b || b === 0x5b) this.beginValue(CONTAINER, 1);
    else if (b === 0x22) this.beginValue(STRING, 0);
    else this.beginValue(SCALAR, 0);
  }

  /** Scans the current value; returns the index just past its end, or -1 if it goes on. */
  private scanValue(buf: Buffer, i: number, n: number): number {
    if (this.kind === SCALAR) {
      for (; i < n; i++) if (endsScalar(buf[i]!)) return i;
      return -1;
    }
    let depth = this.depth;
    let inStr = this.inString;
    let esc = this.escape;
    let line = this.line;
    let end = -1;
    for (; i < n; i++) {
      const b = buf[i]!;
      if (inStr) {
        if (esc) esc = false;
        else if (b === 0x5c) esc = true;
        else if (b === 0x22) {
          inStr = false;
          if (depth === 0) { end = i + 1; break; } // a string value ends here
        } else if (b === 0x0a) line++;
      } else if (b === 0x22) inStr = true;
      else if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) {
        if (--depth === 0) { end = i + 1; break; }
      } else if (b === 0x0a) line++;
    }
    this.depth = depth;
    this.inString = inStr;
    this.escape = esc;
    this.line = line;
    return end;
  }

  private valueDone(buf: Buffer, end: number): void {
    switch (this.state) {
      case ELEMENT:
        this.endRecord(buf, end);
        this.state = ARRAY;
        break;
      case SKIP_VALUE:
      case KEY_STRING:
        if (!this.eventLike && isEventLike(this.key, this.kind === CONTAINER, this.scalarText)) this.eventLike = true;
        this.state = AFTER_VALUE;
        break;
      case PLAIN_OBJECT:
        this.endObject(buf, end);
        break;
      case TAIL:
        this.state = TOP;
        break;
    }
  }

  // ---- end of input --------------------------------------------------------------------------

  end(): void {
    this.finish(null);
  }

  fail(reason: string): void {
    this.finish(reason);
  }

  private finish(failure: string | null): void {
    const state = this.state;
    this.state = TOP;
    if (this.recActive) {
      this.recActive = false;
      const text = keptText(this.pending.bytes());
      const kept = state === GARBAGE ? text.trimEnd() : text;
      const reason = failure ?? (state === GARBAGE ? garbageReason(kept) : TRUNCATED_REASON);
      this.sink.reject(this.recLine, this.recOffset, kept, reason);
      this.pending.reset();
      return;
    }
    if (failure) this.sink.reject(this.line, this.base, '', failure);
    else if (state === ARRAY) {
      this.sink.reject(this.line, this.base, '', 'unexpected end of file: an array is not closed (file truncated?)');
    }
    // TAIL: the wrapper array closed, only envelope metadata is missing; no record is lost.
  }
}
