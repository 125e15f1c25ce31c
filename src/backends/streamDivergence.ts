/**
 * The first divergence of two transcripts that arrive in batches of lines, found while they
 * arrive: only the current batches and a few lines of context are held, and the comparison
 * stops at the first difference (the two sources are then closed, which stops their backends).
 */
import type { Divergence } from './transcript.ts';
import { comparableLine } from './transcript.ts';

/** A divergence with the lines of agreement just before it. @public */
export interface StreamDivergence {
  readonly divergence: Divergence;
  /** Up to `contextLines` lines before the divergent one (the same on both sides). */
  readonly context: readonly string[];
}

class Batches {
  private lines: readonly string[] = [];
  private pos = 0;
  private done = false;

  constructor(private readonly source: AsyncIterator<readonly string[]>) {}

  /** Ensures a line is buffered unless the source is exhausted; false at its end. */
  async fill(): Promise<boolean> {
    while (this.pos >= this.lines.length && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else {
        this.lines = next.value;
        this.pos = 0;
      }
    }
    return this.pos < this.lines.length;
  }

  get buffered(): number {
    return this.lines.length - this.pos;
  }

  take(): string {
    return this.lines[this.pos++]!;
  }

  peek(): string | undefined {
    return this.lines[this.pos];
  }

  async close(): Promise<void> {
    await this.source.return?.();
  }
}

/**
 * Compares `left` and `right` line by line as the trace format defines agreement.
 * @returns the first divergence and its context, or null when the transcripts agree
 * @public
 */
export async function firstStreamDivergence(
  left: AsyncIterable<readonly string[]>,
  right: AsyncIterable<readonly string[]>,
  contextLines: number,
): Promise<StreamDivergence | null> {
  const a = new Batches(left[Symbol.asyncIterator]());
  const b = new Batches(right[Symbol.asyncIterator]());
  const context: string[] = [];
  let index = 0;
  try {
    for (;;) {
      const [hasA, hasB] = await Promise.all([a.fill(), b.fill()]);
      if (!hasA && !hasB) return null;
      if (!hasA || !hasB) return { divergence: { index, left: a.peek(), right: b.peek() }, context };
      for (let n = Math.min(a.buffered, b.buffered); n > 0; n--, index++) {
        const x = a.take();
        const y = b.take();
        if (comparableLine(x) !== comparableLine(y)) return { divergence: { index, left: x, right: y }, context };
        context.push(x);
        if (context.length > contextLines) context.shift();
      }
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}
