// Files dragged onto the window: never let the browser navigate to them (that would leave the app),
// and hand their names to the import flow. Only names are read — never the files' contents.
// In the desktop app the preload takes the drop first (capture phase, preventDefault) and main
// imports the files, then tells the page to show that import; a drop already taken is not ours.
import { useEffect, useState } from 'react';

export function useFileDrop(onDrop: (names: string[]) => void) {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => { if (hasFiles(e)) { e.preventDefault(); setOver(true); } };
    const leave = (e: DragEvent) => { if (e.relatedTarget === null) setOver(false); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      setOver(false);
      if (e.defaultPrevented) return;
      e.preventDefault();
      onDrop(Array.from(e.dataTransfer?.files ?? []).map((f) => f.name));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onDrop]);
  return over;
}
