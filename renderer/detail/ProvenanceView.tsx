// Where an event came from, precisely enough to find it again in the original archive: source file,
// its SHA-256, format, record number, line and byte offset.
import type { EventDetail } from '../../shared/contract.ts';
import { formatCount } from '../format/numbers.ts';
import { CopyButton } from './CopyButton.tsx';

export function ProvenanceView({ p }: { p: EventDetail['provenance'] }) {
  return (
    <dl className="fields provenance">
      <dt>Source file</dt>
      <dd><span className="wrap">{p.path}</span> <CopyButton text={p.path} label="Copy path" /></dd>
      <dt>SHA-256</dt>
      <dd>{p.sha256 ? <><code className="wrap hash">{p.sha256}</code> <CopyButton text={p.sha256} label="Copy hash" /></> : <span className="muted">not recorded</span>}</dd>
      {p.format && <><dt>Format</dt><dd>{p.format}</dd></>}
      <dt>Record</dt>
      <dd>#{formatCount(p.recordNo)} · line {formatCount(p.line)} · byte {formatCount(p.byteOffset)}</dd>
    </dl>
  );
}
