// The right-hand pane (a region named "Details"): the selected event in full, or the history of an
// entity reached from it. Esc or the ✕ closes it; the width is the person's, set by the splitter.
import { useEffect, useState } from 'react';
import type { ZoneChoice } from '../format/time.ts';
import { EntityHistory } from './EntityHistory.tsx';
import { EventDetailView } from './EventDetailView.tsx';
import type { EntityRef } from './EventFields.tsx';

interface Props {
  eventId: string;
  zone: ZoneChoice;
  onClose(): void;
  onOpenEvent(id: string): void;
}

export function DetailPane({ eventId, zone, onClose, onOpenEvent }: Props) {
  const [entity, setEntity] = useState<EntityRef | null>(null);
  useEffect(() => { setEntity(null); }, [eventId]);
  return (
    <section className="detail" role="region" aria-label="Details">
      <header className="detail-head">
        <h2>{entity ? 'Entity history' : 'Event'}</h2>
        <button type="button" className="icon-button" aria-label="Close details" title="Close (Esc)" onClick={onClose}>✕</button>
      </header>
      {entity
        ? <EntityHistory entity={entity} zone={zone} onOpenEvent={(id) => { setEntity(null); onOpenEvent(id); }} onBack={() => setEntity(null)} />
        : <EventDetailView id={eventId} zone={zone} onEntity={setEntity} />}
    </section>
  );
}
