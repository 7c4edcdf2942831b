// Rows first, on the wire too. The engine answers from a small pool of query workers (two today); if
// facets and the histogram — each up to seconds on a big case — took them all, the page of rows the
// person is waiting for would queue behind them. So background panels send their calls through this
// queue: one at a time (a worker always stays free for rows), newest first, and a call whose answer
// nobody wants any more (the query changed while it waited) is dropped before it is sent.
interface Waiting {
  run(): Promise<void>;
  stale(): boolean;
  drop(): void;
}

export class BackgroundQueue {
  private readonly waiting: Waiting[] = [];
  private busy = 0;
  private readonly limit: number;

  constructor(limit = 1) {
    this.limit = limit;
  }

  /** Runs `task` when a slot is free, or resolves with `dropped` if by then `stale()` says it is unwanted. */
  schedule<T>(task: () => Promise<T>, stale: () => boolean, dropped: T): Promise<T> {
    return new Promise<T>((resolve) => {
      this.waiting.unshift({
        stale,
        drop: () => resolve(dropped),
        run: () => task().then(resolve, () => resolve(dropped)),
      });
      this.pump();
    });
  }

  private pump(): void {
    while (this.busy < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      if (next.stale()) { next.drop(); continue; }
      this.busy++;
      void next.run().finally(() => { this.busy--; this.pump(); });
    }
  }
}
