// Before/after of an event's changes, two ways: side by side (a row per field, changed lines marked
// on each side) and inline (one text per field with deletions struck and insertions underlined). The
// field-level entries (nested paths, JSON inside strings opened, long values whole) come from the
// shared diff model; word-level marks within a value from the `diff` library, falling back to line
// level for very long values so a huge policy document stays responsive. Everything renders as text.
import { useMemo, useState } from 'react';
import { diffLines, diffWordsWithSpace, type Change as DiffPart } from 'diff';
import type { Change } from '../../shared/model.ts';
import { diffChanges, type DiffEntry } from '../../shared/diff.ts';

interface SideText { text: string | null; decoded: boolean }

const WORD_DIFF_LIMIT = 20_000;

function parts(a: string, b: string): DiffPart[] {
  const multiLine = a.includes('\n') || b.includes('\n');
  return multiLine || a.length + b.length > WORD_DIFF_LIMIT ? diffLines(a, b) : diffWordsWithSpace(a, b);
}

function Side({ side, other, which }: { side: SideText; other: SideText; which: 'before' | 'after' }) {
  if (side.text === null) return <span className="muted">(not recorded)</span>;
  const text = side.text;
  const decoded = side.decoded && <span className="decoded-note">JSON in a string, decoded</span>;
  if (other.text === null || other.text === text) return <>{decoded}<pre className="diff-value">{text}</pre></>;
  const ps = which === 'before' ? parts(text, other.text) : parts(other.text, text);
  return (
    <>
      {decoded}
      <pre className="diff-value">
        {ps.map((p, i) => {
          if (which === 'before' && p.added) return null;
          if (which === 'after' && p.removed) return null;
          if (p.removed) return <del key={i}>{p.value}</del>;
          if (p.added) return <ins key={i}>{p.value}</ins>;
          return <span key={i}>{p.value}</span>;
        })}
      </pre>
    </>
  );
}

function Inline({ v }: { v: DiffEntry }) {
  const a = v.before;
  const b = v.after;
  if (a === null) return <pre className="diff-value"><ins>{b}</ins></pre>;
  if (b === null) return <pre className="diff-value"><del>{a}</del></pre>;
  return (
    <pre className="diff-value">
      {parts(a, b).map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
    </pre>
  );
}

export function ChangesDiff({ changes }: { changes: Change[] }) {
  const [mode, setMode] = useState<'side' | 'inline'>('side');
  const views = useMemo(() => diffChanges(changes), [changes]);
  return (
    <div className="changes" data-testid="changes-diff">
      <div className="segmented" role="group" aria-label="Diff layout">
        <button type="button" aria-pressed={mode === 'side'} onClick={() => setMode('side')}>Side by side</button>
        <button type="button" aria-pressed={mode === 'inline'} onClick={() => setMode('inline')}>Inline</button>
      </div>
      {mode === 'side' ? (
        <table className="diff-table">
          <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>
            {views.map((v, i) => (
              <tr key={`${v.path}:${i}`} className={`diff-${v.kind}`}>
                <th scope="row"><code>{v.path}</code><span className={`change-kind kind-${v.kind}`}>{v.kind}</span></th>
                <td className="diff-before"><Side side={{ text: v.before, decoded: v.decoded }} other={{ text: v.after, decoded: v.decoded }} which="before" /></td>
                <td className="diff-after"><Side side={{ text: v.after, decoded: v.decoded }} other={{ text: v.before, decoded: v.decoded }} which="after" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ul className="diff-inline">
          {views.map((v, i) => (
            <li key={`${v.path}:${i}`} className={`diff-${v.kind}`}>
              <div><code>{v.path}</code><span className={`change-kind kind-${v.kind}`}>{v.kind}</span></div>
              <Inline v={v} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
