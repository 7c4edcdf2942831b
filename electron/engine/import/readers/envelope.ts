// Owns the rule that tells a wrapper object (`{"Records":[…]}`, `{"kind":…,"items":[…]}`, Slack's
// `{"entries":[…]}`, Jira's `{"offset":…,"records":[…]}`) from an event that merely has an array
// field (a Google activity's `events`, a CloudEvent's `data`). Decided while streaming, key by
// key: the object is an envelope when it has a wrapper key whose value is an array and no key
// before it looked like event content. Keys after the array cannot change the decision (the
// records are already on their way), which is why the rule only looks backwards.

const WRAPPER_KEYS = new Set([
  'Records', 'records', 'value', 'items', 'entries', 'data', 'events', 'activities', 'logs', 'auditLogs', 'Events', 'results',
]);

/** Object-valued keys seen in real envelopes before the array (paging, links); not event content. */
const ENVELOPE_METADATA = new Set(['response_metadata', 'links', '_links', 'meta', 'pagination', 'paging']);

/** Scalar keys that only an event (not a page of events) carries. */
const EVENT_KEYS = new Set([
  'eventTime', 'time', 'timestamp', '@timestamp', 'published', 'created_at', 'created', 'date', 'date_create', 'id',
  'actor', 'action', 'eventName', 'eventType', 'type', 'operationName', 'eventTimestamp', 'CreationTime', 'uuid',
  'specversion', 'log_id',
]);

/** `kind` of a single Google Workspace activity (a page of them is `admin#reports#activities`). */
const SINGLE_ACTIVITY_KIND = 'admin#reports#activity';

export function isWrapperKey(key: string): boolean {
  return WRAPPER_KEYS.has(key);
}

/**
 * Whether a key/value seen before any wrapper array makes the object an event.
 * `scalar` is the value's JSON text for scalars (only `kind`'s is ever needed), else null.
 */
export function isEventLike(key: string, isContainer: boolean, scalar: string | null): boolean {
  if (isContainer) return !ENVELOPE_METADATA.has(key);
  if (EVENT_KEYS.has(key)) return true;
  return key === 'kind' && scalar === JSON.stringify(SINGLE_ACTIVITY_KIND);
}

/** The same rule applied to an already-parsed object (used when sniffing a one-line file). */
export function envelopeKeyOf(obj: unknown): string | null {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
  for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
    if (Array.isArray(value) && isWrapperKey(key)) return key;
    const isContainer = value !== null && typeof value === 'object';
    if (isEventLike(key, isContainer, isContainer ? null : JSON.stringify(value))) return null;
  }
  return null;
}
