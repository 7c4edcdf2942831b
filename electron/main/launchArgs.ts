// What a launch asks for, from its command line (first launch, a second launch handed over by the
// single-instance lock, or a file-manager double-click) and from the files macOS hands over with
// 'open-file': a case to open and archives to import. Chromium/Node switches that Electron leaves
// in argv are ignored. Pure, unit-tested.
import { extname, resolve } from 'node:path';

export const CASE_EXTENSIONS = ['.avcase', '.sqlite'];

export interface LaunchRequest {
  casePath: string | null;
  archives: string[];
  /** --user-data DIR: a separate profile (tests, or a second independent workspace). */
  userData: string | null;
}

export function isCaseFile(path: string): boolean {
  return CASE_EXTENSIONS.includes(extname(path).toLowerCase());
}

/**
 * `args` is argv without the executable. `ignore` holds paths that are the app itself (in
 * development argv carries the main script or the app folder), compared after resolving.
 */
export function parseLaunchArgs(args: readonly string[], cwd: string, ignore: readonly string[] = []): LaunchRequest {
  const out: LaunchRequest = { casePath: null, archives: [], userData: null };
  const skip = new Set(ignore.map((p) => resolve(cwd, p)));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const flag = /^--(case|user-data)(?:=(.*))?$/.exec(a);
    if (flag) {
      const value = flag[2] ?? args[++i];
      if (value === undefined || value === '') continue;
      if (flag[1] === 'case') out.casePath = resolve(cwd, value); else out.userData = resolve(cwd, value);
      continue;
    }
    if (a.startsWith('-')) continue; // --inspect=0, --remote-debugging-port=…, --no-sandbox, -psn_… (macOS)
    const p = resolve(cwd, a);
    if (skip.has(p)) continue;
    if (isCaseFile(p)) out.casePath = p; else out.archives.push(p);
  }
  return out;
}

/**
 * `req` with files opened through the OS added ('open-file' on macOS: a Finder double-click or a
 * drop on the dock icon, in the order they came). A case file among them is the case to open — the
 * last one wins, as one window shows one case — in place of the command line's; the other files
 * are archives to import into it. At a cold start these arrive before the app is ready, so
 * start() decides from them which case opens first instead of losing a double-clicked case.
 */
export function withOpenedFiles(req: LaunchRequest, opened: readonly string[]): LaunchRequest {
  const cases = opened.filter(isCaseFile);
  return {
    casePath: cases.at(-1) ?? req.casePath,
    archives: [...req.archives, ...opened.filter((p) => !isCaseFile(p))],
    userData: req.userData,
  };
}
