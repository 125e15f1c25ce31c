/**
 * Split/merge cost against the number of live VAs, on the port alone (no model, no transcript):
 * a VA space of n adjacent VAs is built by direct inserts, then a batch of map/unmap requests
 * each of which splits or merges two to four VAs is timed through the op-list API
 * (`drm_gpuvm_sm_{map,unmap}_ops_create`, apply, free — what the driver does in `mode list`).
 *
 * The requests come in cycles ({@link cycleRequests}) that leave the space exactly as they found
 * it, so every request of a batch meets the same n and the same shapes of split.
 */
import { SEED_ERA } from '../../src/era/era.ts';
import seedrandom from 'seedrandom';
import { isErr } from '../../src/kernel/errPtr.ts';
import { Slab } from '../../src/kernel/slab.ts';
import { applyOp } from '../../src/driver/applyOp.ts';
import { drmGpuvaForEachOp, drmGpuvaOpsFree, drmGpuvmSmMapOpsCreate, drmGpuvmSmUnmapOpsCreate } from '../../src/gpuvm/opsCreate.ts';
import { drmGpuvmForEachVa } from '../../src/gpuvm/iter.ts';
import { DrmGemObject, DrmGpuva, DrmGpuvm } from '../../src/gpuvm/types.ts';
import type { DrmGpuvaOps } from '../../src/gpuvm/types.ts';
import { drmGpuvaInit, drmGpuvaInsert, drmGpuvaLink } from '../../src/gpuvm/va.ts';
import { drmGpuvmInit } from '../../src/gpuvm/vm.ts';
import type { ErrPtr } from '../../src/kernel/errPtr.ts';
import { performance } from 'node:perf_hooks';
import type { ScalingPoint } from './report.ts';

/** Page granule of the scaling space. */
const G = 0x1000n;
/** Every VA is four granules long, VA i at i × SLOT, with offset i × SLOT in its object. */
export const SLOT = 4n * G;
/** VAs are spread over this many GEM objects (handles 1..OBJECTS). */
const OBJECTS = 8;

/** A VA space of `n` adjacent VAs, as {@link buildSpace} makes it. @public */
export interface ScalingSpace {
  readonly gpuvm: DrmGpuvm;
  readonly objects: readonly DrmGemObject[];
  readonly n: number;
  readonly warnings: string[];
}

/** One request of a cycle: map (with object index and offset) or unmap. @public */
export type CycleRequest =
  | { readonly kind: 'map'; readonly addr: bigint; readonly range: bigint; readonly obj: number; readonly offset: bigint }
  | { readonly kind: 'unmap'; readonly addr: bigint; readonly range: bigint };

/** The object (index into `objects`) and offset of VA `i`. */
const home = (i: number): { obj: number; offset: bigint } => ({ obj: i % OBJECTS, offset: BigInt(i) * SLOT });

/**
 * The seven requests of a cycle at VA `i` (which needs a VA `i + 1`), each splitting or merging:
 * 1. map into the middle of VA i (REMAP prev+next, MAP), 2. map VA i's range back over the three
 * parts (UNMAP ×3 with keep on the outer two, MAP), 3. unmap the middle (REMAP prev+next),
 * 4. map the range back (UNMAP ×2 keep, MAP), 5. map across the boundary of VA i and i + 1
 * (REMAP prev, REMAP next, MAP), 6. map VA i back (UNMAP keep, REMAP next of the stranger, MAP),
 * 7. map VA i + 1 back (UNMAP, UNMAP keep, MAP). Afterwards the space is as before.
 * @public
 */
export function cycleRequests(i: number): CycleRequest[] {
  const a = BigInt(i) * SLOT;
  const stranger = (i + 3) % OBJECTS;
  const own = home(i);
  const right = home(i + 1);
  return [
    { kind: 'map', addr: a + G, range: 2n * G, obj: stranger, offset: 0n },
    { kind: 'map', addr: a, range: SLOT, ...own },
    { kind: 'unmap', addr: a + G, range: 2n * G },
    { kind: 'map', addr: a, range: SLOT, ...own },
    { kind: 'map', addr: a + 3n * G, range: 2n * G, obj: stranger, offset: 0n },
    { kind: 'map', addr: a, range: SLOT, ...own },
    { kind: 'map', addr: a + SLOT, range: SLOT, ...right },
  ];
}

/** Builds `n` adjacent VAs by direct inserts (drm_gpuva_insert + link), no ops. @public */
export function buildSpace(n: number): ScalingSpace {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`scaling: need at least 2 VAs, got ${n}`);
  const warnings: string[] = [];
  const gpuvm = new DrmGpuvm({ slab: new Slab(), warn: (m) => warnings.push(m), fixes: new Set<string>(), era: SEED_ERA });
  drmGpuvmInit(gpuvm, 'bench', 0n, BigInt(n) * SLOT, 0n, 0n, null);
  const objects = Array.from({ length: OBJECTS }, (_, h) => new DrmGemObject(h + 1));
  for (let i = 0; i < n; i++) {
    const va = new DrmGpuva();
    const { obj, offset } = home(i);
    drmGpuvaInit(va, BigInt(i) * SLOT, SLOT, objects[obj]!, offset);
    const ret = drmGpuvaInsert(gpuvm, va);
    if (ret !== 0) throw new Error(`scaling: insert ${i} failed with ${ret}`);
    drmGpuvaLink(va);
  }
  return { gpuvm, objects, n, warnings };
}

/** Runs one request through the op-list API and applies its ops; returns how many ops it had. @public */
export function runCycleRequest(space: ScalingSpace, req: CycleRequest): number {
  const gpuvm = space.gpuvm;
  const ops: DrmGpuvaOps | ErrPtr =
    req.kind === 'map'
      ? drmGpuvmSmMapOpsCreate(gpuvm, req.addr, req.range, space.objects[req.obj]!, req.offset)
      : drmGpuvmSmUnmapOpsCreate(gpuvm, req.addr, req.range);
  if (isErr(ops)) throw new Error(`scaling: ${req.kind} at ${req.addr} failed`);
  let count = 0;
  for (const op of drmGpuvaForEachOp(ops)) {
    applyOp(gpuvm, op);
    count++;
  }
  drmGpuvaOpsFree(gpuvm, ops);
  return count;
}

/** `cycles` cycles at random VAs (seeded); returns requests and ops run. @public */
export function runCycles(space: ScalingSpace, cycles: number, seed: string): { requests: number; ops: number } {
  const rng = seedrandom(seed);
  let requests = 0;
  let ops = 0;
  for (let c = 0; c < cycles; c++) {
    const i = Math.floor(rng() * (space.n - 1));
    for (const req of cycleRequests(i)) {
      ops += runCycleRequest(space, req);
      requests++;
    }
  }
  return { requests, ops };
}

/** The VAs of the space as `addr:range:handle:offset` strings, for before/after comparisons. @public */
export function spaceFingerprint(space: ScalingSpace): string[] {
  return [...drmGpuvmForEachVa(space.gpuvm)].map((va) => `${va.va.addr}:${va.va.range}:${va.gem.obj?.handle ?? 0}:${va.gem.offset}`);
}

/** Sizes and batch of the scaling section. @public */
export interface ScalingOptions {
  readonly sizes: readonly number[];
  /** Cycles per timed batch (7 requests each). */
  readonly cycles: number;
  /** Timed batches per size; the median is reported. */
  readonly repeats: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Measures one size: build, warm up, then `repeats` timed batches. @public */
export function measureSize(n: number, options: ScalingOptions): ScalingPoint {
  const t0 = performance.now();
  const space = buildSpace(n);
  const buildMs = performance.now() - t0;
  runCycles(space, Math.max(100, options.cycles >> 2), `warm/${n}`);
  const samples: number[] = [];
  let requests = 0;
  let ops = 0;
  for (let r = 0; r < options.repeats; r++) {
    const start = performance.now();
    const ran = runCycles(space, options.cycles, `batch/${n}/${r}`);
    samples.push(((performance.now() - start) * 1e6) / ran.requests);
    requests += ran.requests;
    ops += ran.ops;
  }
  // The cycles restore the space; a port that lost or gained a VA would make the numbers lie.
  if (space.gpuvm.rb.tree.size !== n) throw new Error(`scaling: ${space.gpuvm.rb.tree.size} VAs after the batches, expected ${n}`);
  if (space.gpuvm.kernel.slab.live !== 0) throw new Error(`scaling: ${space.gpuvm.kernel.slab.live} op allocations leaked`);
  if (space.warnings.length > 0) throw new Error(`scaling: WARN ${space.warnings[0]}`);
  return { liveVas: n, buildMs, requests, nsPerRequest: median(samples), opsPerRequest: ops / requests };
}
