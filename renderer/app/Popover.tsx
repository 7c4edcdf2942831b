// A small menu anchored to a button (column chooser, theme, presets): opens on click, closes on
// Escape or a click elsewhere, and says so to assistive tech through aria-expanded.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  onOpenChange(open: boolean): void;
  label: string;
  trigger: ReactNode;
  children: ReactNode;
  align?: 'left' | 'right';
}

export function Popover({ open, onOpenChange, label, trigger, children, align = 'right' }: Props) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => { if (root.current && !root.current.contains(e.target as Node)) onOpenChange(false); };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); onOpenChange(false); } };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => { document.removeEventListener('mousedown', onDown); document.removeEventListener('keydown', onKey, true); };
  }, [open, onOpenChange]);
  return (
    <div className="popover-root" ref={root}>
      <button type="button" className="tool-button" aria-expanded={open} aria-controls={id} aria-label={label} onClick={() => onOpenChange(!open)}>
        {trigger}
      </button>
      {open && <div id={id} className={`popover popover-${align}`} role="group" aria-label={label}>{children}</div>}
    </div>
  );
}
