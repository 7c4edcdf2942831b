// A piece of UI preference (pane widths, time zone) that survives a restart, in localStorage.
import { useEffect, useState } from 'react';

export function usePersistentState<T extends string | number>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      if (raw === null) return initial;
      return (typeof initial === 'number' ? Number(raw) : raw) as T;
    } catch { return initial; }
  });
  useEffect(() => {
    try { localStorage.setItem(key, String(value)); } catch { /* a nicety only */ }
  }, [key, value]);
  return [value, setValue];
}
