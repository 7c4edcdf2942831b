// The history of one entity (or target): every event that touched it, in time order, and its state
// folded from the recorded changes as of a chosen time — with the fields whose value is unknown at
// that time named plainly (the history has no before-value to start from).
import { useState } from 'react';
import type { JsonValue } from '../../shared/model.ts';
import { useApiCall } from '../api/useApiCall.ts';
import { ErrorNote } from '../app/ErrorNote.tsx';
import { formatInstant, zoneLabel, type ZoneChoice } from '../format/time.ts';
import { ActionText } from '../table/cells.tsx';
import { decodeNested, displayValue } from '../../shared/diff.ts';
import type { EntityRef } from './EventFields.tsx';

interface Props {
  entity: EntityRef;
  zone: ZoneChoice;
  onOpenEvent(id: string): void;
  onBack(): void;
}

/** `datetime-local` (read as UTC) → epoch ms. */
function parseUtcInput(v: string): number | null {
  const ms = Date.parse(`${v}Z`);
  return Number.isFinite(ms) ? ms : null;
}

function utcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function EntityHistory({ entity, zone, onOpenEvent, onBack }: Props) {
  const [at, setAt] = useState<number | null>(null);
  const h = useApiCall('entity.history', { entityType: entity.entityType, entityId: entity.entityId, ...(at !== null ? { at } : {}) });
  const v = h.value;
  return (
    <div className="detail-body entity-history" data-state={h.status === 'ready' ? 'ready' : h.status} aria-label={`History of ${entity.label}`}>
      <div className="section-tools">
        <button type="button" className="link-button" onClick={onBack}>← Back to event</button>
      </div>
      <h3 className="entity-title">History of {entity.label}</h3>
      {h.error && <ErrorNote error={h.error} />}
      {v && (
        <>
          <section className="detail-section" aria-label="Events of this entity">
            <h4>{v.events.length} {v.events.length === 1 ? 'event' : 'events'}{v.truncated ? ' (list cut short)' : ''}, oldest first</h4>
            <ol className="history-list">
              {v.events.map((ev) => (
                <li key={ev.id} className={ev.time !== null && at !== null && ev.time > at ? 'after-at' : ''}>
                  <button type="button" className="history-event" onClick={() => onOpenEvent(ev.id)}>
                    <span className="time">{formatInstant(ev.time, zone) || ev.timeText || 'no time'}</span>
                    <ActionText action={ev.action} outcome={ev.outcome} />
                    <span className="muted">{ev.actor ?? ''}</span>
                    {ev.hasChanges ? <span className="chip small">changes</span> : <span />}
                  </button>
                  {ev.time !== null && (
                    <button type="button" className="link-button small" onClick={() => setAt(ev.time)} aria-label={`State after ${formatInstant(ev.time, zone)}`}>state here</button>
                  )}
                </li>
              ))}
            </ol>
          </section>
          <section className="detail-section" aria-label="State at a time">
            <h4>State {v.at !== null ? <>at {formatInstant(v.at, zone)} {zoneLabel(zone)}</> : 'after the last event'}</h4>
            <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
              <label>At (UTC) <input type="datetime-local" step="1" value={at !== null ? utcInput(at) : ''} onChange={(e) => setAt(parseUtcInput(e.target.value))} /></label>
              {at !== null && <button type="button" className="link-button" onClick={() => setAt(null)}>Latest</button>}
            </form>
            {Object.keys(v.state).length === 0 ? (
              <p className="muted">No recorded field values up to this time.</p>
            ) : (
              <table className="state-table">
                <tbody>
                  {Object.entries(v.state).map(([path, value]) => (
                    <tr key={path}><th scope="row"><code>{path}</code></th><td><pre className="diff-value">{displayValue(decodeNested(value as JsonValue).value) ?? ''}</pre></td></tr>
                  ))}
                </tbody>
              </table>
            )}
            {v.unknownBefore.length > 0 && (
              <p className="note">Unknown at this time (the history has no earlier value for them): {v.unknownBefore.join(', ')}</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
