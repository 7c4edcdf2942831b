// Shows instants the way an auditor reads them: absolute, in one chosen zone (UTC unless the person
// picks another), ISO-like and sortable by eye, plus a relative phrase for hover. Formatters are
// cached per zone because Intl.DateTimeFormat construction is costly and the grid formats on scroll.

/** 'UTC', 'local' (the machine's zone) or an IANA zone name. */
export type ZoneChoice = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: ZoneChoice): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone === 'local' ? undefined : zone,
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3,
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** `2024-05-03 14:22:01.123` in the zone; '' for null. */
export function formatInstant(ms: number | null, zone: ZoneChoice): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const parts: Record<string, string> = {};
  try {
    for (const p of formatterFor(zone).formatToParts(ms)) parts[p.type] = p.value;
  } catch {
    return new Date(ms).toISOString();
  }
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}.${parts['fractionalSecond']}`;
}

/** The short name shown in headers: "UTC", "local (Europe/Paris)", "America/New_York". */
export function zoneLabel(zone: ZoneChoice): string {
  if (zone === 'local') return `local (${localZoneName()})`;
  return zone;
}

export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
}

/** The IANA name the engine needs for exports: 'local' resolved to the machine's zone. */
export function ianaZone(zone: ZoneChoice): string {
  return zone === 'local' ? localZoneName() : zone;
}

/** Every zone the runtime knows, UTC and local first. */
export function zoneChoices(): ZoneChoice[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', 'local', ...all.filter((z) => z !== 'UTC')];
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400_000], ['month', 30 * 86400_000], ['week', 7 * 86400_000],
  ['day', 86400_000], ['hour', 3600_000], ['minute', 60_000], ['second', 1000],
];

/** "3 days ago", "in 2 hours" relative to now. */
export function relativeTime(ms: number | null, now = Date.now()): string {
  if (ms === null) return '';
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'second') return relative.format(Math.round(diff / size), unit);
  }
  return '';
}

/** A duration for progress lines: "4 s", "2 min 05 s", "1 h 03 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
