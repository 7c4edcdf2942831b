// The normalized fields of one event as a definition list, with links to the history of the entity
// and of the target it touched. Empty fields are left out so the list reads like a sentence.
import type { ReactNode } from 'react';
import type { EventDetail } from '../../shared/contract.ts';
import { formatInstant, relativeTime, zoneLabel, type ZoneChoice } from '../format/time.ts';
import { ActionText, StatusBadge } from '../table/cells.tsx';

export interface EntityRef { entityType: string | null; entityId: string; label: string }

interface Props {
  event: EventDetail;
  zone: ZoneChoice;
  onEntity(ref: EntityRef): void;
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return <><dt>{name}</dt><dd>{children}</dd></>;
}

function text(...parts: (string | null)[]): string | null {
  const kept = parts.filter((p): p is string => p !== null && p !== '');
  return kept.length === 0 ? null : kept.join(' · ');
}

export function EventFields({ event: e, zone, onEntity }: Props) {
  const time = e.time === null ? (e.timeText ?? 'no time') : `${formatInstant(e.time, zone)} ${zoneLabel(zone)}`;
  const entityLabel = text(e.entityType, e.entity, e.entityId && e.entityId !== e.entity ? e.entityId : null);
  const targetLabel = text(e.target, e.targetId && e.targetId !== e.target ? e.targetId : null);
  return (
    <dl className="fields">
      <Row name="Time">
        <span title={relativeTime(e.time)}>{time}</span>
        {e.timeText !== null && <div className="muted small">source text: {e.timeText}{e.timeFlag !== 'ok' ? ` (${e.timeFlag.replace('_', ' ')})` : ''}</div>}
      </Row>
      <Row name="System">{e.system ?? '—'}</Row>
      <Row name="Action"><ActionText action={e.action} outcome={e.outcome} /></Row>
      {e.category && <Row name="Category">{e.category}</Row>}
      <Row name="Status"><StatusBadge status={e.status} outcome={e.outcome} /> <span className="muted small">outcome: {e.outcome}</span></Row>
      {text(e.actor, e.actorId && e.actorId !== e.actor ? e.actorId : null) && (
        <Row name="Actor">{text(e.actor, e.actorId && e.actorId !== e.actor ? e.actorId : null)}{e.actorType && <span className="muted small"> ({e.actorType})</span>}</Row>
      )}
      {e.actorIp && <Row name="IP address">{e.actorIp}</Row>}
      {e.userAgent && <Row name="User agent"><span className="wrap">{e.userAgent}</span></Row>}
      {targetLabel && (
        <Row name="Target">
          {targetLabel}
          {(e.targetId ?? e.target) && (
            <button type="button" className="link-button" onClick={() => onEntity({ entityType: null, entityId: (e.targetId ?? e.target)!, label: targetLabel })}>History</button>
          )}
        </Row>
      )}
      {entityLabel && (
        <Row name="Entity">
          {entityLabel}
          {(e.entityId ?? e.entity) && (
            <button type="button" className="link-button" onClick={() => onEntity({ entityType: e.entityType, entityId: (e.entityId ?? e.entity)!, label: entityLabel })}>
              Entity history
            </button>
          )}
        </Row>
      )}
      {e.description && <Row name="Description"><span className="wrap">{e.description}</span></Row>}
      {e.version && <Row name="Version">{e.version}</Row>}
      {e.sourceEventId && <Row name="Source event id"><code>{e.sourceEventId}</code></Row>}
    </dl>
  );
}
