// The "Columns" menu: show or hide each grid column, or go back to the default arrangement.
import { useState } from 'react';
import { COLUMNS } from './columns.ts';
import type { ColumnLayoutApi } from './useColumnLayout.ts';
import { Popover } from '../app/Popover.tsx';

export function ColumnChooser({ columns }: { columns: ColumnLayoutApi }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label="Columns"
      trigger={<>Columns</>}
    >
      <fieldset className="column-chooser">
        <legend>Shown columns</legend>
        {COLUMNS.map((c) => (
          <label key={c.id} className="check-line">
            <input type="checkbox" checked={!columns.layout.hidden.includes(c.id)} onChange={() => columns.toggle(c.id)} />
            {c.label}
          </label>
        ))}
        <button type="button" className="link-button" onClick={columns.reset}>Reset order and widths</button>
      </fieldset>
    </Popover>
  );
}
