// Owns turning CSV rows (verbatim text from csvRows.ts) into records: the first row is the header
// (duplicate names get `_2`, `_3`… suffixes, empty ones `column_N`), every later row is parsed by
// papaparse into a row object. A row papaparse complains about (malformed or unterminated quotes)
// or with the wrong number of fields becomes a reject with papaparse's wording and the raw text.
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import type { RecordSink } from './recordSink.ts';
import { firstInvalidUtf8 } from './encoding.ts';

export function headerNames(cells: string[]): string[] {
  const used = new Set<string>();
  return cells.map((cell, i) => {
    const base = cell === '' ? `column_${i + 1}` : cell;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  });
}

export class CsvRecordBuilder {
  private readonly sink: RecordSink;
  private readonly parser: Papa.Parser;
  private header: string[] | null = null;

  constructor(sink: RecordSink, delimiter: string) {
    this.sink = sink;
    // One Parser reused for every row: papaparse's per-call setup (ParserHandle, guessing) is
    // skipped since the delimiter and newline are known.
    this.parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  }

  /** Header cells once the header row has been seen (for tests and diagnostics). */
  get fields(): readonly string[] | null {
    return this.header;
  }

  row(line: number, byteOffset: number, bytes: Buffer): void {
    const valid = isUtf8(bytes);
    const text = bytes.toString('utf8');
    if (this.header === null) {
      const parsed = this.parse(text);
      this.header = headerNames(parsed.data[0] ?? []);
      return;
    }
    if (!valid) {
      this.sink.reject(line, byteOffset, text, `invalid UTF-8 at byte ${byteOffset + firstInvalidUtf8(bytes)}`);
      return;
    }
    const { data, errors } = this.parse(text);
    const firstError = errors[0];
    if (firstError) { this.sink.reject(line, byteOffset, text, firstError.message); return; }
    const cells = data[0];
    if (data.length !== 1 || !cells) { this.sink.reject(line, byteOffset, text, 'row could not be split into fields'); return; }
    const expected = this.header.length;
    if (cells.length !== expected) {
      const reason = cells.length > expected
        ? `Too many fields: expected ${expected} fields but parsed ${cells.length}`
        : `Too few fields: expected ${expected} fields but parsed ${cells.length}`;
      this.sink.reject(line, byteOffset, text, reason);
      return;
    }
    const value: Record<string, string> = {};
    for (let i = 0; i < expected; i++) {
      const name = this.header[i]!;
      // A `__proto__` header must become a plain key, not the object's prototype.
      if (name === '__proto__') Object.defineProperty(value, name, { value: cells[i]!, enumerable: true, writable: true, configurable: true });
      else value[name] = cells[i]!;
    }
    this.sink.record({ line, byteOffset, text, value });
  }

  private parse(text: string): { data: string[][]; errors: { message: string }[] } {
    return this.parser.parse(text, 0, false) as { data: string[][]; errors: { message: string }[] };
  }
}
