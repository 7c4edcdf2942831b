// The native menu as data: File (case and import/export commands, recent cases), Edit, View
// (theme, zoom; reload and devtools only in development), Window (macOS) and Help (About). Pure —
// the actions are passed in — so its shape is unit-tested; main.ts turns it into a Menu.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { Theme } from './recent.ts';

export interface MenuActions {
  newCase(): void;
  openCase(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  importFiles(): void;
  importFolder(): void;
  exportView(): void;
  setTheme(theme: Theme): void;
  about(): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  development: boolean;
  recent: readonly string[];
  theme: Theme;
}

export function buildMenuTemplate(state: MenuState, a: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = state.recent.length === 0
    ? [{ label: 'No recent cases', enabled: false }]
    : [...state.recent.map((p) => ({ label: basename(p), sublabel: p, click: () => a.openRecent(p) })), { type: 'separator' as const }, { label: 'Clear recent', click: a.clearRecent }];
  const theme = (t: Theme, label: string): MenuItemConstructorOptions => ({ label, type: 'radio', checked: state.theme === t, click: () => a.setTheme(t) });
  const view: MenuItemConstructorOptions[] = [
    { label: 'Theme', submenu: [theme('system', 'Follow system'), theme('light', 'Light'), theme('dark', 'Dark')] },
    { type: 'separator' },
    { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (state.development) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  const about: MenuItemConstructorOptions = { label: 'About Audit Viewer', click: a.about };

  return [
    ...(mac ? [{ label: 'Audit Viewer', submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: a.newCase },
        { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: a.openCase },
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        { label: 'Import Archives…', accelerator: 'CmdOrCtrl+I', click: a.importFiles },
        { label: 'Import Folder…', click: a.importFolder },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: a.exportView },
        ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'quit' } as MenuItemConstructorOptions]),
      ],
    },
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: '&View', submenu: view },
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    { label: '&Help', role: 'help', submenu: [about] },
  ];
}

export function aboutText(v: { app: string; electron: string; chromium: string; node: string; sqlite: string }): string {
  return `Audit Viewer ${v.app}\n\nElectron ${v.electron}\nChromium ${v.chromium}\nNode.js ${v.node}\nSQLite ${v.sqlite}`;
}
