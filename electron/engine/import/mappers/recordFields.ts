// Reading values out of hostile parsed records for the activity-log mappers: text of a value (ids stay
// text), nested and case-insensitive key lookup, and the shared vocabularies for actor kinds and
// outcomes. Nothing here knows a particular format; the mappers say which keys mean what.
import type { ActorKind, Outcome, Party } from '../../../../shared/model.ts';
import { isPlainObject } from '../changes.ts';
import { cleanIp } from './eventText.ts';

export type Rec = Record<string, unknown>;

/** Longest text a normalized column keeps; the raw record keeps everything. */
const MAX_TEXT = 4000;

/**
 * A scalar as trimmed text, or null for absent/empty/structured values. Numbers arrive here only when
 * they were safe integers (the JSON parser keeps larger ones as their source text), so String() is exact.
 */
export function text(v: unknown): string | null {
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return null;
}

/** The first argument that has text. */
export function firstText(...values: unknown[]): string | null {
  for (const v of values) {
    const t = text(v);
    if (t !== null) return t;
  }
  return null;
}

export function obj(v: unknown): Rec | null {
  return isPlainObject(v) ? v : null;
}

/** Walks nested objects by key; null as soon as a step is not an object. */
export function at(v: unknown, ...path: string[]): unknown {
  let cur: unknown = v;
  for (const key of path) {
    if (!isPlainObject(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function party(id: unknown, name: unknown, type: unknown): Party {
  return { id: text(id), name: text(name), type: text(type) };
}

export function noParty(): Party {
  return { id: null, name: null, type: null };
}

/** `createdAt`, `Created At`, `created_at`, `CREATED-AT` all read as `createdat`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9@]/g, '');
}

/**
 * A case/separator-insensitive view of a record's top-level keys (CSV headers in any case, JSON in
 * snake or camel case). The first key wins when two normalize alike.
 */
export class LooseKeys {
  readonly #values = new Map<string, unknown>();
  readonly #keys = new Map<string, string>();

  constructor(record: Rec) {
    for (const [k, v] of Object.entries(record)) {
      const n = normalizeKey(k);
      if (!this.#values.has(n)) {
        this.#values.set(n, v);
        this.#keys.set(n, k);
      }
    }
  }

  /** The value of the first of `names` present (names in any spelling). */
  get(...names: string[]): unknown {
    for (const name of names) {
      const n = normalizeKey(name);
      if (this.#values.has(n)) {
        const v = this.#values.get(n);
        if (v !== undefined && v !== null && v !== '') return v;
      }
    }
    return undefined;
  }

  /** The source's own spelling of the first of `names` present. */
  keyOf(...names: string[]): string | undefined {
    for (const name of names) {
      const k = this.#keys.get(normalizeKey(name));
      if (k !== undefined) return k;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.#values.has(normalizeKey(name));
  }

  text(...names: string[]): string | null {
    return text(this.get(...names));
  }
}

const KIND_WORDS: ReadonlyArray<readonly [RegExp, ActorKind]> = [
  [/^(agent|ai[ _-]?agent|assistant)$/, 'agent'],
  [/bot$|^bot/, 'bot'],
  [/^(system|systemprincipal|internal|scheduler|cron|job|background[ _-]?job|automation)$/, 'system'],
  [/^(service|service[ _-]?account|serviceaccount|service[ _-]?principal|external|integration|webhook|api[ _-]?key|key|token)$/, 'service'],
  [/^(app|application|oauth[ _-]?app|client|publicclientapp)$/, 'app'],
  [/^(user|member|person|human|admin|administrator|owner|team[ _-]?member|account|customer|employee|guest)$/, 'user'],
];

/** Normalizes a source's actor type word; unknown words read as `unknown` (the word stays in sourceType). */
export function actorKind(word: unknown): ActorKind | null {
  const w = text(word)?.toLowerCase();
  if (w === undefined) return null;
  for (const [re, kind] of KIND_WORDS) if (re.test(w)) return kind;
  return 'unknown';
}

/** Reads a status word the way a person would: SUCCESS/Succeeded/ok → success, FAILED/denied → failure. */
export function outcomeOf(word: unknown): Outcome {
  if (typeof word === 'boolean') return word ? 'success' : 'failure';
  const w = text(word)?.toLowerCase().replace(/[\s-]+/g, '_');
  if (w === undefined) return 'unknown';
  if (/^(success|succeeded|successful|ok|true|allow|allowed|permitted|completed?|done|passed|accepted_ok)$/.test(w)) return 'success';
  if (/^(fail|failed|failure|error|errored|denied|deny|false|rejected|blocked|aborted|cancelled_error)$/.test(w)) return 'failure';
  if (/^(warn|warning|partial|partially_succeeded|partiallysucceeded|degraded)$/.test(w)) return 'warning';
  if (/^(in_progress|inprogress|running|started|pending|queued|accepted|processing)$/.test(w)) return 'in_progress';
  return 'unknown';
}

/**
 * The first value that is an IP address (port and brackets removed). A forwarding chain
 * (`203.0.113.8, 10.0.0.1`) gives its first hop, the client; host names and `private` give nothing,
 * so the ip: filter only ever sees addresses (the raw record keeps the original).
 */
export function firstIp(...values: unknown[]): string | null {
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const ip = cleanIp(v.split(',', 1)[0]!);
    if (ip !== null) return ip;
  }
  return null;
}

/** Cuts a one-line summary out of free text (error messages with stack traces, long descriptions). */
export function firstLine(s: string | null, max = 300): string | null {
  if (s === null) return null;
  const line = s.split(/\r?\n/, 1)[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
