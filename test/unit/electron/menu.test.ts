// The native menu's shape: the File commands, recent cases, theme choices, development-only reload
// and devtools, and the About text with every version a support request needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutText, buildMenuTemplate, type MenuActions } from '../../../electron/main/menu.ts';
import { addRecent, loadSettings, saveSettings } from '../../../electron/main/recent.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const calls: string[] = [];
const actions = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => { calls.push([String(name), ...args].join(' ')); } }) as MenuActions;

function labels(items: MenuItemConstructorOptions[] | undefined): string[] {
  return (items ?? []).map((i) => i.label ?? i.role ?? i.type ?? '?');
}
function submenu(t: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  return t.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];
}

test('File holds new/open/recent/import/export; recent entries open their case', () => {
  const t = buildMenuTemplate({ platform: 'linux', development: false, recent: ['/c/a.avcase', '/c/b.sqlite'], theme: 'system' }, actions);
  assert.deepEqual(labels(t), ['&File', '&Edit', '&View', '&Help']);
  const file = submenu(t, '&File');
  for (const l of ['New Case…', 'Open Case…', 'Open Recent', 'Import Archives…', 'Import Folder…', 'Export…']) assert.ok(labels(file).includes(l), l);
  const recent = file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
  assert.deepEqual(labels(recent), ['a.avcase', 'b.sqlite', 'separator', 'Clear recent']);
  (recent[1]!.click as () => void)();
  assert.equal(calls.at(-1), 'openRecent /c/b.sqlite');
});

test('View: theme choices, zoom; reload and devtools only in development', () => {
  const prod = labels(submenu(buildMenuTemplate({ platform: 'win32', development: false, recent: [], theme: 'dark' }, actions), '&View'));
  assert.ok(prod.includes('Theme') && prod.includes('zoomIn') && prod.includes('resetZoom'));
  assert.ok(!prod.includes('reload') && !prod.includes('toggleDevTools'));
  const dev = labels(submenu(buildMenuTemplate({ platform: 'win32', development: true, recent: [], theme: 'dark' }, actions), '&View'));
  assert.ok(dev.includes('reload') && dev.includes('toggleDevTools'));
  const theme = submenu(buildMenuTemplate({ platform: 'linux', development: false, recent: [], theme: 'dark' }, actions), '&View')[0]!.submenu as MenuItemConstructorOptions[];
  assert.deepEqual(theme.map((i) => i.checked), [false, false, true]);
});

test('macOS gets the app menu and Window menu', () => {
  const t = buildMenuTemplate({ platform: 'darwin', development: false, recent: [], theme: 'system' }, actions);
  assert.deepEqual(labels(t), ['Audit Viewer', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
});

test('About names the app, Electron, Chromium, Node and SQLite versions', () => {
  const text = aboutText({ app: '0.1.0', electron: '45.4.1', chromium: '142.0', node: '22.20.0', sqlite: '3.54.1' });
  for (const s of ['Audit Viewer 0.1.0', 'Electron 45.4.1', 'Chromium 142.0', 'Node.js 22.20.0', 'SQLite 3.54.1']) assert.ok(text.includes(s), s);
});

test('recent cases: newest first, no duplicates, at most 10; damaged settings start fresh', () => {
  let r: string[] = [];
  for (let i = 0; i < 12; i++) r = addRecent(r, `/c/${i}`);
  r = addRecent(r, '/c/5');
  assert.equal(r.length, 10);
  assert.equal(r[0], '/c/5');
  assert.equal(r.filter((p) => p === '/c/5').length, 1);
  const dir = tempDir();
  assert.deepEqual(loadSettings(dir), { recent: [], theme: 'system' });
  saveSettings(dir, { recent: ['/x'], theme: 'dark' });
  assert.deepEqual(loadSettings(dir), { recent: ['/x'], theme: 'dark' });
  writeFileSync(join(dir, 'settings.json'), '{"recent": [1, "/y"], "theme": "neon"');
  assert.deepEqual(loadSettings(dir), { recent: [], theme: 'system' });
});
