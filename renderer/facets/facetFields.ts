// Which facets the sidebar shows, in the order an auditor usually narrows: where from, how it ended,
// what happened, who did it, to whom/what.
import type { FacetField } from '../../shared/query/index.ts';

export interface FacetFieldDef { field: FacetField; label: string }

export const FACET_FIELDS: readonly FacetFieldDef[] = [
  { field: 'system', label: 'System' },
  { field: 'outcome', label: 'Outcome' },
  { field: 'status', label: 'Status' },
  { field: 'category', label: 'Category' },
  { field: 'action', label: 'Action' },
  { field: 'actor', label: 'Actor' },
  { field: 'target', label: 'Target' },
  { field: 'entity_type', label: 'Entity type' },
  { field: 'source', label: 'Source file' },
];

export const DEFAULT_FACET_LIMIT = 8;
export const MORE_FACET_LIMIT = 50;
/** Budget for a facet the person asked to compute in full. */
export const FULL_BUDGET_MS = 60_000;
