// One grid row (or its placeholder while its block loads). Memoised: while scrolling, rows that stay
// on screen keep their props and are not re-rendered, which keeps frame times flat.
import { memo } from 'react';
import type { EventRow } from '../../shared/contract.ts';
import type { ZoneChoice } from '../format/time.ts';
import { ActionText, StatusBadge, TimeText } from './cells.tsx';
import { COLUMN_BY_ID, type ColumnId } from './columns.ts';

interface Props {
  index: number;
  row: EventRow | undefined;
  selected: boolean;
  columns: readonly ColumnId[];
  widths: readonly number[];
  zone: ZoneChoice;
  height: number;
  onPick(index: number, open: boolean): void;
}

function Cell({ id, row, zone }: { id: ColumnId; row: EventRow; zone: ZoneChoice }) {
  switch (id) {
    case 'time': return <TimeText row={row} zone={zone} />;
    case 'action': return <ActionText action={row.action} outcome={row.outcome} />;
    case 'status': return <StatusBadge status={row.status} outcome={row.outcome} />;
    default: {
      const text = COLUMN_BY_ID[id].text(row);
      return text === '' ? <span className="muted">—</span> : <span title={text.length > 40 ? text : undefined}>{text}</span>;
    }
  }
}

export const EventRowView = memo(function EventRowView({ index, row, selected, columns, widths, zone, height, onPick }: Props) {
  return (
    <div
      role="row"
      id={`event-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-busy={row ? undefined : true}
      data-index={index}
      data-event-id={row?.id}
      className={`grid-row${selected ? ' selected' : ''}${row ? '' : ' placeholder'}${row?.hasChanges ? ' has-changes' : ''}`}
      style={{ height }}
      onClick={() => onPick(index, false)}
      onDoubleClick={() => onPick(index, true)}
    >
      {columns.map((id, i) => (
        <div role="gridcell" key={id} className={`cell cell-${id}`} style={{ width: widths[i] }}>
          {row ? <Cell id={id} row={row} zone={zone} /> : <span className="skeleton" />}
        </div>
      ))}
    </div>
  );
});
