/**
 * One request's outcome on the system under test and on the model, in the shape the invariants
 * read.
 */
import type { Request } from '../../src/trace/request.ts';
import type { RequestResult, VaFields } from '../opLines.ts';

/** A VA as both sides report it. @public */
export interface StateVa extends VaFields {
  readonly kernel: boolean;
}

/** The VA space as seen after (or before) a request: list order, and each object's list. @public */
export interface SpaceState {
  readonly vas: readonly StateVa[];
  readonly gem: ReadonlyMap<number, readonly StateVa[]>;
}

/** Everything the invariants compare for one request. @public */
export interface Step {
  readonly request: Request;
  readonly actual: RequestResult;
  readonly expected: RequestResult;
  /**
   * The port's state before the request; null when it was not taken: on steps without a full
   * check, and for requests the model expects to succeed (if the port fails one, `validity`
   * breaks first).
   */
  readonly before: SpaceState | null;
  readonly after: SpaceState;
  readonly modelAfter: SpaceState;
  /** Library allocations still live after the request (vm_bos apart). */
  readonly liveAllocations: number;
  /** vm_bos still live after the request (always 0 before v6.8). */
  readonly liveVmBos: number;
  /** vm_bos the model expects live: one per object with VAs from v6.8, else 0. */
  readonly expectedVmBos: number;
}
