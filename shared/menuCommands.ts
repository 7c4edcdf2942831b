// Commands the desktop shell hands to the page: the native menu's own (File ▸ Export…, View ▸
// Theme) and "show this import", for imports main starts for the person (a drop, File ▸ Import,
// files given at launch). Main sends them over IPC; the preload re-dispatches them on window as the
// DOM event below; the renderer listens for it. Both ends import the name, the type and the codec
// from here, so they cannot drift apart.
//
// The DOM event's `detail` is a JSON string, not an object: the preload runs in an isolated world,
// and an object created there is not readable from the page's world, while a string always is.
// Structural DOM types only: shared/ has no DOM library and no node.

export const MENU_DOM_EVENT = 'audit-viewer:menu';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeName = (typeof THEMES)[number];

export type MenuCommand =
  /** File ▸ Export…: open the export dialog on the current view. */
  | { command: 'export' }
  /** Main started this import: show it in the import dialog (progress, cancel, summary). */
  | { command: 'import'; importId: string }
  /** View ▸ Theme: the page's theme follows the menu's latest choice. */
  | { command: 'theme'; theme: ThemeName };

export type MenuCommandName = MenuCommand['command'];

/** Import ids are the service's UUIDs; anything longer or odder is not a command main sent. */
const IMPORT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The command in `value`, or null when it is not exactly one of the commands above. */
export function parseMenuCommand(value: unknown): MenuCommand | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort().join(',');
  switch (v['command']) {
    case 'export':
      return keys === 'command' ? { command: 'export' } : null;
    case 'import':
      return keys === 'command,importId' && typeof v['importId'] === 'string' && IMPORT_ID.test(v['importId']) ? { command: 'import', importId: v['importId'] } : null;
    case 'theme':
      return keys === 'command,theme' && THEMES.includes(v['theme'] as ThemeName) ? { command: 'theme', theme: v['theme'] as ThemeName } : null;
    default:
      return null;
  }
}

/** The DOM event's detail for a command. */
export function encodeMenuCommand(c: MenuCommand): string {
  return JSON.stringify(c);
}

/** A DOM event's detail back to a command; null for anything else (any page script can dispatch the event). */
export function decodeMenuCommand(detail: unknown): MenuCommand | null {
  if (typeof detail !== 'string' || detail.length > 200) return null;
  try { return parseMenuCommand(JSON.parse(detail)); } catch { return null; }
}

interface MenuEventTarget {
  addEventListener(type: string, listener: (e: { detail?: unknown }) => void): void;
  removeEventListener(type: string, listener: (e: { detail?: unknown }) => void): void;
}

/** Calls `handler` with each well-formed command dispatched on `target`; returns the unsubscribe. */
export function onMenuCommand(target: MenuEventTarget, handler: (c: MenuCommand) => void): () => void {
  const listener = (e: { detail?: unknown }) => {
    const c = decodeMenuCommand(e.detail);
    if (c) handler(c);
  };
  target.addEventListener(MENU_DOM_EVENT, listener);
  return () => target.removeEventListener(MENU_DOM_EVENT, listener);
}
