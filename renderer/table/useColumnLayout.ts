// The person's column arrangement — order, widths, which are shown — kept across sessions in
// localStorage (layout only: no archive data is ever stored there).
import { useCallback, useEffect, useState } from 'react';
import { COLUMNS, COLUMN_BY_ID, MIN_COLUMN_WIDTH, type ColumnId } from './columns.ts';

export interface ColumnLayout {
  order: ColumnId[];
  hidden: ColumnId[];
  widths: Partial<Record<ColumnId, number>>;
}

const STORAGE_KEY = 'auditViewer.columns.v1';
const DEFAULT: ColumnLayout = { order: COLUMNS.map((c) => c.id), hidden: [], widths: {} };

function load(): ColumnLayout {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT;
    const v = JSON.parse(raw) as Partial<ColumnLayout>;
    const known = (ids: unknown): ColumnId[] => (Array.isArray(ids) ? ids.filter((id): id is ColumnId => typeof id === 'string' && id in COLUMN_BY_ID) : []);
    const order = known(v.order);
    for (const c of COLUMNS) if (!order.includes(c.id)) order.push(c.id);
    const widths: Partial<Record<ColumnId, number>> = {};
    for (const [id, w] of Object.entries(v.widths ?? {})) if (id in COLUMN_BY_ID && typeof w === 'number' && w >= MIN_COLUMN_WIDTH) widths[id as ColumnId] = w;
    return { order, hidden: known(v.hidden), widths };
  } catch {
    return DEFAULT;
  }
}

export function useColumnLayout() {
  const [layout, setLayout] = useState<ColumnLayout>(load);
  useEffect(() => {
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(layout)); } catch { /* storage full or blocked: layout is a nicety */ }
  }, [layout]);

  const visible = layout.order.filter((id) => !layout.hidden.includes(id));
  const widthOf = useCallback((id: ColumnId) => layout.widths[id] ?? COLUMN_BY_ID[id].width, [layout.widths]);

  return {
    layout,
    visible,
    widthOf,
    totalWidth: visible.reduce((sum, id) => sum + (layout.widths[id] ?? COLUMN_BY_ID[id].width), 0),
    setWidth: (id: ColumnId, w: number) => setLayout((l) => ({ ...l, widths: { ...l.widths, [id]: Math.max(MIN_COLUMN_WIDTH, Math.round(w)) } })),
    toggle: (id: ColumnId) => setLayout((l) => {
      const hidden = l.hidden.includes(id) ? l.hidden.filter((h) => h !== id) : [...l.hidden, id];
      // Never hide the last column: an empty grid cannot be given its columns back by clicking.
      return hidden.length >= COLUMNS.length ? l : { ...l, hidden };
    }),
    move: (id: ColumnId, before: ColumnId | null) => setLayout((l) => {
      if (id === before) return l;
      const order = l.order.filter((o) => o !== id);
      const at = before === null ? order.length : order.indexOf(before);
      order.splice(at < 0 ? order.length : at, 0, id);
      return { ...l, order };
    }),
    reset: () => setLayout(DEFAULT),
  };
}

export type ColumnLayoutApi = ReturnType<typeof useColumnLayout>;
