// The top-right tools: time zone for every displayed time, Import, Export, and the theme switch.
import { useState } from 'react';
import { zoneChoices, zoneLabel, type ZoneChoice } from '../format/time.ts';
import { Popover } from './Popover.tsx';
import type { ThemeChoice } from './useTheme.ts';

interface Props {
  zone: ZoneChoice;
  onZone(z: ZoneChoice): void;
  theme: ThemeChoice;
  onTheme(t: ThemeChoice): void;
  onImport(): void;
  onExport(): void;
  exportDisabled: boolean;
}

export function Toolbar({ zone, onZone, theme, onTheme, onImport, onExport, exportDisabled }: Props) {
  const [themeOpen, setThemeOpen] = useState(false);
  return (
    <div className="toolbar">
      <label className="zone-select">
        <span className="muted">Times in</span>
        <select aria-label="Time zone" value={zone} onChange={(e) => onZone(e.target.value)}>
          {zoneChoices().map((z) => <option key={z} value={z}>{zoneLabel(z)}</option>)}
        </select>
      </label>
      <button type="button" className="tool-button" onClick={onImport}>Import…</button>
      <button type="button" className="tool-button" onClick={onExport} disabled={exportDisabled}>Export…</button>
      <Popover open={themeOpen} onOpenChange={setThemeOpen} label="Theme" trigger={<span aria-hidden="true">◐</span>}>
        <fieldset className="theme-choice">
          <legend>Theme</legend>
          {(['system', 'light', 'dark'] as const).map((t) => (
            <label key={t} className="check-line">
              <input type="radio" name="theme" checked={theme === t} onChange={() => { onTheme(t); setThemeOpen(false); }} />
              {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
      </Popover>
    </div>
  );
}
