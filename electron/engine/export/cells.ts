// Turning event values into export cells: time in a named zone, formula neutralization for
// spreadsheets, and compact one-line JSON that keeps every value exactly as the source wrote it.

/** Cells a spreadsheet would run as a formula (or that start with a control character). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a would-be formula with `'` so spreadsheet apps show it as text. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a readable error for a zone Intl does not know. */
export function checkTimeZone(zone: string): void {
  if (zone === 'UTC') return;
  try { new Intl.DateTimeFormat('en-US', { timeZone: zone }); } catch { throw new Error(`Unknown time zone "${zone}". Use UTC or an IANA name such as Europe/Paris.`); }
}

/** ISO 8601 in UTC (`…Z`), or local time in `zone` with its offset (`2024-01-05 11:00:00.123 +01:00`). */
export function formatTime(ms: number | null, zone: string): string {
  if (ms === null) return '';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  if (zone === 'UTC') return d.toISOString();
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  const offset = (p['timeZoneName'] ?? 'GMT').replace('GMT', '') || '+00:00';
  const msPart = String(d.getUTCMilliseconds()).padStart(3, '0');
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']}.${msPart} ${offset}`;
}

/**
 * Removes insignificant whitespace from JSON text without parsing it, so numbers beyond 2^53,
 * duplicate keys and key order stay exactly as the source wrote them. Newlines inside strings are
 * already escaped in valid JSON; the result is one line.
 */
export function compactJson(text: string): string {
  let out = '';
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash escape: skip the next char
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return out + text.slice(start);
}
