// The event grid's columns: what each shows, its header, default width, and which engine sort field
// a header click asks for (description has none: it is free text, not indexed for ordering).
import type { EventRow, SortField } from '../../shared/contract.ts';

export type ColumnId = 'time' | 'system' | 'action' | 'category' | 'status' | 'actor' | 'target' | 'entity' | 'description' | 'source';

export interface ColumnDef {
  id: ColumnId;
  label: string;
  width: number;
  sort: SortField | null;
  /** Plain text of the cell, for titles and copy; cells with richer rendering build on it. */
  text(row: EventRow): string;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'time', label: 'Time', width: 196, sort: 'time', text: (r) => r.timeText ?? '' },
  { id: 'system', label: 'System', width: 96, sort: 'system', text: (r) => r.system ?? '' },
  { id: 'action', label: 'Action', width: 220, sort: 'action', text: (r) => r.action ?? '' },
  { id: 'category', label: 'Category', width: 130, sort: 'category', text: (r) => r.category ?? '' },
  { id: 'status', label: 'Status', width: 110, sort: 'status', text: (r) => r.status ?? (r.outcome === 'unknown' ? '' : r.outcome) },
  { id: 'actor', label: 'Actor', width: 180, sort: 'actor', text: (r) => r.actor ?? r.actorId ?? '' },
  { id: 'target', label: 'Target', width: 150, sort: 'target', text: (r) => r.target ?? '' },
  { id: 'entity', label: 'Entity', width: 180, sort: 'entity', text: (r) => [r.entityType, r.entity].filter(Boolean).join(': ') },
  { id: 'description', label: 'Description', width: 320, sort: null, text: (r) => r.description ?? '' },
  { id: 'source', label: 'Source', width: 170, sort: 'source', text: (r) => `${baseName(r.source)} #${r.recordNo}` },
];

export const COLUMN_BY_ID: Record<ColumnId, ColumnDef> = Object.fromEntries(COLUMNS.map((c) => [c.id, c])) as Record<ColumnId, ColumnDef>;

export const MIN_COLUMN_WIDTH = 48;
