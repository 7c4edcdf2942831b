// A small "Copy" button that says "Copied" for a moment, so the person knows it worked.
import { useEffect, useState } from 'react';
import { copyText } from './copyText.ts';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'idle' | 'ok' | 'failed'>('idle');
  useEffect(() => {
    if (done === 'idle') return;
    const t = setTimeout(() => setDone('idle'), 1500);
    return () => clearTimeout(t);
  }, [done]);
  return (
    <button type="button" className="link-button copy-button" aria-label={label} onClick={() => { void copyText(text).then((ok) => setDone(ok ? 'ok' : 'failed')); }}>
      {done === 'ok' ? 'Copied' : done === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
