/**
 * The byte table of the naive model: for every address of a window, the id of the VA covering it
 * (0 = free). It is allocated a page at a time, on the first write to the page, so that a huge
 * window costs only the pages its VAs touch; an unwritten page reads as free. The bulk methods
 * still visit one entry at a time, in plain loops over each page.
 */

const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;
const IN_PAGE = PAGE - 1;

/** One VA id per window index. @public */
export class ByteTable {
  private readonly pages: (Uint32Array | undefined)[];

  /** @param length - entries, i.e. addresses of the window */
  constructor(readonly length: number) {
    this.pages = new Array<Uint32Array | undefined>(Math.ceil(length / PAGE));
  }

  /** The id at window index `i` (0 = free). */
  get(i: number): number {
    return this.pages[i >>> PAGE_BITS]?.[i & IN_PAGE] ?? 0;
  }

  /**
   * Replaces `expected` by `id` in every entry of `[from, to)`, one at a time, up to the first
   * entry that does not hold `expected`.
   * @returns that entry's index, or -1 when every entry held `expected`
   */
  replace(from: number, to: number, expected: number, id: number): number {
    for (let i = from; i < to; ) {
      const end = Math.min(to, (i | IN_PAGE) + 1);
      const page = expected === 0 ? this.page(i) : this.pages[i >>> PAGE_BITS];
      if (page === undefined) return i; // never written: every entry is 0, not `expected`
      for (; i < end; i++) {
        if (page[i & IN_PAGE] !== expected) return i;
        page[i & IN_PAGE] = id;
      }
    }
    return -1;
  }

  /** Calls `onRun` with the id of every run of equal non-zero entries in `[from, to)`, in order. */
  runs(from: number, to: number, onRun: (id: number) => void): void {
    let previous = 0;
    for (let i = from; i < to; ) {
      const end = Math.min(to, (i | IN_PAGE) + 1);
      const page = this.pages[i >>> PAGE_BITS];
      if (page === undefined) {
        previous = 0;
        i = end;
        continue;
      }
      for (; i < end; i++) {
        const id = page[i & IN_PAGE]!;
        if (id !== 0 && id !== previous) onRun(id);
        previous = id;
      }
    }
  }

  /** Every non-zero entry as [index, id], in index order; unwritten pages are skipped whole. */
  *owned(): Generator<[number, number]> {
    for (const [p, page] of this.pages.entries()) {
      if (page === undefined) continue;
      for (let j = 0; j < PAGE; j++) if (page[j] !== 0) yield [(p << PAGE_BITS) + j, page[j]!];
    }
  }

  private page(i: number): Uint32Array {
    return (this.pages[i >>> PAGE_BITS] ??= new Uint32Array(PAGE));
  }
}
