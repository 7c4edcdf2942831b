// Turns the many timestamp spellings found in audit archives into one EventTime (UTC epoch ms plus
// the original text). Pure and engine-independent: explicit patterns and integer arithmetic, never
// `new Date(string)` (whose guessing differs between engines), so the renderer and the importer
// agree on every instant. Runs once per event, so the patterns are compiled once, here.
import type { EventTime } from './model.ts';

export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

export interface ParseTimeOptions {
  /** Unit of epoch numbers; when absent it is guessed from the magnitude. */
  unit?: EpochUnit;
  /**
   * The format documents its zoneless times as UTC: flag them 'ok' instead of 'no_zone'.
   * Without it, zoneless times are still read as UTC but flagged so the UI can say so.
   */
  assumeUtc?: boolean;
}

/** The range `Date` can represent (±100,000,000 days around the epoch). */
const MAX_MS = 8.64e15;
/** Longer strings are not timestamps; refusing them keeps the work per value bounded. */
const MAX_TEXT = 80;

const NUMERIC = /^(-?)(\d+)(?:\.(\d*))?$/;
// 2024-02-01T04:04:39.198523+00:00, 2022-01-24T08:48:05.645+0000, 2024-02-01 04:04:39+00, 2024-02-01
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([Zz]|UTC|GMT)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
// 9/20/2023 4:05:03 AM (M365 CSV, Azure exporters); 24-hour when there is no AM/PM.
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;
// Jul 4, 2021 12:58:51 PM (legacy Java Date.toString in CloudTrail payloads); July 4, 2021 too.
const JAVA = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;
// Tue, 10 Feb 2026 16:19:37 GMT (HTTP date / RFC 2822)
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(?:(GMT|UTC|UT|Z)|([+-])(\d{2})(\d{2}))$/;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const POW10 = [1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n, 10000000n, 100000000n, 1000000000n];
/** Digits of an epoch value, by unit, that make up whole nanoseconds. */
const NS_DIGITS: Readonly<Record<EpochUnit, number>> = { s: 9, ms: 6, us: 3, ns: 0 };

export function parseTime(value: unknown, opts?: ParseTimeOptions): EventTime {
  if (value === undefined || value === null || value === '') return { ms: null, text: null, flag: 'missing' };
  if (typeof value === 'number') return parseNumber(value, opts?.unit);
  if (typeof value === 'bigint') return parseEpochText(value.toString(), value.toString(), opts?.unit);
  if (typeof value !== 'string') return { ms: null, text: describe(value), flag: 'invalid' };

  const s = value.trim();
  if (s === '') return { ms: null, text: null, flag: 'missing' };
  if (s.length > MAX_TEXT) return invalid(value);
  const zonelessFlag = opts?.assumeUtc ? 'ok' : 'no_zone';
  const c = s.charCodeAt(0);
  const isDigit = c >= 48 && c <= 57;
  if (c === 45 /* - */ || (isDigit && s.charCodeAt(4) !== 45 && s.indexOf('/') < 0)) {
    const epoch = parseEpochText(s, value, opts?.unit);
    // `10 Feb 2026 16:19:37 GMT` also starts with a digit.
    return epoch.flag === 'invalid' && isDigit && !NUMERIC.test(s) ? parseNamedMonth(s, value, zonelessFlag) : epoch;
  }
  if (isDigit) {
    return s.charCodeAt(4) === 45 ? parseIso(s, value, zonelessFlag) : parseUs(s, value, zonelessFlag);
  }
  return parseNamedMonth(s, value, zonelessFlag);
}

function invalid(text: string): EventTime {
  return { ms: null, text, flag: 'invalid' };
}

function describe(value: unknown): string {
  if (typeof value === 'boolean') return String(value);
  try {
    const json = JSON.stringify(value);
    if (typeof json === 'string') return json.length > MAX_TEXT ? json.slice(0, MAX_TEXT) + '…' : json;
  } catch {
    // cyclic or otherwise unserializable: fall through
  }
  return Object.prototype.toString.call(value);
}

function parseNumber(n: number, unit: EpochUnit | undefined): EventTime {
  const text = String(n);
  if (!Number.isFinite(n)) return invalid(text);
  // Integers go through BigInt so a float that already lost digits is at least read exactly as stored.
  // Fractions use the shortest text that reads back as the same double — the digits the source most
  // likely wrote (`1700000000.123`, where toFixed(9) would give `…122999907` and lose a millisecond);
  // only exponent notation goes through a fixed-point string, which the digit parser can read.
  const digits = Number.isInteger(n) ? BigInt(n).toString() : !/e/i.test(text) ? text : Math.abs(n) < 1e21 ? n.toFixed(9) : text;
  return parseEpochText(digits, text, unit);
}

/** An epoch value written as decimal digits, with an optional sign and fraction. */
function parseEpochText(s: string, text: string, unit: EpochUnit | undefined): EventTime {
  const m = NUMERIC.exec(s);
  if (!m) return invalid(text);
  const negative = m[1] === '-';
  const intDigits = m[2]!.replace(/^0+(?=\d)/, '');
  const frac = m[3] ?? '';
  const u: EpochUnit = unit ?? (intDigits.length <= 11 ? 's' : intDigits.length <= 14 ? 'ms' : intDigits.length <= 17 ? 'us' : 'ns');
  const nsDigits = NS_DIGITS[u];

  // Fast path: exact in doubles (at most 15 digits, no fraction).
  if (frac === '' && intDigits.length <= 15) {
    const v = negative ? -Number(intDigits) : Number(intDigits);
    let ms: number;
    let sub = 0;
    if (u === 's') ms = v * 1000;
    else if (u === 'ms') ms = v;
    else {
      const per = u === 'us' ? 1000 : 1e6;
      ms = Math.floor(v / per);
      sub = (v - ms * per) * (u === 'us' ? 1000 : 1);
    }
    return finish(ms, sub, text, 'ok');
  }

  // Exact path: total nanoseconds as BigInt; sub-nanosecond digits are dropped.
  const fracNs = (frac + '000000000').slice(0, nsDigits);
  let totalNs = BigInt(intDigits) * POW10[nsDigits]! + (fracNs === '' ? 0n : BigInt(fracNs));
  if (negative) totalNs = -totalNs;
  let msBig = totalNs / 1000000n;
  if (totalNs < 0n && msBig * 1000000n !== totalNs) msBig -= 1n; // floor, not truncation
  if (msBig > BigInt(MAX_MS) || msBig < -BigInt(MAX_MS)) return invalid(text);
  return finish(Number(msBig), Number(totalNs - msBig * 1000000n), text, 'ok');
}

function finish(ms: number, subMsNanos: number, text: string, flag: 'ok' | 'no_zone'): EventTime {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) return invalid(text);
  const out: EventTime = { ms: ms === 0 ? 0 : ms, text, flag };
  if (subMsNanos > 0) out.subMsNanos = subMsNanos;
  return out;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil); any year. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Assembles validated wall-clock fields into an EventTime. `offsetMin` is the zone's offset east of
 * UTC in minutes, or null for a zoneless time (read as UTC, flagged `zonelessFlag`).
 */
function build(
  text: string, y: number, mo: number, d: number, h: number, mi: number, sec: number,
  fraction: string, offsetMin: number | null, zonelessFlag: 'ok' | 'no_zone',
): EventTime {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return invalid(text);
  if (h > 23 || mi > 59 || sec > 60) return invalid(text); // 60 = leap second, RFC 3339 allows it
  const ns9 = (fraction + '000000000').slice(0, 9);
  const fracMs = Number(ns9.slice(0, 3));
  const sub = Number(ns9.slice(3));
  const ms = daysFromCivil(y, mo, d) * 86400000 + ((h * 60 + mi - (offsetMin ?? 0)) * 60 + sec) * 1000 + fracMs;
  return finish(ms, sub, text, offsetMin === null ? zonelessFlag : 'ok');
}

function parseIso(s: string, text: string, zonelessFlag: 'ok' | 'no_zone'): EventTime {
  const m = ISO.exec(s);
  if (!m) return invalid(text);
  let offset: number | null = null;
  if (m[8] !== undefined) offset = 0;
  else if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return invalid(text);
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return build(text, Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0),
    Number(m[6] ?? 0), m[7] ?? '', offset, zonelessFlag);
}

/** 12-hour clock to 24-hour; -1 when the hour cannot go with the marker. */
function hour24(h: number, marker: string | undefined): number {
  if (marker === undefined) return h;
  if (h < 1 || h > 12) return -1;
  const pm = marker === 'p' || marker === 'P';
  return (h % 12) + (pm ? 12 : 0);
}

function parseUs(s: string, text: string, zonelessFlag: 'ok' | 'no_zone'): EventTime {
  const m = US.exec(s);
  if (!m) return invalid(text);
  const h = hour24(Number(m[4] ?? 0), m[4] === undefined ? undefined : m[8]);
  if (h < 0) return invalid(text);
  return build(text, Number(m[3]), Number(m[1]), Number(m[2]), h, Number(m[5] ?? 0), Number(m[6] ?? 0),
    m[7] ?? '', null, zonelessFlag);
}

function parseNamedMonth(s: string, text: string, zonelessFlag: 'ok' | 'no_zone'): EventTime {
  let m = JAVA.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.slice(0, 3).toLowerCase()];
    if (mo === undefined) return invalid(text);
    const h = hour24(Number(m[4] ?? 0), m[4] === undefined ? undefined : m[7]);
    if (h < 0) return invalid(text);
    return build(text, Number(m[3]), mo, Number(m[2]), h, Number(m[5] ?? 0), Number(m[6] ?? 0), '', null, zonelessFlag);
  }
  m = RFC2822.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    if (mo === undefined) return invalid(text);
    let offset = 0;
    if (m[8] !== undefined) {
      const oh = Number(m[9]);
      const om = Number(m[10]);
      if (oh > 23 || om > 59) return invalid(text);
      offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    return build(text, Number(m[3]), mo, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), '', offset, zonelessFlag);
  }
  return invalid(text);
}
