// Menu commands from main become the DOM event the page listens for (shared/menuCommands.ts).
// Main is trusted, but what reaches the page is checked anyway: only well-formed commands are
// relayed, as a string detail (objects do not cross from the preload's isolated world). Pure, so
// the exact event the page receives is unit-tested without Electron.
import { MENU_DOM_EVENT, encodeMenuCommand, parseMenuCommand } from '../../shared/menuCommands.ts';

export interface PageWindowLike {
  dispatchEvent(e: unknown): boolean;
  CustomEvent: new (type: string, init: { detail: string }) => unknown;
}

/** Relays `payload` (what main sent on the menu channel) to the page; false when it was dropped. */
export function relayMenuCommand(w: PageWindowLike, payload: unknown): boolean {
  const command = parseMenuCommand(payload);
  if (!command) return false;
  w.dispatchEvent(new w.CustomEvent(MENU_DOM_EVENT, { detail: encodeMenuCommand(command) }));
  return true;
}
