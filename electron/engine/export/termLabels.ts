// Term labels for the export's rows, looked up in memory. An export reads every row of its result:
// a correlated subquery per term column per row was 3.6 s of a 5.7 s read of 1M rows. A term field
// with at most IN_MEMORY_MAX terms (systems, actions, statuses, actors, IPs…) is read once into a
// map; a larger one (entities at 10M events: ~800k terms) stays a subquery, so memory stays flat
// whatever the case holds.
import type { CaseDb } from '../db/openCase.ts';
import { termSubqueries, type TermColumn } from '../query/rows.ts';

export const IN_MEMORY_MAX = 50_000;

interface Term { value: string; label: string | null }

export interface TermLabels {
  /** SELECT-list items: the term id columns looked up in memory, subqueries for the others. */
  select: string;
  /** Sets each looked-up column's label or value on the row, as the subqueries would have (the id stays: deleting a key would slow every later read of the row). */
  fill(row: Record<string, unknown>): void;
}

export function termLabels(db: CaseDb, columns: readonly TermColumn[], inMemoryMax = IN_MEMORY_MAX): TermLabels {
  const count = db.prepare('SELECT count(*) FROM terms WHERE field = ?').pluck();
  const read = db.prepare('SELECT id, value, label FROM terms WHERE field = ?');
  const select: string[] = [];
  const inMemory: { idKey: string; shows: TermColumn['shows']; terms: Map<number, Term> }[] = [];
  for (const t of columns) {
    if ((count.get(t.field) as number) > inMemoryMax) { select.push(...termSubqueries(t)); continue; }
    const terms = new Map<number, Term>();
    for (const r of read.iterate(t.field) as Iterable<Term & { id: number }>) terms.set(r.id, { value: r.value, label: r.label });
    const idKey = `${t.col}_id`;
    select.push(`ev.${t.col} AS ${idKey}`);
    inMemory.push({ idKey, shows: t.shows, terms });
  }
  return {
    select: select.join(', '),
    fill(row) {
      for (const m of inMemory) {
        const id = row[m.idKey] as number | null;
        const term = id === null ? undefined : m.terms.get(id);
        for (const [name, kind] of m.shows) row[name] = term === undefined ? null : kind === 'label' ? term.label ?? term.value : term.value;
      }
    },
  };
}
