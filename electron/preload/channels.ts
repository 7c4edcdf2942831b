// IPC channel names shared by the preload and main. The page itself never sees them: it only
// gets window.auditApi. `call` is the one request channel; the others carry one-way messages.
export const CALL_CHANNEL = 'audit:call';
/** main → renderer: ProgressEvents. */
export const EVENT_CHANNEL = 'audit:event';
/** preload → main: paths of files the user dropped on the window (read by the preload, never by the page). */
export const DROP_CHANNEL = 'audit:drop';
/** main → renderer: a command the page acts on (a MenuCommand; the preload turns it into a DOM event, see shared/menuCommands.ts). */
export const MENU_CHANNEL = 'audit:menu';
