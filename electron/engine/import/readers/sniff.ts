// Owns deciding, from the first bytes only (never the file name), whether a stream is JSON Lines,
// a JSON document, CSV, or not activity data at all (with a readable reason).
//   JSON: first non-blank character `{` or `[`. JSON Lines when the first line is a complete JSON
//   object on its own, not an envelope, and is followed by another line starting with `{`/`[`
//   (or is the whole file); anything else is a document for the boundary scanner, which also
//   copes with one value per line (so a long first line or a one-line `{"Records":[…]}` is safe).
//   A broken or cut first line followed by two complete one-line objects is JSON Lines too, so
//   that only the broken line is rejected.
//   CSV: the first rows parse (papaparse) to the same number (≥ 2) of fields and the header cells
//   look like field names.
import Papa from 'papaparse';
import { envelopeKeyOf } from './envelope.ts';

export type Sniffed =
  | { kind: 'jsonl' | 'json' }
  | { kind: 'csv'; delimiter: string }
  | { notArchive: string }
  | { needMore: true };

const isWs = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function skipWs(buf: Buffer, i: number): number {
  while (i < buf.length && isWs(buf[i])) i++;
  return i;
}

/**
 * `head` is the start of the UTF-8 stream (BOM removed); `eof` when it is the whole stream;
 * `capped` when no more will be read for sniffing (decide with what is there).
 */
export function sniff(head: Buffer, eof: boolean, capped: boolean): Sniffed {
  const start = skipWs(head, 0);
  if (start >= head.length) return eof || capped ? { notArchive: 'not an activity archive: empty file' } : { needMore: true };
  const first = head[start];
  if (first === 0x7b || first === 0x5b) return sniffJson(head, start, eof, capped);
  // A log captured mid-file starts with the tail of a cut record: JSON Lines all the same.
  const nl = head.indexOf(0x0a, start);
  if (nl !== -1 && nextLinesAreEvents(head, nl + 1)) return { kind: 'jsonl' };
  return sniffCsv(head, start, eof);
}

/**
 * The next two non-blank lines are each a complete, non-envelope JSON object starting in column 0.
 * Two, because a pretty or one-element-per-line document can have one such line (its last
 * element has no trailing comma) but never two in a row.
 */
function nextLinesAreEvents(head: Buffer, from: number): boolean {
  let pos = from;
  for (let k = 0; k < 2; k++) {
    const start = skipWs(head, pos);
    if (start >= head.length || head[start] !== 0x7b || head[start - 1] !== 0x0a) return false;
    const nl = head.indexOf(0x0a, start);
    if (nl === -1) return false;
    try {
      const value: unknown = JSON.parse(head.toString('utf8', start, nl));
      if (value === null || typeof value !== 'object' || Array.isArray(value) || envelopeKeyOf(value) !== null) return false;
    } catch {
      return false;
    }
    pos = nl + 1;
  }
  return true;
}

function sniffJson(head: Buffer, start: number, eof: boolean, capped: boolean): Sniffed {
  const nl = head.indexOf(0x0a, start);
  if (nl === -1 && !eof) return capped ? { kind: 'json' } : { needMore: true };
  const lineEnd = nl === -1 ? head.length : nl;
  let value: unknown;
  try {
    value = JSON.parse(head.toString('utf8', start, lineEnd));
  } catch {
    // A pretty-printed document, unless the first line is a broken record of a JSON Lines file
    // (then only that line should be lost, not merged with the following ones).
    return nl !== -1 && nextLinesAreEvents(head, nl + 1) ? { kind: 'jsonl' } : { kind: 'json' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || envelopeKeyOf(value) !== null) return { kind: 'json' };
  if (nl === -1) return { kind: 'jsonl' }; // the whole file is that one line
  const next = skipWs(head, nl + 1);
  if (next >= head.length) {
    if (eof || capped) return { kind: 'jsonl' };
    return { needMore: true };
  }
  const c = head[next];
  // A NUL after a complete first line: a JSON Lines log zero-filled past its last write.
  if (c === 0x7b || c === 0x5b || c === 0) return { kind: 'jsonl' };
  // A broken exporter writes a bare value (`42`, `"text"`, `null`) as a line of its own. Read as a
  // document, such lines would merge into one "text between values" reject and a later `[]` line
  // would vanish; as JSON Lines each is a record, rejected on its own with its line number.
  const nextEnd = head.indexOf(0x0a, next);
  if (nextEnd !== -1 || eof) {
    try {
      JSON.parse(head.toString('utf8', next, nextEnd === -1 ? head.length : nextEnd));
      return { kind: 'jsonl' };
    } catch {
      // not a JSON value: text between documents, which the boundary scanner reports
    }
  }
  return { kind: 'json' };
}

function notArchive(reason: string): Sniffed {
  return { notArchive: reason };
}

/** A header cell that reads like a column name, not like prose. */
function looksLikeFieldName(cell: string): boolean {
  const t = cell.trim();
  if (t.length > 80 || /[\r\n]/.test(t)) return false;
  if (t.split(/\s+/).length > 5) return false;
  return !/[.!?:;]$/.test(t);
}

function textReason(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')).trim();
  if (/^#{1,6}\s/.test(firstLine) || /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/m.test(text.slice(0, 4096))) {
    return 'not an activity archive: looks like Markdown text';
  }
  if (/^<[!?a-zA-Z]/.test(firstLine)) return 'not an activity archive: looks like HTML or XML';
  return 'not an activity archive: looks like plain text, not JSON or CSV';
}

/**
 * Rows end at `\n` as in the row splitter (csvRows.ts), which drops a `\r` before it: papaparse's
 * own guess picks one terminator for the whole head, so a file mixing CRLF and LF rows would read as
 * one long row and be refused as plain text. Whitespace-only rows (a stray `\r`) are skipped.
 */
const CSV_SNIFF: Papa.ParseConfig<string[]> = { preview: 10, skipEmptyLines: 'greedy', newline: '\n', delimitersToGuess: [',', ';', '\t', '|'] };

function sniffCsv(head: Buffer, start: number, eof: boolean): Sniffed {
  // Only complete lines (unless the whole stream is here): a cut row would skew the guess.
  const lastNl = head.lastIndexOf(0x0a);
  const end = eof || lastNl < start ? head.length : lastNl;
  const text = head.toString('utf8', start, end);
  const result = Papa.parse<string[]>(text, CSV_SNIFF);
  const rows = result.data;
  const header = rows[0];
  const reason = textReason(text);
  if (reason.includes('Markdown') || reason.includes('HTML')) return notArchive(reason);
  if (!header || header.length < 2) return notArchive(reason);
  const second = rows[1];
  // A second row cut off by the sniffing window may parse short; only a complete one must match.
  const secondComplete = rows.length > 2 || eof || !result.errors.some((e) => e.code === 'MissingQuotes');
  if (second && secondComplete && second.length !== header.length) return notArchive(reason);
  const named = header.filter((c) => c.trim() !== '');
  if (named.length * 2 < header.length || !header.every(looksLikeFieldName)) return notArchive(reason);
  return { kind: 'csv', delimiter: result.meta.delimiter };
}

/** The delimiter papaparse guesses for a CSV head (used when the kind is forced to csv). */
export function guessDelimiter(head: Buffer): string {
  const text = head.toString('utf8', 0, Math.min(head.length, 64 * 1024));
  return Papa.parse<string[]>(text, CSV_SNIFF).meta.delimiter;
}
