// IPC channel names shared by the preload and main. The page itself never sees them: it only
// gets window.auditApi. `call` is the one request channel; the others carry one-way messages.
export const CALL_CHANNEL = 'audit:call';
/** main → renderer: ProgressEvents. */
export const EVENT_CHANNEL = 'audit:event';
/** preload → main: paths of files the user dropped on the window (read by the preload, never by the page). */
export const DROP_CHANNEL = 'audit:drop';
/** main → renderer: a menu command the page acts on (e.g. "export": open its export dialog). */
export const MENU_CHANNEL = 'audit:menu';
/** The DOM event the preload dispatches on window for a menu command (detail: the command name). */
export const MENU_DOM_EVENT = 'audit-viewer:menu';
