// Turns split records into rows ready to write: parse (JSON), map (format mapper), and compute
// what the writer needs per event — dedupe key, FTS text, detail JSON. Pure CPU work: it runs in
// parse workers for big sources and inline for small ones. A record that fails becomes a reject.
import { hash } from 'node:crypto';
import type { MappedEvent, Outcome, TimeFlag } from '../../../shared/model.ts';
import type { FormatMapper, MapContext, RawRecord } from './types.ts';
import { MapError } from './types.ts';
import { parseRecordJson } from './readers/index.ts';
import { BlockPacker, type PackedBlocks } from '../db/rawBlocks.ts';

export const OUTCOME_CODES: Record<Outcome, number> = { unknown: 0, success: 1, failure: 2, warning: 3, in_progress: 4 };
export const TIME_FLAG_CODES: Record<TimeFlag, number> = { ok: 0, no_zone: 1, missing: 2, invalid: 3 };

export interface PreparedReject {
  recordNo: number;
  line: number;
  byteOffset: number;
  reason: string;
  text: string;
}

/**
 * A batch of events ready to write, packed column-wise for the trip from a parse worker to the
 * writer: numbers in one Float64Array, short strings in one array, and the long texts (FTS body,
 * detail JSON) already UTF-8 in one byte buffer with the dedupe keys; the records themselves come
 * compressed in blocks (rawBlocks.ts). The buffers are transferred, not copied, and the writer binds
 * byte ranges (CAST … AS TEXT): no per-event objects, no big strings on the writer's heap, no
 * UTF-16 → UTF-8 conversion there.
 */
export interface PreparedBatch {
  /** Events in the batch. */
  count: number;
  /** NUM_FIELDS numbers per event (NaN = null). */
  nums: Float64Array;
  /** STR_FIELDS strings per event. */
  strs: (string | null)[];
  /**
   * The batch's distinct facetable values: field slot (TERM_FIELDS order), value, and the display
   * label of its first event (null when it is the value). Events refer to them by index (NUM.terms).
   */
  termSlots: number[];
  termValues: string[];
  termLabels: (string | null)[];
  /** The BYTE_FIELDS byte ranges of every event, back to back. */
  bytes: Uint8Array;
  /** End offset in `bytes` of each byte range (its start is the previous end). */
  ends: Int32Array;
  /** The mapped records, verbatim, in zstd blocks of consecutive records (rawBlocks.ts). */
  blocks: PackedBlocks;
  rejects: PreparedReject[];
  /** Records that produced at least one event (for record-level counts). */
  mappedRecords: number;
}

/** Per-event numbers, in this order. */
export const NUM = { recordNo: 0, eventIndex: 1, line: 2, byteOffset: 3, ms: 4, nanos: 5, timeFlag: 6, outcome: 7, hasChanges: 8, terms: 9 } as const;
/** The last TERM_SLOTS numbers of an event: an index into the batch's terms per field (-1 = none). */
export const TERM_SLOTS = 11;
export const NUM_FIELDS = 9 + TERM_SLOTS;
/** Per-event strings: the time text, description, source event id. */
export const STR = { timeText: 0, description: 1, sourceEventId: 2 } as const;
export const STR_FIELDS = 3;
/**
 * Per-event byte ranges: detail JSON (full parties, changes, user agent), FTS body (normalized
 * fields not already among the record's words, then every string and number in the record), and
 * the 96-bit dedupe key.
 */
export const BYTES = { detail: 0, body: 1, dkey: 2 } as const;
export const BYTE_FIELDS = 3;

/** Collects one batch into the packed form. */
class BatchPacker {
  private nums = new Float64Array(64 * NUM_FIELDS);
  private readonly strs: (string | null)[] = [];
  private readonly termIndex: Map<string, number>[] = Array.from({ length: TERM_SLOTS }, () => new Map());
  private readonly termSlots: number[] = [];
  private readonly termValues: string[] = [];
  private readonly termLabels: (string | null)[] = [];
  private bytes: Buffer;
  private ends = new Int32Array(64 * BYTE_FIELDS);
  private used = 0;
  private count = 0;
  private nEnds = 0;
  readonly rejects: PreparedReject[] = [];
  readonly blocks = new BlockPacker();
  mappedRecords = 0;

  /** `expectedBytes`: a guess of the batch's byte size (avoids regrowing the buffer). */
  constructor(expectedBytes: number) {
    // Unpooled: its ArrayBuffer belongs to this batch alone, so it can be transferred.
    this.bytes = Buffer.allocUnsafeSlow(Math.max(1 << 16, expectedBytes));
  }

  add(rec: RawRecord, ev: MappedEvent, eventIndex: number, values: string): void {
    if ((this.count + 1) * NUM_FIELDS > this.nums.length) {
      const bigger = new Float64Array(this.nums.length * 2);
      bigger.set(this.nums);
      this.nums = bigger;
    }
    const n = this.nums;
    const o = this.count * NUM_FIELDS;
    n[o + NUM.recordNo] = rec.recordNo;
    n[o + NUM.eventIndex] = eventIndex;
    n[o + NUM.line] = rec.line;
    n[o + NUM.byteOffset] = rec.byteOffset;
    n[o + NUM.ms] = ev.time.ms ?? NaN;
    n[o + NUM.nanos] = ev.time.subMsNanos ?? NaN;
    n[o + NUM.timeFlag] = TIME_FLAG_CODES[ev.time.flag];
    n[o + NUM.outcome] = OUTCOME_CODES[ev.outcome];
    n[o + NUM.hasChanges] = ev.changes.length > 0 ? 1 : 0;

    const actorKey = ev.actor.id ?? ev.actor.name;
    const targetKey = ev.target.id ?? ev.target.name;
    const entityKey = ev.entity.id ?? ev.entity.name;
    // TERM_FIELDS order: system, action, category, status, actor, actor_type, target, entity_type, entity, ip, version.
    const t = o + NUM.terms;
    n[t] = this.term(0, ev.system, null); n[t + 1] = this.term(1, ev.action, null); n[t + 2] = this.term(2, ev.category, null);
    n[t + 3] = this.term(3, ev.status, null); n[t + 4] = this.term(4, actorKey, ev.actor.name); n[t + 5] = this.term(5, ev.actor.type, null);
    n[t + 6] = this.term(6, targetKey, ev.target.name); n[t + 7] = this.term(7, ev.entity.type, null);
    n[t + 8] = this.term(8, entityKey, ev.entity.name); n[t + 9] = this.term(9, ev.actor.ip, null); n[t + 10] = this.term(10, ev.version, null);
    this.strs.push(ev.time.text, ev.description, ev.sourceEventId);

    this.text(detailJson(ev));
    this.text(ftsBody(ev, values));
    this.raw(dedupeKey(ev, rec.text, eventIndex));
    this.count++;
  }

  /** The batch-local index of a facetable value (-1 for none); the first event's label is kept. */
  private term(slot: number, value: string | null | undefined, name: string | null): number {
    if (value === null || value === undefined || value === '') return -1;
    const index = this.termIndex[slot]!;
    let i = index.get(value);
    if (i === undefined) {
      i = this.termValues.length;
      index.set(value, i);
      this.termSlots.push(slot);
      this.termValues.push(value);
      this.termLabels.push(labelOf(value, name));
    }
    return i;
  }

  finish(): PreparedBatch {
    return {
      count: this.count,
      nums: this.nums.subarray(0, this.count * NUM_FIELDS),
      strs: this.strs,
      termSlots: this.termSlots,
      termValues: this.termValues,
      termLabels: this.termLabels,
      bytes: this.bytes.subarray(0, this.used),
      ends: this.ends.subarray(0, this.nEnds),
      blocks: this.blocks.finish(),
      rejects: this.rejects,
      mappedRecords: this.mappedRecords,
    };
  }

  private text(s: string): void {
    this.reserve(s.length * 3);
    this.used += this.bytes.write(s, this.used, 'utf8');
    this.end();
  }

  private raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.used);
    this.used += b.length;
    this.end();
  }

  private end(): void {
    if (this.nEnds === this.ends.length) {
      const bigger = new Int32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.nEnds++] = this.used;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + n));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }
}

/**
 * The event's `detail` column: what the normalized model holds beyond the term columns — the actor's
 * source type and user agent, names that are not the term's value, the target's type, the target
 * and entity ids (readers take them from here), and the changes. Values a term column already
 * holds (actor id, type and ip; entity type; a name that is its party's value because the id is
 * missing) and nulls are left out: the same facts in about half the bytes.
 */
export function detailJson(ev: MappedEvent): string {
  const d = {
    actor: present({ name: ev.actor.id !== null ? ev.actor.name : null, sourceType: ev.actor.sourceType, userAgent: ev.actor.userAgent }),
    target: { id: ev.target.id, ...present({ name: ev.target.id !== null ? ev.target.name : null, type: ev.target.type }) },
    entity: { id: ev.entity.id, ...present({ name: ev.entity.id !== null ? ev.entity.name : null }) },
    changes: ev.changes,
  };
  return JSON.stringify(d);
}

function present(o: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in o) { const v = o[k]; if (v !== null && v !== undefined) out[k] = v; }
  return out;
}

function labelOf(value: string | null, name: string | null): string | null {
  return name && name !== value ? name : null;
}

/** The buffers of a batch, to transfer (not copy) it to another thread. */
export function transferList(b: PreparedBatch): ArrayBuffer[] {
  return [b.nums, b.bytes, b.ends, b.blocks.firsts, b.blocks.bytes, b.blocks.ends].map((a) => a.buffer as ArrayBuffer);
}

/** FTS bodies are bounded so one hostile record cannot balloon the index. */
const MAX_BODY_CHARS = 1 << 20;
/** Reject texts keep at most this much of the record. */
export const MAX_REJECT_TEXT = 64 * 1024;

export function prepareRecords(records: RawRecord[], mapper: FormatMapper, ctx: MapContext): PreparedBatch {
  let chars = 0;
  for (const rec of records) chars += rec.text.length;
  // FTS body + detail ≈ 1.5× the record; UTF-8 of ASCII is one byte a character.
  const out = new BatchPacker(chars * 2);
  for (const rec of records) {
    const reject = (reason: string) =>
      out.rejects.push({ recordNo: rec.recordNo, line: rec.line, byteOffset: rec.byteOffset, reason, text: rec.text.slice(0, MAX_REJECT_TEXT) });
    if (rec.error) { reject(rec.error); continue; }
    const parsed = parseRecord(rec);
    if (typeof parsed === 'string') { reject(parsed); continue; }
    let events: MappedEvent[];
    try {
      events = mapper.map(parsed, ctx);
    } catch (e) {
      reject(e instanceof MapError ? e.message : `the ${mapper.label} mapper failed on this record: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (events.length === 0) { reject(`the ${mapper.label} mapper found no event in this record`); continue; }
    out.mappedRecords++;
    out.blocks.add(rec.recordNo, rec.text, rec.value ? JSON.stringify(rec.value) : null);
    const values = collectText(parsed);
    for (let i = 0; i < events.length; i++) out.add(rec, events[i]!, i, values);
  }
  return out.finish();
}

/** Parses a record; returns the object, or a readable reason why it is not one. */
export function parseRecord(rec: RawRecord): Record<string, unknown> | string {
  if (rec.value) return rec.value;
  let v: unknown;
  try {
    v = parseRecordJson(rec.text);
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    return `not valid JSON: ${what}`;
  }
  if (v === null || typeof v !== 'object') return `the record is a JSON ${v === null ? 'null' : typeof v}, not an object`;
  if (Array.isArray(v)) return 'the record is a JSON array, not an object';
  return v as Record<string, unknown>;
}

/**
 * Same system + same source event id = the same event, whichever export it came in. Without an
 * id, identical record text is the same event (the event index keeps multi-event records apart).
 */
export function dedupeKey(ev: MappedEvent, text: string, eventIndex: number): Uint8Array {
  // One-shot crypto.hash: the same SHA-256 bytes as a Hash object, without creating one per event.
  const input = ev.sourceEventId ? `id\u0000${ev.system}\u0000${ev.sourceEventId}` : `content\u0000${ev.system}\u0000${eventIndex}\u0000${text}`;
  return hash('sha256', input, 'buffer').subarray(0, 12);
}

/** Every string and number leaf of the record, in document order (keys are not indexed). */
export function collectText(value: unknown): string {
  const parts: string[] = [];
  let size = 0;
  // Iterative walk: hostile records can nest far deeper than the call stack allows.
  const stack: unknown[] = [value];
  while (stack.length > 0 && size < MAX_BODY_CHARS) {
    const v = stack.pop();
    if (typeof v === 'string') { if (v.length > 0) { parts.push(v); size += v.length + 1; } }
    else if (typeof v === 'number' || typeof v === 'bigint') { const s = String(v); parts.push(s); size += s.length + 1; }
    else if (Array.isArray(v)) { for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]); }
    else if (v !== null && typeof v === 'object') { const vals = Object.values(v); for (let i = vals.length - 1; i >= 0; i--) stack.push(vals[i]); }
  }
  return parts.join(' ').slice(0, MAX_BODY_CHARS);
}

/**
 * The FTS text of one event: the normalized fields, then the record's own words. A normalized field
 * whose text already occurs in the record as whole words (CloudTrail's eventName, an actor ARN…)
 * adds nothing a search could find, word or phrase, so it is left out: fewer tokens to index.
 */
export function ftsBody(ev: MappedEvent, recordText: string): string {
  const fields = [ev.action, ev.description, ev.actor.name, ev.actor.id, ev.target.name, ev.target.id, ev.entity.name, ev.entity.id, ev.status, ev.category];
  let head = '';
  for (const f of fields) if (f && !containsAsWords(recordText, f) && !containsAsWords(head, f)) head += `${f} `;
  return indexable(head === '' ? recordText : head + recordText).slice(0, MAX_BODY_CHARS);
}

/**
 * Invisible format characters (zero-width, bidi controls: Unicode category Cf) would split or glue
 * words in the index, so "ad\u200Bmin" — which reads "admin" — could hide from a search for admin.
 * They are dropped from the indexed text only (the raw record keeps them verbatim). Bidi controls
 * may also separate words ("invoice\u202Efdp.exe"), so text holding them is indexed a second time
 * with them read as spaces: both readings are found. Every Cf character is outside ASCII, so ASCII
 * text (most records) skips the Unicode scans.
 */
const NON_ASCII = /[^\x00-\x7f]/;
const FORMAT_CHARS = /\p{Cf}/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const HAS_BIDI = /[\u202A-\u202E\u2066-\u2069]/u;

function indexable(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let body = text.replace(FORMAT_CHARS, '');
  if (HAS_BIDI.test(text)) body += ` ${text.replace(BIDI_CONTROLS, ' ').replace(FORMAT_CHARS, '')}`;
  return body;
}

/**
 * Whether `needle` occurs in `text` with no word character on either side, so its tokens occur there
 * in the same order and adjacent. A non-ASCII neighbour counts as a word character (the tokenizer may
 * treat it as one): when unsure the answer is "no", which only keeps a field that could have gone.
 */
export function containsAsWords(text: string, needle: string): boolean {
  let at = text.indexOf(needle);
  while (at !== -1) {
    if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + needle.length))) return true;
    at = text.indexOf(needle, at + 1);
  }
  return false;
}

/** NaN (outside the string) is no word character; ASCII letters/digits are; non-ASCII is treated as one. */
function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c >= 128) return true;
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
