/**
 * A few integers shared between the campaign and one worker (a SharedArrayBuffer): the worker
 * writes how far its job or minimization has got and how big its heap is, the campaign sets the
 * stop flag. Read without messages, so a worker busy in a synchronous loop, or stuck in one, is
 * still seen, and stopped between two predicate calls or a thousand walk requests.
 */

const SLOTS = ['stop', 'requests', 'sequence', 'heapMb', 'tests', 'best'] as const;

/** One of the shared integers. @public */
export type SignalSlot = (typeof SLOTS)[number];

/** The shared integers of one worker. @public */
export class WorkerSignals {
  readonly view: Int32Array;

  /** @param buffer - a buffer from `WorkerSignals.create().view.buffer`, or none for a new one */
  constructor(buffer?: SharedArrayBuffer) {
    this.view = new Int32Array(buffer ?? new SharedArrayBuffer(SLOTS.length * 4));
  }

  get(slot: SignalSlot): number {
    return Atomics.load(this.view, SLOTS.indexOf(slot));
  }

  set(slot: SignalSlot, value: number): void {
    Atomics.store(this.view, SLOTS.indexOf(slot), Math.min(0x7fffffff, Math.round(value)));
  }

  /** Clears the progress slots (not the stop flag) for the next piece of work. */
  reset(): void {
    for (const slot of ['requests', 'sequence', 'tests', 'best'] as const) this.set(slot, 0);
  }
}
