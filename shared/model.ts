// The normalized event model: what every format mapper produces and every front end reads.
// Runs anywhere (no DOM, no node:*). IDs and large numbers are always text, never JS numbers.

/** A JSON value as it appears in a record. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** How trustworthy the parsed instant is. */
export type TimeFlag =
  | 'ok' // parsed with an explicit zone (Z, offset) or an epoch number
  | 'no_zone' // parsed without a zone and taken as UTC (M365 CreationTime, US-locale strings)
  | 'missing' // the record has no time field at all
  | 'invalid'; // a time field exists but could not be parsed (original text kept)

export interface EventTime {
  /** UTC instant in epoch milliseconds, or null when missing/invalid. */
  ms: number | null;
  /** Sub-millisecond digits the source carried (0-999999 nanoseconds within the ms), kept for display. */
  subMsNanos?: number;
  /** The original text (or number, as text) exactly as the source gave it; null when missing. */
  text: string | null;
  flag: TimeFlag;
}

/** A broad, cross-system reading of the outcome, used for colours and the "failures" preset. */
export type Outcome = 'success' | 'failure' | 'warning' | 'in_progress' | 'unknown';

export type ActorKind = 'user' | 'system' | 'service' | 'app' | 'agent' | 'bot' | 'unknown';

export interface Actor {
  id: string | null;
  name: string | null;
  /** Normalized kind; the source's own type word is in `sourceType`. */
  type: ActorKind | null;
  sourceType?: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface Party {
  id: string | null;
  name: string | null;
  type: string | null;
}

/**
 * One field-level change. `before`/`after` are absent (undefined) when the source did not record
 * that side (e.g. a create has no before), and null when the source recorded an explicit null.
 */
export interface Change {
  /** Field path, dotted (e.g. `settings.visibility`, `Role.DisplayName`). */
  path: string;
  before?: JsonValue;
  after?: JsonValue;
}

/** What a format mapper returns for one event (one record may yield several, e.g. Google Workspace). */
export interface MappedEvent {
  time: EventTime;
  /** Source system: `aws`, `okta`, `github`, `m365`, `google_workspace`, `azure`, `gitlab`, `slack`, `jira`, ... */
  system: string;
  action: string | null;
  category: string | null;
  /** The status word as the source gives it (SUCCESS, Succeeded, FAILURE, True...). */
  status: string | null;
  outcome: Outcome;
  actor: Actor;
  /** Recipient / target of the action (a user who was added, a member who got an award). */
  target: Party;
  /** The object acted on (a repo, a project, a post, a resource). */
  entity: Party;
  description: string | null;
  changes: Change[];
  /** Schema or event version as the source gives it. */
  version: string | null;
  /** The source's own unique event id, as text (dedupe key together with `system`). */
  sourceEventId: string | null;
}

/** Where a stored event came from. */
export interface Provenance {
  sourceId: string;
  sourcePath: string;
  sourceSha256: string;
  /** 1-based ordinal of the record within its source. */
  recordNo: number;
  /** 1-based line where the record starts. */
  line: number;
  /** Byte offset of the record's first byte in the (decompressed, UTF-8) source stream. */
  byteOffset: number;
}
