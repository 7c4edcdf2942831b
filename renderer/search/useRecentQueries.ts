// The last searches the person ran, most recent first, kept in localStorage so they survive a restart.
import { useCallback, useState } from 'react';

const KEY = 'auditViewer.recentQueries';
const MAX = 20;

function load(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((q): q is string => typeof q === 'string').slice(0, MAX) : [];
  } catch { return []; }
}

export function useRecentQueries() {
  const [recent, setRecent] = useState<string[]>(load);
  const remember = useCallback((q: string) => {
    const text = q.trim();
    if (text === '') return;
    setRecent((list) => {
      const next = [text, ...list.filter((x) => x !== text)].slice(0, MAX);
      try { localStorage.setItem(KEY, JSON.stringify(next)); } catch { /* a nicety only */ }
      return next;
    });
  }, []);
  const clear = useCallback(() => {
    setRecent([]);
    try { localStorage.removeItem(KEY); } catch { /* a nicety only */ }
  }, []);
  return { recent, remember, clear };
}
