/**
 * Counting live VAs from what requests print, without asking either side for its state (which
 * is O(VAs) and would make every request of a long walk cost as much as a `dump`).
 */
import type { RequestResult } from '../../../properties/opLines.ts';
import type { Request } from '../../../src/trace/request.ts';

/**
 * Follows the number of VAs in the VA space, the kernel reserved node not counted, from each
 * request and its printed result: MAP adds one, UNMAP removes one, REMAP replaces one by its
 * prev and next parts, a successful `insert` adds one and a successful `remove` of anything but
 * the reserved node removes one; `init` and `fini` start from zero.
 *
 * Ops are counted whatever the status: in `mode list` a failed request prints none, and in
 * `mode cb` the ops printed before a failure were applied. Exact for traces in the model's domain
 * (no fault injection); a crash leaves the count where it was.
 * @internal
 */
export class LiveVaCounter {
  /** VAs live after the last request seen. */
  live = 0;
  /** The most VAs live after any request seen. */
  max = 0;
  private reserve: readonly [bigint, bigint] | null = null;

  /** Accounts for one request; returns the new count. */
  see(request: Request, result: RequestResult): number {
    switch (request.kind) {
      case 'init': {
        const [, , offset, range] = request.args;
        this.live = 0;
        this.reserve = range > 0n ? [offset, range] : null;
        break;
      }
      case 'fini':
        this.live = 0;
        break;
      case 'map':
      case 'unmap':
      case 'gem_unmap':
        for (const op of result.ops) {
          if (op.type === 'MAP') this.live++;
          else if (op.type === 'UNMAP') this.live--;
          else if (op.type === 'REMAP') this.live += (op.prev ? 1 : 0) + (op.next ? 1 : 0) - 1;
        }
        break;
      case 'insert':
        if (result.status === 0) this.live++;
        break;
      case 'remove': {
        // The reserved node stays where it is (drm_gpuva_remove only WARNs), yet the request is OK.
        const [addr, range] = request.args;
        const kernel = this.reserve !== null && this.reserve[0] === addr && this.reserve[1] === range;
        if (result.status === 0 && !kernel) this.live--;
        break;
      }
      default:
        break;
    }
    if (this.live > this.max) this.max = this.live;
    return this.live;
  }
}
