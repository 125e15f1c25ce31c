/**
 * What a request means, per the DOCUMENTED contract of `../shared/seed/drm_gpuvm.c` ("DOC:
 * Overview", "DOC: Split and Merge" with its 15 cases, the kernel-doc of each exported function),
 * read with unbounded math. Where the documentation is silent, the plain meaning of its words is
 * used and the choice is recorded in a comment starting with `CONTRACT:`.
 *
 * Everything here reads a ByteModel and returns a verdict or a list of ops; nothing mutates it.
 */
import type { ByteModel, VaRecord } from './byteModel.ts';
import type { ModelOp, VaFields } from './ops.ts';

/** 2^64: one past the largest u64, the end of the largest possible window. @public */
export const ADDRESS_LIMIT = 1n << 64n;

/**
 * True when `[addr, addr + range)` is a range a mapping may occupy: non-empty, inside the window,
 * not touching the kernel reserved node.
 *
 * CONTRACT: a mapping of zero bytes is not a mapping, so `range = 0` is invalid.
 * CONTRACT: the window `[start, start + range)` given to drm_gpuvm_init bounds every mapping
 * ("manages the GPU VA space"), and the portion "reserved by the kernel" is not available.
 * @public
 */
export function isValidRange(model: ByteModel, addr: bigint, range: bigint): boolean {
  if (range === 0n) return false;
  const end = addr + range; // unbounded: a range running past 2^64 simply ends past the window
  if (addr < model.start || end > model.end) return false;
  // CONTRACT: the exclusive end must itself be a u64: the seed documents its limit in the WARN
  // "GPUVA address limited to 8 bytes" (drm_gpuvm_check_overflow), so [a, 2^64) is not mappable.
  if (end > ADDRESS_LIMIT - 1n) return false;
  const k = model.kernelNode;
  if (k && addr < k.addr + k.range && k.addr < end) return false;
  return true;
}

/**
 * The `keep` flag of an op that unmaps `va` for the map request `req`: "whether the drm_gpuva to
 * unmap is physically contiguous with the original mapping request".
 *
 * CONTRACT: "physically contiguous" means every byte the VA shares with the request maps the same
 * object at the same object offset, i.e. `va.handle === req.handle` and
 * `va.offset + (x - va.addr) === req.offset + (x - req.addr)`; both sides are linear in x, so
 * `va.offset - va.addr === req.offset - req.addr` decides it for all shared bytes at once.
 * CONTRACT: a VA without an object (handle 0) has no physical backing to keep: keep = 0 even when
 * the request has no object either.
 * @public
 */
export function keepFlag(va: VaRecord, req: VaFields): boolean {
  return va.handle !== 0 && va.handle === req.handle && va.offset - va.addr === req.offset - req.addr;
}

/**
 * The ops of `map` (when `req` is given) or `unmap` (when it is null) over the valid range
 * `[addr, addr + range)`, in order: for every existing VA that intersects the range, in ascending
 * address order, an UNMAP if it lies entirely inside the range, else a REMAP that keeps the part
 * before `addr` (prev: same object, same offset) and the part from `addr + range` on (next: same
 * object, offset advanced by the bytes cut off); then, for `map`, exactly one MAP of the request.
 *
 * CONTRACT: the order of the unmap/remap ops is ascending address, the order in which "DOC: Split
 * and Merge" draws them ("one at the beginning and one at the end of the new mapping").
 * CONTRACT: case 1 ("Replace it, but indicate the backing PTEs could be kept") wins over "no
 * callback at all if the requested mapping already exists in the exact same way": an identical
 * request yields UNMAP keep=1 and MAP.
 * CONTRACT: an unmap request has no mapping to be contiguous with, so its keep flags are 0.
 * @public
 */
export function splitOps(model: ByteModel, addr: bigint, range: bigint, req: VaFields | null): ModelOp[] {
  const end = addr + range;
  const ops: ModelOp[] = [];
  for (const va of model.intersecting(addr, end)) {
    const vaEnd = va.addr + va.range;
    const keep = req !== null && keepFlag(va, req);
    if (va.addr >= addr && vaEnd <= end) {
      ops.push({ type: 'UNMAP', unmap: va, keep });
      continue;
    }
    const prev: VaFields | null =
      va.addr < addr ? { addr: va.addr, range: addr - va.addr, handle: va.handle, offset: va.offset } : null;
    const next: VaFields | null =
      vaEnd > end
        ? { addr: end, range: vaEnd - end, handle: va.handle, offset: va.offset + (end - va.addr) }
        : null;
    ops.push({ type: 'REMAP', prev, next, unmap: va, keep });
  }
  if (req) ops.push({ type: 'MAP', map: req });
  return ops;
}

/**
 * The ops of `prefetch a r`: one PREFETCH per VA intersecting `[a, min(a + r, 2^64))`, in ascending
 * address order; none for `r = 0`.
 *
 * CONTRACT: the iteration "of the mappings to prefetch" covers every VA of the range, the kernel
 * reserved node included (the doc does not exclude it).
 * CONTRACT: a range running past 2^64 is cut at 2^64; prefetch has no invalid ranges.
 * @public
 */
export function prefetchOps(model: ByteModel, addr: bigint, range: bigint): ModelOp[] {
  const end = addr + range < ADDRESS_LIMIT ? addr + range : ADDRESS_LIMIT;
  return model.intersecting(addr, end).map((va) => ({ type: 'PREFETCH', va }));
}

/**
 * The ops of `gem_unmap obj`: "unmapping for every GPUVA attached to a GEM", one UNMAP keep=0 per
 * VA of the object's list, in list order.
 * @public
 */
export function gemUnmapOps(model: ByteModel, handle: number): ModelOp[] {
  return model.gemList(handle).map((va) => ({ type: 'UNMAP', unmap: va, keep: false }));
}

/**
 * drm_gpuva_find: "the drm_gpuva at a given addr and with a given range", kernel node included.
 * @public
 */
export function findExact(model: ByteModel, addr: bigint, range: bigint): VaRecord | null {
  if (range === 0n) return null;
  const va = model.intersecting(addr, addr + 1n)[0];
  return va && va.addr === addr && va.range === range ? va : null;
}

/**
 * drm_gpuva_find_first: "the first drm_gpuva within the given range".
 * CONTRACT: "within" means "having a byte in" `[addr, addr + range)` (as the "iterates the given
 * range" of sm_map); "first" is the lowest address; an empty range holds nothing.
 * CONTRACT: a range running past 2^64 is cut at 2^64, as for prefetch: lookups have no invalid
 * ranges. drm_gpuvm_interval_empty ("find_first finds nothing") follows.
 * @public
 */
export function findFirst(model: ByteModel, addr: bigint, range: bigint): VaRecord | null {
  return model.intersecting(addr, addr + range)[0] ?? null;
}

/**
 * drm_gpuva_find_prev: "the adjacent drm_gpuva before the GPU VA with given start address ... if
 * there is any free space between the GPU VA mappings no mapping is returned".
 * CONTRACT: the VA whose last byte is `start - 1`; no VA needs to begin at `start`.
 * CONTRACT: the kernel reserved node is not a "GPU VA mapping", so it is never returned.
 * @public
 */
export function findPrev(model: ByteModel, start: bigint): VaRecord | null {
  if (start === 0n || !model.inWindow(start - 1n)) return null;
  const id = model.ownerAt(start - 1n);
  if (id === 0) return null;
  const va = model.va(id);
  return !va.kernel && va.addr + va.range === start ? va : null;
}

/**
 * drm_gpuva_find_next: "the adjacent drm_gpuva after the GPU VA with given end address".
 * CONTRACT: the VA whose first byte is `end`; the kernel reserved node is never returned.
 * @public
 */
export function findNext(model: ByteModel, end: bigint): VaRecord | null {
  if (!model.inWindow(end)) return null;
  const id = model.ownerAt(end);
  if (id === 0) return null;
  const va = model.va(id);
  return !va.kernel && va.addr === end ? va : null;
}

/**
 * The ops of `madvise a r` (v6.18, drm_gpuvm_madvise_ops_create and "DOC: Madvise Logic -
 * Splitting and Traversal") over the valid range `[a, a + r)`: "splitting of existent mapping(s)
 * at start or end" with "no unmap operations" and no merging. For every VA that sticks out of the
 * range, in ascending address order, a REMAP keeping the parts outside the range (as for `unmap`,
 * keep = 0), directly followed by a MAP of its part inside the range, without an object; VAs
 * inside the range, and free bytes, get nothing. So at most two REMAPs and two MAPs, and no byte
 * changes what backs it: a split VA without an object stays without one.
 *
 * CONTRACT: the documentation does not say which mappings madvise may split; every source that
 * has it skips the VAs that have an object (`if (madvise && obj) continue;`), and only a VA
 * without an object can be cut and re-mapped without an object while no byte changes its
 * backing, so only those are split. docs/eras.md keeps this as an open question for the doc.
 * CONTRACT: "one from start to the end of drm_gpuvaX, and another from the start of drm_gpuvaY to
 * end": each MAP is exactly the split VA's part inside the range, placed right after its REMAP
 * (the order of "remap1 map1 ... map2 remap2" reads left to right per VA).
 * CONTRACT: a mapping without an object has no object offset: its MAP carries offset 0.
 * @public
 */
export function madviseOps(model: ByteModel, addr: bigint, range: bigint): ModelOp[] {
  const end = addr + range;
  const ops: ModelOp[] = [];
  for (const op of splitOps(model, addr, range, null)) {
    if (op.type !== 'REMAP' || op.unmap.handle !== 0) continue;
    const va = op.unmap;
    const from = va.addr > addr ? va.addr : addr;
    const to = va.addr + va.range < end ? va.addr + va.range : end;
    ops.push(op, { type: 'MAP', map: { addr: from, range: to - from, handle: 0, offset: 0n } });
  }
  return ops;
}
