// The grid's header row: click a header to sort by it (again to flip the direction), drag a header
// onto another to reorder, drag its right edge to resize. Sorting is the engine's; this only asks.
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { QueryRequest, SortField } from '../../shared/contract.ts';
import { COLUMN_BY_ID, type ColumnId } from './columns.ts';
import type { ColumnLayoutApi } from './useColumnLayout.ts';

type Sort = NonNullable<QueryRequest['sort']>;

interface Props {
  columns: ColumnLayoutApi;
  sort: Sort;
  onSort(sort: Sort): void;
  height: number;
}

export function TableHeader({ columns, sort, onSort, height }: Props) {
  const [dragOver, setDragOver] = useState<ColumnId | null>(null);
  const resizing = useRef<{ id: ColumnId; startX: number; startW: number } | null>(null);

  const clickSort = (field: SortField) => {
    onSort(sort.field === field ? { field, dir: sort.dir === 'desc' ? 'asc' : 'desc' } : { field, dir: field === 'time' ? 'desc' : 'asc' });
  };

  const startResize = (id: ColumnId) => (e: ReactPointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    resizing.current = { id, startX: e.clientX, startW: columns.widthOf(id) };
  };
  const moveResize = (e: ReactPointerEvent<HTMLSpanElement>) => {
    const r = resizing.current;
    if (r) columns.setWidth(r.id, r.startW + e.clientX - r.startX);
  };
  const endResize = () => { resizing.current = null; };

  return (
    <div className="grid-header" role="rowgroup" style={{ height }}>
      <div role="row" aria-rowindex={1} className="grid-row header-row" style={{ height, width: columns.totalWidth }}>
        {columns.visible.map((id) => {
          const def = COLUMN_BY_ID[id];
          const sorted = def.sort !== null && sort.field === def.sort;
          return (
            <div
              key={id}
              role="columnheader"
              aria-sort={sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              className={`cell header-cell cell-${id}${dragOver === id ? ' drag-over' : ''}`}
              style={{ width: columns.widthOf(id) }}
              draggable
              data-column={id}
              onDragStart={(e) => { e.dataTransfer.setData('application/x-audit-column', id); e.dataTransfer.effectAllowed = 'move'; }}
              onDragOver={(e) => { if (e.dataTransfer.types.includes('application/x-audit-column')) { e.preventDefault(); setDragOver(id); } }}
              onDragLeave={() => setDragOver((d) => (d === id ? null : d))}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(null);
                const moved = e.dataTransfer.getData('application/x-audit-column') as ColumnId;
                if (moved && moved in COLUMN_BY_ID) columns.move(moved, id);
              }}
            >
              {def.sort !== null ? (
                <button type="button" className="header-sort" onClick={() => clickSort(def.sort!)} title={`Sort by ${def.label.toLowerCase()}`}>
                  {def.label}
                  <span className="sort-mark" aria-hidden="true">{sorted ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
                </button>
              ) : (
                <span className="header-label">{def.label}</span>
              )}
              <span
                className="col-resize"
                role="separator"
                aria-orientation="vertical"
                aria-label={`Resize ${def.label} column`}
                onPointerDown={startResize(id)}
                onPointerMove={moveResize}
                onPointerUp={endResize}
                onPointerCancel={endResize}
                onDoubleClick={() => columns.setWidth(id, def.width)}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
