// The raw record as a collapsible tree: objects and arrays fold, scalars show exactly as written
// (numbers from their source text). Children render only when opened, so a record with thousands of
// entries costs nothing until someone looks. All values are React text.
import { useState } from 'react';
import { RawNumber, type TreeValue } from './losslessJson.ts';

function isContainer(v: TreeValue): v is TreeValue[] | { [key: string]: TreeValue } {
  return v !== null && typeof v === 'object' && !(v instanceof RawNumber);
}

function Scalar({ value }: { value: TreeValue }) {
  if (value === null) return <span className="json-null">null</span>;
  if (value instanceof RawNumber) return <span className="json-number">{value.text}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  return <span className="json-string">{JSON.stringify(value)}</span>;
}

function summary(v: TreeValue[] | { [key: string]: TreeValue }): string {
  return Array.isArray(v) ? `[${v.length}]` : `{${Object.keys(v).length}}`;
}

function Node({ name, value, depth }: { name: string | null; value: TreeValue; depth: number }) {
  const container = isContainer(value);
  const [open, setOpen] = useState(depth < 2);
  const label = name !== null && <span className="json-key">{name}: </span>;
  if (!container) return <li className="json-leaf">{label}<Scalar value={value} /></li>;
  const entries: [string, TreeValue][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return (
    <li className="json-branch">
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {label}<span className="muted">{summary(value)}</span>
      </button>
      {open && (
        <ul className="json-children">
          {entries.map(([k, v]) => <Node key={k} name={k} value={v} depth={depth + 1} />)}
        </ul>
      )}
    </li>
  );
}

export function JsonTree({ value }: { value: TreeValue }) {
  return <ul className="json-tree" aria-label="Raw record"><Node name={null} value={value} depth={0} /></ul>;
}
