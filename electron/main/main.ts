// The desktop app's main process: one hardened window showing the renderer from app://, the case
// service for the open case (all SQLite work in its workers, never on this thread), the IPC host,
// native menus and dialogs, drops, recent cases, the single-instance hand-over, and launch
// arguments. Imports it starts (drop, menu, launch) are shown in the page's import dialog through
// a page command. Bundled to dist/electron/main.js by scripts/buildElectron.ts.
import { app, BrowserWindow, Menu, dialog, ipcMain, nativeTheme, protocol, session } from 'electron';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import type { ProgressEvent, Responses, Result } from '../../shared/contract.ts';
import { isAppError } from '../../shared/errors.ts';
import { createDispatch, type Dispatch } from '../engine/hosts/dispatch.ts';
import { createCaseService, type CaseService } from '../engine/service/caseService.ts';
import { registerAppProtocol } from './appProtocol.ts';
import { hardenSession, hardenWebContents } from './harden.ts';
import { forwardEvents, registerIpcHost } from './ipcHost.ts';
import { PathGrants, createIpcPolicy } from './ipcPolicy.ts';
import { isCaseFile, parseLaunchArgs, withOpenedFiles, type LaunchRequest } from './launchArgs.ts';
import { aboutText, buildMenuTemplate } from './menu.ts';
import { createPageCommands } from './pageCommands.ts';
import { addRecent, loadSettings, saveSettings, type Settings, type Theme } from './recent.ts';
import { APP_INDEX_URL, APP_SCHEME, buildWindowOptions } from './security.ts';

const here = import.meta.dirname;
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
const ARCHIVE_FILTERS = [
  { name: 'Activity archives', extensions: ['json', 'jsonl', 'ndjson', 'log', 'csv', 'gz', 'zip', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];
const CASE_FILTERS = [{ name: 'Audit Viewer case', extensions: ['avcase', 'sqlite'] }, { name: 'All files', extensions: ['*'] }];

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }]);

/** In development argv carries the app folder or main script; a packaged app's argv[1] is the user's. */
const ownPaths = () => (app.isPackaged ? [] : [app.getAppPath(), fileURLToPath(import.meta.url)]);
const launch = parseLaunchArgs(process.argv.slice(1), process.cwd(), ownPaths());
if (launch.userData) app.setPath('userData', launch.userData);

let win: BrowserWindow | null = null;
let service: CaseService | null = null;
let dispatch: Dispatch | null = null;
let unsubscribe: () => void = () => {};
let settings: Settings = { recent: [], theme: 'system' };
let closedForQuit = false;
const grants = new PathGrants();
/** Files macOS opened ('open-file') before start() was ready to act on them. */
const pendingOpens: string[] = [];
let started = false;
const NOTHING: LaunchRequest = { casePath: null, archives: [], userData: null };
const showInPage = createPageCommands(() => (win && !win.isDestroyed() ? win.webContents : null));

if (!app.requestSingleInstanceLock()) {
  app.quit(); // the running instance got our argv through 'second-instance'
} else {
  app.on('second-instance', (_e, argv, cwd) => {
    if (win) { if (win.isMinimized()) win.restore(); win.focus(); }
    void handleLaunch(parseLaunchArgs(argv.slice(1), cwd, ownPaths()));
  });
  app.on('open-file', (e, path) => { // macOS: Finder open / dock drop
    e.preventDefault();
    if (!started) { pendingOpens.push(path); return; } // a cold start: start() decides with them
    void handleLaunch(withOpenedFiles(NOTHING, [path]));
  });
  app.on('web-contents-created', (_e, wc) => hardenWebContents(wc));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (e) => {
    if (closedForQuit || !service) return;
    e.preventDefault(); // let running imports roll back and workers stop, then quit for real
    void service.close().finally(() => { closedForQuit = true; app.quit(); });
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  settings = loadSettings(userData);
  nativeTheme.themeSource = settings.theme;
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, rendererDir);
  registerIpcHost(ipcMain, {
    dispatch: () => dispatch ?? (async () => ({ ok: false, error: { code: 'not_found', message: 'No case is open.' } })),
    windowContentsId: () => (win && !win.isDestroyed() ? win.webContents.id : null),
    policy: createIpcPolicy({ chooseExportPath, confirmImport }, grants),
    onDrop: (paths) => void importPaths(paths),
  });

  const defaultCase = join(userData, 'default.avcase');
  // A case double-clicked in Finder before we were ready is the case to open, not a lost file.
  const req = withOpenedFiles(launch, pendingOpens.splice(0));
  const first = req.casePath ?? defaultCase;
  if (!(await openCaseAt(first)) && !(first !== defaultCase && (await openCaseAt(defaultCase)))) { app.quit(); return; }
  createWindow();
  started = true;
  // Files opened while the case was opening are handled like any later open.
  await handleLaunch(withOpenedFiles({ ...NOTHING, archives: req.archives }, pendingOpens.splice(0)));
}

function createWindow(): void {
  win = new BrowserWindow(buildWindowOptions(preloadPath));
  win.setTitle(`${basename(service?.casePath ?? '')} — Audit Viewer`);
  win.on('page-title-updated', (e) => e.preventDefault()); // the title names the open case
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => { win = null; });
  void win.loadURL(APP_INDEX_URL);
}

async function handleLaunch(req: LaunchRequest): Promise<void> {
  if (req.casePath && req.casePath !== service?.casePath) await openCaseAt(req.casePath);
  if (req.archives.length > 0) await importPaths(req.archives);
}

/** Opens (or creates) a case; the previous one is closed only when the new one opened. */
async function openCaseAt(path: string): Promise<boolean> {
  if (service && resolve(path) === service.casePath) return true; // one writer per case file
  const next = createCaseService({ casePath: path, appVersion: app.getVersion() });
  try {
    await next.ready;
  } catch (e) {
    await next.close();
    dialog.showErrorBox('Cannot open the case', isAppError(e) ? e.message : `Opening ${path} failed (a bug): ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  const old = service;
  unsubscribe();
  service = next;
  dispatch = createDispatch(next.handlers);
  const forward = forwardEvents(() => (win && !win.isDestroyed() ? win.webContents : null));
  unsubscribe = next.events.subscribe((e) => { forward(e); showProgress(e); });
  if (old) await old.close();
  if (basename(path) !== 'default.avcase') {
    settings = { ...settings, recent: addRecent(settings.recent, next.casePath) };
    persist();
  }
  buildMenu();
  if (win) { win.setTitle(`${basename(next.casePath)} — Audit Viewer`); win.webContents.reload(); }
  return true;
}

async function importPaths(paths: string[]): Promise<void> {
  if (!dispatch || paths.length === 0) return;
  grants.grant(paths);
  const r = (await dispatch('import.start', { paths })) as Result<Responses['import.start']>;
  if (!r.ok) dialog.showErrorBox('Import not started', r.error.message);
  else showInPage({ command: 'import', importId: r.value.importId }); // progress, cancel and summary in the page
}

/** The taskbar/dock progress of a running import. */
function showProgress(e: ProgressEvent): void {
  if (!win || win.isDestroyed()) return;
  if (e.type === 'import.progress') win.setProgressBar(e.payload.bytesTotal ? Math.min(1, e.payload.bytesRead / e.payload.bytesTotal) : 2);
  else if (e.type === 'import.done') win.setProgressBar(-1);
}

async function chooseExportPath(proposed: string): Promise<string | null> {
  const ext = proposed.toLowerCase().endsWith('.jsonl') ? 'jsonl' : 'csv';
  const opts = { title: 'Export', defaultPath: proposed, filters: [{ name: ext === 'csv' ? 'CSV' : 'JSON Lines', extensions: [ext] }] };
  const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
  return r.canceled || !r.filePath ? null : r.filePath;
}

async function confirmImport(paths: string[]): Promise<boolean> {
  const shown = paths.slice(0, 12).join('\n') + (paths.length > 12 ? `\n…and ${paths.length - 12} more` : '');
  const opts = { type: 'question' as const, buttons: ['Import', 'Cancel'], defaultId: 1, cancelId: 1, message: 'Import these into the open case?', detail: shown };
  const r = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
  return r.response === 0;
}

function persist(): void {
  try { saveSettings(app.getPath('userData'), settings); } catch (e) { process.stderr.write(`audit-viewer: cannot save settings: ${String(e)}\n`); }
}

function buildMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(
    { platform: process.platform, development: !app.isPackaged, recent: settings.recent, theme: settings.theme },
    {
      newCase: () => void pickSave('New Case', 'case.avcase').then(async (p) => { if (p) await openCaseAt(isCaseFile(p) ? p : `${p}.avcase`); }),
      openCase: () => void pickOpen('Open Case', ['openFile'], CASE_FILTERS).then(async (p) => { if (p[0]) await openCaseAt(p[0]); }),
      openRecent: (p) => void openCaseAt(p),
      clearRecent: () => { settings = { ...settings, recent: [] }; persist(); buildMenu(); },
      importFiles: () => void pickOpen('Import Archives', ['openFile', 'multiSelections'], ARCHIVE_FILTERS).then(importPaths),
      importFolder: () => void pickOpen('Import Folder', ['openDirectory', 'multiSelections'], []).then(importPaths),
      exportView: () => showInPage({ command: 'export' }),
      setTheme: (t: Theme) => { nativeTheme.themeSource = t; settings = { ...settings, theme: t }; persist(); buildMenu(); showInPage({ command: 'theme', theme: t }); },
      about: () => void showAbout(),
    },
  )));
}

async function pickOpen(title: string, properties: ('openFile' | 'openDirectory' | 'multiSelections')[], filters: { name: string; extensions: string[] }[]): Promise<string[]> {
  const opts = { title, properties, filters };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled ? [] : r.filePaths;
}

async function pickSave(title: string, defaultName: string): Promise<string | null> {
  const opts = { title, defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'Audit Viewer case', extensions: ['avcase'] }] };
  const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
  return r.canceled || !r.filePath ? null : r.filePath;
}

async function showAbout(): Promise<void> {
  let sqlite = 'unknown';
  try { sqlite = (await service?.sqliteVersion()) ?? sqlite; } catch { /* shown as unknown */ }
  const detail = aboutText({ app: app.getVersion(), electron: process.versions.electron ?? '?', chromium: process.versions.chrome ?? '?', node: process.versions.node, sqlite });
  const opts = { title: 'About Audit Viewer', message: 'Audit Viewer', detail, buttons: ['OK'] };
  if (win) await dialog.showMessageBox(win, opts); else await dialog.showMessageBox(opts);
}
