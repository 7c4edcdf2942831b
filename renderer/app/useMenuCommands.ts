// The desktop shell's commands to the page (shared/menuCommands.ts): File ▸ Export…, View ▸ Theme,
// and "show this import" for imports main started (a drop, File ▸ Import, files given at launch).
// The preload dispatches them on window; in a plain browser nothing does, and this hook idles.
//
// The window listener is installed when this module loads, before React's first render: main sends
// a launch import's command as soon as the page has loaded, which can be before the hook's effect
// runs, so commands that arrive early wait here for the hook.
import { useEffect, useRef } from 'react';
import { onMenuCommand, type MenuCommand } from '../../shared/menuCommands.ts';

export type MenuHandlers = { [K in MenuCommand['command']]: (c: Extract<MenuCommand, { command: K }>) => void };

const early: MenuCommand[] = [];
let deliver: ((c: MenuCommand) => void) | null = null;
onMenuCommand(window, (c) => { if (deliver) deliver(c); else early.push(c); });

export function useMenuCommands(handlers: MenuHandlers): void {
  const h = useRef(handlers);
  h.current = handlers;
  useEffect(() => {
    deliver = (c) => (h.current[c.command] as (c: MenuCommand) => void)(c);
    for (const c of early.splice(0)) deliver(c);
    return () => { deliver = null; };
  }, []);
}
