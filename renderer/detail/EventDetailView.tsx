// Everything about one event, loaded by id: normalized fields, the before/after diff when it has
// changes, provenance, and the raw record as a tree (or as text when it is not JSON) with copy.
import { useMemo, useState } from 'react';
import type { EventDetail } from '../../shared/contract.ts';
import { useApiCall } from '../api/useApiCall.ts';
import { ErrorNote } from '../app/ErrorNote.tsx';
import type { ZoneChoice } from '../format/time.ts';
import { ChangesDiff } from './ChangesDiff.tsx';
import { CopyButton } from './CopyButton.tsx';
import { EventFields, type EntityRef } from './EventFields.tsx';
import { JsonTree } from './JsonTree.tsx';
import { parseLossless } from './losslessJson.ts';
import { ProvenanceView } from './ProvenanceView.tsx';

function RawRecord({ raw }: { raw: string }) {
  const [asText, setAsText] = useState(false);
  const tree = useMemo(() => parseLossless(raw), [raw]);
  return (
    <>
      <div className="section-tools">
        <CopyButton text={raw} label="Copy raw record" />
        {tree !== null && <button type="button" className="link-button" onClick={() => setAsText((t) => !t)}>{asText ? 'Show as tree' : 'Show as text'}</button>}
      </div>
      {tree !== null && !asText ? <JsonTree value={tree} /> : <pre className="raw-text">{raw}</pre>}
    </>
  );
}

export function EventDetailView({ id, zone, onEntity }: { id: string; zone: ZoneChoice; onEntity(ref: EntityRef): void }) {
  const detail = useApiCall('events.get', { id });
  const e: EventDetail | null = detail.value && detail.value.id === id ? detail.value : null;
  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!e) return <p className="muted detail-loading">Loading event…</p>;
  return (
    <div className="detail-body" data-state="ready" data-event-id={e.id}>
      <section aria-label="Fields" className="detail-section">
        <EventFields event={e} zone={zone} onEntity={onEntity} />
      </section>
      {e.changes.length > 0 && (
        <section aria-label="Changes" className="detail-section">
          <h3>Changes <span className="muted">({e.changes.length})</span></h3>
          <ChangesDiff changes={e.changes} />
        </section>
      )}
      <section aria-label="Provenance" className="detail-section">
        <h3>Provenance</h3>
        <ProvenanceView p={e.provenance} />
      </section>
      <section aria-label="Raw record" className="detail-section">
        <h3>Raw record</h3>
        <RawRecord raw={e.raw} />
      </section>
    </div>
  );
}
