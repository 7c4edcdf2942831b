// Keys that work anywhere in the workspace: `/` jumps to the search box, Esc closes the detail pane.
// Both stand down while the person is typing in a field or a dialog is open.
import { useEffect, useRef } from 'react';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export function useGlobalKeys(handlers: { focusSearch(): void; closeDetail(): void }) {
  const h = useRef(handlers);
  h.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === '/' && !typingIn(e.target)) { e.preventDefault(); h.current.focusSearch(); }
      else if (e.key === 'Escape' && !typingIn(e.target)) { h.current.closeDetail(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
