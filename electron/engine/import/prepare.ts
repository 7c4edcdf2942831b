// Turns split records into rows ready to write: parse (JSON), map (format mapper), and compute
// what the writer needs per event — dedupe key, FTS text, detail JSON. Pure CPU work: it runs in
// parse workers for big sources and inline for small ones. A record that fails becomes a reject.
import { createHash } from 'node:crypto';
import type { MappedEvent } from '../../../shared/model.ts';
import type { FormatMapper, MapContext, RawRecord } from './types.ts';
import { MapError } from './types.ts';
import { parseRecordJson } from './readers/index.ts';

export interface PreparedEvent {
  recordNo: number;
  eventIndex: number;
  line: number;
  byteOffset: number;
  ev: MappedEvent;
  /** 96-bit dedupe hash. */
  dkey: Uint8Array;
  /** Text for the FTS index: normalized fields plus every string and number in the record. */
  body: string;
  /** JSON of the normalized fields that are not term-encoded (full parties, changes, user agent). */
  detail: string;
}

export interface PreparedReject {
  recordNo: number;
  line: number;
  byteOffset: number;
  reason: string;
  text: string;
}

export interface PreparedBatch {
  events: PreparedEvent[];
  rejects: PreparedReject[];
  /** recordNo of every record that produced at least one event (for record-level counts). */
  mappedRecords: number;
}

/** FTS bodies are bounded so one hostile record cannot balloon the index. */
const MAX_BODY_CHARS = 1 << 20;
/** Reject texts keep at most this much of the record. */
export const MAX_REJECT_TEXT = 64 * 1024;

export function prepareRecords(records: RawRecord[], mapper: FormatMapper, ctx: MapContext): PreparedBatch {
  const out: PreparedBatch = { events: [], rejects: [], mappedRecords: 0 };
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
    const values = collectText(parsed);
    events.forEach((ev, i) => {
      out.events.push({
        recordNo: rec.recordNo,
        eventIndex: i,
        line: rec.line,
        byteOffset: rec.byteOffset,
        ev,
        dkey: dedupeKey(ev, rec.text, i),
        body: ftsBody(ev, values),
        detail: JSON.stringify({ actor: ev.actor, target: ev.target, entity: ev.entity, changes: ev.changes }),
      });
    });
  }
  return out;
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
  const h = createHash('sha256');
  if (ev.sourceEventId) h.update(`id\u0000${ev.system}\u0000${ev.sourceEventId}`);
  else h.update(`content\u0000${ev.system}\u0000${eventIndex}\u0000`).update(text);
  return h.digest().subarray(0, 12);
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
 * Invisible format characters (zero-width, bidi controls: Unicode category Cf) would split or glue
 * words in the index, so "ad\u200Bmin" — which reads "admin" — could hide from a search for admin.
 * They are dropped from the indexed text only (the raw record keeps them verbatim). Bidi controls
 * may also separate words ("invoice\u202Efdp.exe"), so text holding them is indexed a second time
 * with them read as spaces: both readings are found.
 */
const FORMAT_CHARS = /\p{Cf}/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const HAS_BIDI = /[\u202A-\u202E\u2066-\u2069]/u;

function ftsBody(ev: MappedEvent, recordText: string): string {
  const fields = [ev.action, ev.description, ev.actor.name, ev.actor.id, ev.target.name, ev.target.id, ev.entity.name, ev.entity.id, ev.status, ev.category];
  const text = `${fields.filter(Boolean).join(' ')} ${recordText}`;
  let body = text.replace(FORMAT_CHARS, '');
  if (HAS_BIDI.test(text)) body += ` ${text.replace(BIDI_CONTROLS, ' ').replace(FORMAT_CHARS, '')}`;
  return body.slice(0, MAX_BODY_CHARS);
}
