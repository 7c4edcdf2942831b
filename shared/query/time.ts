// Time values of after:/before:/on: — reading the text (absolute dates at any granularity,
// relative `-7d`, `now`/`today`/`yesterday`) and resolving it to a half-open UTC range against a
// caller-given `now`, so results are deterministic in tests and consistent within one search.
import type { TimeOp } from './ast.ts';

export type Granularity = 'year' | 'month' | 'day' | 'minute' | 'second' | 'fraction';
export type RelativeUnit = 'm' | 'h' | 'd' | 'w' | 'mo' | 'y';

/** What a time value says, before it is resolved against `now`. */
export type TimeSpec =
  | { kind: 'absolute'; startMs: number; endMs: number; granularity: Granularity }
  | { kind: 'relative'; amount: number; unit: RelativeUnit }
  | { kind: 'keyword'; word: 'now' | 'today' | 'yesterday' };

export type TimeRead = { ok: true; spec: TimeSpec } | { ok: false; reason: string | null };

const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// YYYY[-MM[-DD[(T|space)HH:MM[:SS[.f+]][Z|±HH[:]MM]]]] — the zone is only meaningful with a time.
const ABSOLUTE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?)?)?$/;
const RELATIVE = /^-(\d{1,7})(mo|[mhdwy])$/i;

/** Epoch ms of a UTC calendar time; setUTCFullYear because Date.UTC maps years 0-99 to 19xx. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s, ms));
  date.setUTCFullYear(y, mo, d);
  return date.getTime();
}

function daysInMonth(y: number, mo: number): number {
  return new Date(utc(y, mo + 1, 0)).getUTCDate();
}

export function readTimeValue(raw: string): TimeRead {
  const word = raw.toLowerCase();
  if (word === 'now' || word === 'today' || word === 'yesterday') return { ok: true, spec: { kind: 'keyword', word } };
  const rel = RELATIVE.exec(raw);
  if (rel) return { ok: true, spec: { kind: 'relative', amount: Number(rel[1]), unit: rel[2]!.toLowerCase() as RelativeUnit } };
  const m = ABSOLUTE.exec(raw);
  if (!m) return { ok: false, reason: null };
  const y = Number(m[1]);
  const mo = m[2] === undefined ? 0 : Number(m[2]) - 1;
  const d = m[3] === undefined ? 1 : Number(m[3]);
  if (mo < 0 || mo > 11) return { ok: false, reason: 'the month must be 01 to 12' };
  const dim = daysInMonth(y, mo);
  if (d < 1 || d > dim) return { ok: false, reason: `${MONTHS[mo]} ${y} has ${dim} days` };
  if (m[2] === undefined) return absolute(utc(y, 0, 1), utc(y + 1, 0, 1), 'year');
  if (m[3] === undefined) return absolute(utc(y, mo, 1), utc(y, mo + 1, 1), 'month');
  if (m[4] === undefined) return absolute(utc(y, mo, d), utc(y, mo, d) + DAY_MS, 'day');
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23) return { ok: false, reason: 'the hour must be 00 to 23' };
  if (mi > 59) return { ok: false, reason: 'the minutes must be 00 to 59' };
  if (s > 59) return { ok: false, reason: 'the seconds must be 00 to 59' };
  const frac = m[7] ?? '';
  const ms = frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  let offsetMs = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) return { ok: false, reason: 'the zone offset must be between -23:59 and +23:59' };
    offsetMs = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  // A zone of +02:00 means local = UTC + 2h, so the UTC instant is local - offset.
  const start = utc(y, mo, d, h, mi, s, ms) - offsetMs;
  const width = m[6] === undefined ? 60_000 : frac === '' ? 1000 : 10 ** Math.max(0, 3 - frac.length);
  const granularity: Granularity = m[6] === undefined ? 'minute' : frac === '' ? 'second' : 'fraction';
  return absolute(start, start + width, granularity);
}

function absolute(startMs: number, endMs: number, granularity: Granularity): TimeRead {
  return { ok: true, spec: { kind: 'absolute', startMs, endMs, granularity } };
}

/** Start of the UTC day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** `now` minus a relative amount; months and years are calendar steps, clamped to the month's end. */
export function relativeInstant(now: number, amount: number, unit: RelativeUnit): number {
  const step: Record<'m' | 'h' | 'd' | 'w', number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };
  if (unit !== 'mo' && unit !== 'y') return now - amount * step[unit];
  const date = new Date(now);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() - (unit === 'y' ? amount * 12 : amount);
  const y = Math.floor(months / 12);
  const mo = months - y * 12;
  const d = Math.min(date.getUTCDate(), daysInMonth(y, mo));
  return utc(y, mo, d) + (now - startOfUtcDay(now));
}

export type TimeResolution = { ok: true; fromMs: number | null; toMs: number | null } | { ok: false; reason: 'out_of_range' };

/**
 * The range `op:value` selects: after → [start, ∞), before → (−∞, start), on → [start, end).
 * A value without a width of its own (`-7d`, `-30m`, `now`) is an instant; `on:` takes the UTC day
 * that instant falls on, the same day convention `today` and `yesterday` use.
 */
export function resolveTime(op: TimeOp, spec: TimeSpec, now: number): TimeResolution {
  let start: number;
  let end: number | null = null;
  if (spec.kind === 'absolute') {
    start = spec.startMs;
    end = spec.endMs;
  } else if (spec.kind === 'relative') {
    start = relativeInstant(now, spec.amount, spec.unit);
  } else if (spec.word === 'now') {
    start = now;
  } else {
    start = startOfUtcDay(now) - (spec.word === 'yesterday' ? DAY_MS : 0);
    end = start + DAY_MS;
  }
  if (op === 'on' && end === null) {
    start = startOfUtcDay(start);
    end = start + DAY_MS;
  }
  if (!Number.isFinite(start) || (end !== null && !Number.isFinite(end))) return { ok: false, reason: 'out_of_range' };
  if (op === 'after') return { ok: true, fromMs: start, toMs: null };
  if (op === 'before') return { ok: true, fromMs: null, toMs: start };
  return { ok: true, fromMs: start, toMs: end };
}

/** "5 May 2024", "May 2024", "2024", "08:30 on 5 May 2024" — in UTC, at the value's granularity. */
export function formatUtc(ms: number, granularity: Granularity): string {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear());
  const month = MONTHS[d.getUTCMonth()]!;
  if (granularity === 'year') return y;
  if (granularity === 'month') return `${month} ${y}`;
  const day = `${d.getUTCDate()} ${month} ${y}`;
  if (granularity === 'day') return day;
  const two = (n: number) => String(n).padStart(2, '0');
  let clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  if (granularity !== 'minute') clock += `:${two(d.getUTCSeconds())}`;
  if (granularity === 'fraction') clock += `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${clock} on ${day}`;
}
