// A modal dialog on the native <dialog> element: focus is trapped and restored by the browser,
// Escape closes it, and it is a `dialog` named by its title for assistive tech and tests.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}

export function Dialog({ title, open, onClose, children, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const openNow = useRef(open);
  openNow.current = open;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  // The native `close` event also follows our own close() — e.g. when another dialog replaces this
  // one (a menu command opening Export over Import) — and arrives a task later; calling onClose
  // then would close the dialog that replaced it. Only a close the parent did not ask for counts.
  const closed = () => { if (openNow.current) onClose(); };
  return (
    <dialog ref={ref} className={`dialog${wide ? ' dialog-wide' : ''}`} aria-label={title} onClose={closed} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      {open && (
        <>
          <header className="dialog-head">
            <h2>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>✕</button>
          </header>
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
