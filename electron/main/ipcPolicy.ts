// What main adds on top of dispatch for calls from the window, because the renderer is untrusted:
// a page cannot make the app write a file the user did not choose (export.start's path always goes
// through a native save dialog), nor silently read files the user never picked (import.start of
// paths not granted by a dialog, a drop or the command line needs the user's confirmation).
// Pure: the dialogs are passed in, so the rules are unit-tested.
import { resolve, sep } from 'node:path';
import { requestSchemas } from '../../shared/contract.ts';
import type { ErrorPayload } from '../../shared/contract.ts';

export interface PolicyUi {
  /** The native save dialog, proposing `proposed`; null when the user cancels. */
  chooseExportPath(proposed: string): Promise<string | null>;
  /** A native confirmation listing paths the page asked to import; true to go ahead. */
  confirmImport(paths: string[]): Promise<boolean>;
}

/** Paths the user chose through the app itself (dialogs, drops, command line): folders cover their contents. */
export class PathGrants {
  private readonly granted = new Set<string>();

  grant(paths: readonly string[]): void {
    for (const p of paths) this.granted.add(resolve(p));
  }

  covers(path: string): boolean {
    const p = resolve(path);
    for (const g of this.granted) if (p === g || p.startsWith(g.endsWith(sep) ? g : g + sep)) return true;
    return false;
  }
}

export type PolicyOutcome = { ok: true; request: unknown } | { ok: false; error: ErrorPayload };

export function createIpcPolicy(ui: PolicyUi, grants: PathGrants): (method: string, request: unknown) => Promise<PolicyOutcome> {
  return async (method, request) => {
    if (method === 'export.start') {
      const parsed = requestSchemas['export.start'].safeParse(request);
      if (!parsed.success) return { ok: true, request }; // dispatch reports what is wrong
      const chosen = await ui.chooseExportPath(parsed.data.path);
      if (chosen === null) return { ok: false, error: { code: 'cancelled', message: 'Export cancelled: no file was chosen.' } };
      return { ok: true, request: { ...(request as object), path: chosen } };
    }
    if (method === 'import.start') {
      const parsed = requestSchemas['import.start'].safeParse(request);
      if (!parsed.success) return { ok: true, request };
      const unknown = parsed.data.paths.filter((p) => !grants.covers(p));
      if (unknown.length > 0) {
        if (!(await ui.confirmImport(unknown))) return { ok: false, error: { code: 'cancelled', message: 'Import cancelled.' } };
        grants.grant(unknown);
      }
      return { ok: true, request };
    }
    return { ok: true, request };
  };
}
