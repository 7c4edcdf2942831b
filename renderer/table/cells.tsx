// The few cell renderings that carry meaning beyond text: the action with its colour, the status
// badge, and the time in the chosen zone with relative time and the source's own text on hover.
// Archive values are only ever React text children here.
import type { EventRow } from '../../shared/contract.ts';
import { formatInstant, relativeTime, type ZoneChoice } from '../format/time.ts';
import { actionTone, statusTone } from './tones.ts';

export function ActionText({ action, outcome }: Pick<EventRow, 'action' | 'outcome'>) {
  if (!action) return <span className="muted">—</span>;
  return <span className={`action tone-${actionTone(action, outcome)}`}>{action}</span>;
}

export function StatusBadge({ status, outcome }: Pick<EventRow, 'status' | 'outcome'>) {
  const text = status ?? (outcome === 'unknown' ? null : outcome.toUpperCase());
  if (!text) return <span className="muted">—</span>;
  return <span className={`badge status-${statusTone(outcome)}`}>{text}</span>;
}

const FLAG_NOTES: Record<EventRow['timeFlag'], string> = {
  ok: '',
  no_zone: 'The source gave no time zone; read as UTC.',
  missing: 'The record has no time.',
  invalid: 'The record\'s time could not be read.',
};

export function timeTitle(row: Pick<EventRow, 'time' | 'timeText' | 'timeFlag'>): string {
  const lines = [relativeTime(row.time)];
  if (row.timeText !== null) lines.push(`Source text: ${row.timeText}`);
  if (row.timeFlag !== 'ok') lines.push(FLAG_NOTES[row.timeFlag]);
  return lines.filter(Boolean).join('\n');
}

export function TimeText({ row, zone }: { row: Pick<EventRow, 'time' | 'timeText' | 'timeFlag'>; zone: ZoneChoice }) {
  if (row.time === null) return <span className="muted" title={timeTitle(row)}>{row.timeText ?? 'no time'}</span>;
  return (
    <span className={row.timeFlag === 'no_zone' ? 'time time-nozone' : 'time'} title={timeTitle(row)}>
      {formatInstant(row.time, zone)}
    </span>
  );
}
