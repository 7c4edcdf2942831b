// Owns the hostile suite's figures (issue 7 §5): every hostile input tried with its outcome and its
// records in vs. out, and every fault the issue names with what became of it — survived, not run
// (and why), or failed. Tests add rows as they go; the suite's entry prints them as one table from
// an after() hook, so the numbers land in the CI log next to the results. The faults are declared
// up front, so one whose test skipped, failed or never started still has its row.

export interface InputFigure {
  /** What was tried, e.g. `JSON Lines: truncated lines`. */
  input: string;
  /** imported / duplicates / rejected / refused / skipped / failed … as the engine reported it. */
  outcome: string;
  /** Records the test wrote into the input (null when not countable, e.g. a bomb). */
  recordsIn: number | null;
  /** Records the import saw: imported + duplicates + rejected (null when refused before reading). */
  recordsOut: number | null;
  imported: number;
  duplicates: number;
  rejected: number;
  /** The reason(s) shown to the user, shortened. */
  reason: string;
}

export type FaultResult = 'survived' | 'not run' | 'failed';

export interface FaultFigure {
  fault: string;
  result: FaultResult;
  /** What happened (survived), why it did not run, or how it failed. */
  detail: string;
}

export const inputFigures: InputFigure[] = [];
/** By fault name, in the order the faults were declared. */
const faultFigures = new Map<string, FaultFigure>();

export function addInput(f: InputFigure): void {
  inputFigures.push(f);
}

/** Names the faults the table must list, each "not run" until its test says otherwise. */
export function expectFaults(faults: readonly string[]): void {
  for (const fault of faults) faultFigures.set(fault, { fault, result: 'not run', detail: 'its test did not start (filtered out, or the run stopped before it)' });
}

export function addFault(fault: string, detail: string): void {
  setFault(fault, 'survived', detail);
}

export function faultNotRun(fault: string, reason: string): void {
  setFault(fault, 'not run', reason);
}

export function faultFailed(fault: string, error: unknown): void {
  setFault(fault, 'failed', (error instanceof Error ? error.message : String(error)).split('\n')[0]!);
}

function setFault(fault: string, result: FaultResult, detail: string): void {
  // Temp paths say nothing in a CI log: keep file names only.
  faultFigures.set(fault, { fault, result, detail: detail.replace(/(^|[\s"(])\/(?:[^\s/"]+\/)+([^\s/"]+)/g, '$1$2') });
}

export function faultRows(): FaultFigure[] {
  return [...faultFigures.values()];
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
// Reasons can carry hostile text (they quote records); keep the CI log one line per row.
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function summaryText(elapsedMs: number): string {
  const n = (v: number | null) => (v === null ? '-' : String(v));
  const inputs = table(
    ['hostile input', 'outcome', 'in', 'out', 'imp', 'dup', 'rej', 'reason'],
    inputFigures.map((f) => [
      short(oneLine(f.input), 58), short(f.outcome, 16), n(f.recordsIn), n(f.recordsOut),
      String(f.imported), String(f.duplicates), String(f.rejected), short(oneLine(f.reason), 90),
    ]),
  );
  const faultList = faultRows();
  const faults = table(['fault', 'outcome'], faultList.map((f) => [short(oneLine(f.fault), 40), short(oneLine(`${f.result === 'failed' ? 'FAILED' : f.result}: ${f.detail}`), 190)]));
  const faultCount = (r: FaultResult) => faultList.filter((f) => f.result === r).length;
  const counted = inputFigures.filter((f) => f.recordsIn !== null && f.recordsOut !== null);
  const totalIn = counted.reduce((s, f) => s + f.recordsIn!, 0);
  const totalOut = counted.reduce((s, f) => s + f.recordsOut!, 0);
  const outcomes = new Map<string, number>();
  for (const f of inputFigures) for (const [k, v] of [['imported', f.imported], ['duplicates', f.duplicates], ['rejected', f.rejected]] as const) outcomes.set(k, (outcomes.get(k) ?? 0) + v);
  const refused = inputFigures.filter((f) => /refused|skipped/.test(f.outcome)).length;
  return [
    '',
    '=== Hostile archives (issue 7 §5) ===',
    `${inputFigures.length} hostile inputs tried (${refused} refused or skipped with a reason, in whole or in part); ${outcomes.get('imported') ?? 0} records imported, ${outcomes.get('duplicates') ?? 0} duplicates, ${outcomes.get('rejected') ?? 0} rejected with a reason`,
    `records in vs. out, where the input's count is known: ${totalIn} written, ${totalOut} accounted for (${counted.length} inputs); ${faultCount('survived')} of ${faultList.length} faults survived (${faultCount('not run')} not run, ${faultCount('failed')} failed); ${(elapsedMs / 1000).toFixed(1)} s`,
    'columns: in = records written by the test (- when not countable: bombs, cut streams); out = records the import saw; imp/dup/rej = imported, duplicates, rejected',
    '',
    inputs,
    '',
    faults,
    '',
  ].join('\n');
}
