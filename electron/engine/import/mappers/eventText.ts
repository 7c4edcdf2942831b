// Small helpers the big-cloud mappers share for text they synthesize or clean: a one-line description
// when the source has none, and IP addresses freed of ports and brackets (M365 `1.2.3.4:5678`,
// `[2001:db8::1]:443`) or dropped when the "address" is really a service name (CloudTrail
// `guardduty.amazonaws.com`, `AWS Internal`), so the ip: filter only ever sees addresses.

const MAX_PART = 120;

function clip(s: string): string {
  return s.length > MAX_PART ? `${s.slice(0, MAX_PART - 1)}…` : s;
}

/** `CreateUser by alice on test_user2` — short, built only from what the event says. */
export function describeEvent(action: string | null, actorName: string | null, entityName: string | null, extra?: string | null): string | null {
  if (action === null && actorName === null && entityName === null) return null;
  let s = action === null ? 'event' : clip(action);
  if (entityName !== null) s += ` on ${clip(entityName)}`;
  if (actorName !== null) s += ` by ${clip(actorName)}`;
  if (extra) s += ` (${clip(extra)})`;
  return s;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV4_PORT = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}):\d{1,5}$/;
const IPV6_BRACKETS = /^\[([0-9A-Fa-f:.]+(?:%[\w.]+)?)\](?::\d{1,5})?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[\w.]+)?$/;

/** An IP address as text without port or brackets, or null when the value is not an address. */
export function cleanIp(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s === '' || s.length > 64) return null;
  if (IPV4.test(s)) return s;
  let m = IPV4_PORT.exec(s);
  if (m) return m[1]!;
  m = IPV6_BRACKETS.exec(s);
  if (m) return m[1]!;
  // A bare IPv6 address has at least two colons (one colon would be host:port).
  if (IPV6.test(s) && s.indexOf(':') !== s.lastIndexOf(':')) return s;
  return null;
}
