// The contract between the generator loop and a format: a builder turns (event number, time) into
// one output line. Kept apart so builders and the loop do not import each other.
import type { Tick } from './timeline.ts';

export type Format = 'cloudtrail' | 'okta' | 'backoffice-csv';
export const FORMATS: readonly Format[] = ['cloudtrail', 'okta', 'backoffice-csv'];

export interface FormatBuilder {
  /** A first line written before any event (the CSV header), or null. */
  header: string | null;
  /** One event as one line, without the trailing newline. `i` counts from 0 and is unique per event. */
  record(i: number, tick: Tick): string;
}

/** File extension that matches the format's content, for cached bench inputs. */
export function extensionOf(format: Format): string {
  return format === 'backoffice-csv' ? 'csv' : 'jsonl';
}
