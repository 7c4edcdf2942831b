// A draggable divider between two panes (the facet sidebar, the detail pane). Keyboard-operable as a
// focusable separator: ←/→ move it by 16 px.
import { useRef, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';

interface Props {
  label: string;
  /** Current width of the pane the splitter sizes. */
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right grows the pane (pane on the left), -1 when it shrinks it (pane on the right). */
  direction: 1 | -1;
  onChange(width: number): void;
}

export function Splitter({ label, value, min, max, direction, onChange }: Props) {
  const drag = useRef<{ x: number; w: number } | null>(null);
  const clamp = (w: number) => Math.max(min, Math.min(max, Math.round(w)));
  const down = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, w: value };
  };
  const move = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current) onChange(clamp(drag.current.w + direction * (e.clientX - drag.current.x)));
  };
  const up = () => { drag.current = null; };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') { e.preventDefault(); onChange(clamp(value - 16 * direction)); }
    if (e.key === 'ArrowRight') { e.preventDefault(); onChange(clamp(value + 16 * direction)); }
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      onKeyDown={key}
    />
  );
}
