// Main → page commands (shared/menuCommands.ts) on the menu channel. A command sent while the page
// is still loading would reach no listener — at launch main starts importing the files it was given
// right after creating the window, and opening another case reloads it — so a command waits for
// the load to finish. Only the latest waiting command of each kind is kept. Pure over a minimal
// webContents shape, so it is unit-tested without Electron.
import type { MenuCommand, MenuCommandName } from '../../shared/menuCommands.ts';
import { MENU_CHANNEL } from '../preload/channels.ts';

export interface PageContentsLike {
  isDestroyed(): boolean;
  isLoading(): boolean;
  once(event: 'did-finish-load', listener: () => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

export function createPageCommands(contents: () => PageContentsLike | null): (c: MenuCommand) => void {
  const waiting = new Map<MenuCommandName, MenuCommand>();
  let armed: PageContentsLike | null = null;
  const flush = (wc: PageContentsLike) => {
    armed = null;
    if (wc.isDestroyed()) { waiting.clear(); return; }
    for (const c of waiting.values()) wc.send(MENU_CHANNEL, c);
    waiting.clear();
  };
  return (c) => {
    const wc = contents();
    if (!wc || wc.isDestroyed()) return; // no window: nothing to show it in
    if (!wc.isLoading()) { wc.send(MENU_CHANNEL, c); return; }
    waiting.set(c.command, c);
    if (armed !== wc) { armed = wc; wc.once('did-finish-load', () => flush(wc)); }
  };
}
