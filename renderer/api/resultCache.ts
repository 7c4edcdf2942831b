// Recent answers of the heavier read calls (counts, facets, histograms), kept per case state so
// going back to a previous search — the most common move while refining one — repaints from memory
// instead of recounting a million events. Bounded; the least recently used answers go first. An
// import changes the `refresh` part of every key, so nothing stale is ever served.
export class ResultCache {
  private readonly entries = new Map<string, unknown>();
  private readonly max: number;

  constructor(max = 120) {
    this.max = max;
  }

  get(key: string): unknown {
    if (!this.entries.has(key)) return undefined;
    const v = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  set(key: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
