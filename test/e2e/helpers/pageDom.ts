// The little of the DOM that in-page callbacks (page.evaluate / waitForFunction) touch, typed for the
// Node-side typecheck, which has no DOM lib (adding it globally would hide DOM use in engine code).
// Each file that needs it writes `declare const document: PageDocument;` at module scope.
export interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  className: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number; height: number; width: number };
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
  tagName: string;
}

export interface PageDocument extends PageElement {
  activeElement: PageElement | null;
  documentElement: PageElement & { dataset: Record<string, string | undefined> };
}
