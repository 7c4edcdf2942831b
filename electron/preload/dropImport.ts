// Files dropped on the window are imported into the open case. The preload (not the page) reads
// the dropped files' real paths — a page script cannot forge a File with a disk path — and hands
// them to main on a channel the page cannot reach. The page still sees the drop (to show feedback).
// Minimal structural DOM types: this file typechecks under the Node config.

interface FileList { readonly length: number; item(i: number): unknown }
interface DragEventLike { dataTransfer: { files: FileList; types: readonly string[] } | null; preventDefault(): void }
interface EventTargetLike { addEventListener(type: string, listener: (e: DragEventLike) => void, capture?: boolean): void }

export function installDropImport(target: EventTargetLike, pathOf: (file: unknown) => string, send: (paths: string[]) => void): void {
  const hasFiles = (e: DragEventLike) => e.dataTransfer !== null && Array.from(e.dataTransfer.types).includes('Files');
  target.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); }, true);
  target.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    const files = e.dataTransfer!.files;
    const paths: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const p = pathOf(files.item(i));
      if (p) paths.push(p); // '' for files that are not on disk (made by a script)
    }
    if (paths.length > 0) send(paths);
  }, true);
}
