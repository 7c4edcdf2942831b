// Owns splitting JSON Lines into records: one record per non-blank line, found with Buffer.indexOf
// (memchr) so the hot path never looks at individual bytes in JS. Records are not parsed here
// (parse workers do that). Text is the line verbatim minus its terminator (`\n` or `\r\n`).
import type { RecordSink, Splitter } from './recordSink.ts';
import { Pending, ZERO_FILLED_REASON, keptText } from './recordSink.ts';

const LF = 0x0a;
const CR = 0x0d;

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b !== 0x20 && b !== 0x09 && b !== CR) return false;
  }
  return true;
}

export class JsonLinesSplitter implements Splitter {
  private readonly sink: RecordSink;
  private base: number;
  private line = 1;
  /** A line that started in an earlier chunk and has not ended yet. */
  private inLine = false;
  private readonly pending: Pending;
  private pendingOffset = 0;
  private pendingLine = 1;

  constructor(sink: RecordSink, startOffset: number) {
    this.sink = sink;
    this.base = startOffset;
    // +1: a line of exactly maxRecordBytes may still carry the CR of a CRLF terminator.
    this.pending = new Pending(sink.maxRecordBytes + 1);
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    let pos = 0;
    if (this.inLine) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.pending.add(chunk);
        this.base += n;
        return;
      }
      this.pending.add(chunk.subarray(0, nl));
      this.finishPending();
      this.inLine = false;
      this.line++;
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) break;
      const end = nl > pos && chunk[nl - 1] === CR ? nl - 1 : nl;
      if (end > pos && (chunk[pos] === 0x7b || !isBlank(chunk, pos, end))) {
        this.emit(this.line, this.base + pos, chunk.subarray(pos, end));
      }
      this.line++;
      pos = nl + 1;
    }
    if (pos < n) {
      this.inLine = true;
      this.pending.reset();
      this.pending.add(chunk.subarray(pos));
      this.pendingOffset = this.base + pos;
      this.pendingLine = this.line;
    }
    this.base += n;
  }

  private finishPending(): void {
    const p = this.pending;
    if (p.over) {
      let kept = p.bytes();
      if (kept.length === p.size && kept[kept.length - 1] === CR) kept = kept.subarray(0, kept.length - 1);
      this.sink.reject(this.pendingLine, this.pendingOffset, keptText(kept), this.sink.oversizeReason);
      return;
    }
    let buf = p.bytes();
    if (buf.length > 0 && buf[buf.length - 1] === CR) buf = buf.subarray(0, buf.length - 1);
    if (buf.length === 0 || isBlank(buf, 0, buf.length)) return;
    this.emit(this.pendingLine, this.pendingOffset, buf);
  }

  /**
   * One line's bytes to the sink. A run of NUL bytes at its start is a zero-filled gap (a log
   * preallocated or cut by a crash): it becomes its own reject saying so, and whatever follows it on
   * the line is read as the record it is, instead of one reject hiding both.
   */
  private emit(line: number, offset: number, buf: Buffer): void {
    if (buf[0] === 0) {
      let k = 1;
      while (k < buf.length && buf[k] === 0) k++;
      this.sink.reject(line, offset, keptText(buf.subarray(0, k)), ZERO_FILLED_REASON);
      if (k === buf.length || isBlank(buf, k, buf.length)) return;
      this.sink.bytes(line, offset + k, buf.subarray(k));
      return;
    }
    this.sink.bytes(line, offset, buf);
  }

  end(): void {
    // A last line without a newline is a record like any other.
    if (this.inLine) this.finishPending();
    this.inLine = false;
  }

  fail(reason: string): void {
    if (this.inLine && this.pending.size > 0) {
      const text = keptText(this.pending.bytes());
      this.sink.reject(this.pendingLine, this.pendingOffset, text, reason);
    } else {
      this.sink.reject(this.line, this.base, '', reason);
    }
    this.inLine = false;
  }
}
