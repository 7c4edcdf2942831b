// Event times for the generator: increasing over the requested span with a business-hours rhythm,
// exponential jitter, short bursts (a script or an incident), and ~1% of events emitted late so the
// file is not strictly sorted, which is what real CloudTrail deliveries look like.
import type { Rng } from './prng.ts';

/** Relative activity per UTC hour on a weekday (night low, office hours high). */
const WEEKDAY_HOURS = [
  0.25, 0.2, 0.2, 0.2, 0.25, 0.35, 0.6, 0.9, 1.4, 1.8, 1.9, 1.8,
  1.6, 1.8, 1.9, 1.8, 1.6, 1.2, 0.9, 0.7, 0.55, 0.45, 0.35, 0.3,
];
const WEEKEND_FACTOR = 0.35;
/** Time-average of the rhythm over a week: dividing by it keeps the overall event rate on target. */
const MEAN_ACTIVITY = (WEEKDAY_HOURS.reduce((a, b) => a + b, 0) / 24) * ((5 + 2 * WEEKEND_FACTOR) / 7);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface TimelineOptions {
  startMs: number;
  spanMs: number;
  events: number;
  /** Share of events emitted earlier than their neighbours (late delivery). */
  outOfOrder?: number;
}

export interface Tick {
  ms: number;
  /** Non-zero while a burst is running: the same number for every event of that burst. */
  burst: number;
}

export class Timeline {
  private readonly rng: Rng;
  private readonly end: number;
  private readonly start: number;
  private readonly total: number;
  private readonly outOfOrder: number;
  private t: number;
  private i = 0;
  private burstLeft = 0;
  private burstId = 0;

  constructor(rng: Rng, opts: TimelineOptions) {
    this.rng = rng;
    this.start = opts.startMs;
    this.end = opts.startMs + opts.spanMs;
    this.total = opts.events;
    this.outOfOrder = opts.outOfOrder ?? 0.01;
    this.t = opts.startMs;
  }

  next(): Tick {
    const rng = this.rng;
    // The mean gap is recomputed from what is left, so rhythm and bursts bend the curve locally
    // while the last event still lands near the end of the span.
    const remaining = Math.max(1, this.total - this.i);
    const meanGap = Math.max(1, (this.end - this.t) / remaining);
    if (this.burstLeft > 0) this.burstLeft--;
    else if (rng.chance(0.0004)) { this.burstLeft = rng.int(30, 600); this.burstId++; }
    const inBurst = this.burstLeft > 0;
    const activity = inBurst ? 40 : this.activityAt(this.t);
    const gap = -Math.log(1 - rng.float()) * (meanGap / activity);
    // Never more than half of what is left, so the last events stay inside the span without piling up at its end.
    this.t += Math.min(gap, Math.max(0, this.end - this.t) / 2);
    this.i++;
    let ms = Math.floor(this.t);
    // Late delivery: stamped up to five minutes before the events already written around it.
    if (rng.chance(this.outOfOrder)) ms = Math.max(this.start, ms - rng.int(1_000, 300_000));
    return { ms, burst: inBurst ? this.burstId : 0 };
  }

  private activityAt(ms: number): number {
    const hour = Math.floor((ms % DAY_MS) / HOUR_MS);
    const weekday = (Math.floor(ms / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
    const base = WEEKDAY_HOURS[hour]!;
    return (weekday === 0 || weekday === 6 ? base * WEEKEND_FACTOR : base) / MEAN_ACTIVITY;
  }
}

/** `2025-01-01T00:00:00Z` (second precision, CloudTrail style). */
export function isoSeconds(ms: number): string {
  return new Date(ms - (ms % 1000)).toISOString().slice(0, 19) + 'Z';
}

/** `2025-01-01T00:00:00.000Z` (millisecond precision, Okta style). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}
