/**
 * Transcript lines for VAs and ops (`../shared/trace-format.md`, "Transcript").
 */
import type { DrmGemObject, DrmGpuva, DrmGpuvaOp, DrmGpuvaOpMap } from '../gpuvm/types.ts';
import { DrmGpuvaOpType } from '../gpuvm/types.ts';
import { hex } from '../u64.ts';

/** The four printed fields of a VA or of a map request. @public */
export interface VaFields {
  readonly addr: bigint;
  readonly range: bigint;
  /** GEM handle, 0 = no object. */
  readonly handle: number;
  readonly offset: bigint;
}

/**
 * `<addr> <range> <obj> <offset>`: the four fields of a VA or of a map request.
 * @param handle - the GEM handle, 0 for none
 */
export function formatVaFields(addr: bigint, range: bigint, handle: number, offset: bigint): string {
  return `${hex(addr)} ${hex(range)} ${handle} ${hex(offset)}`;
}

const handleOf = (obj: DrmGemObject | null): number => (obj ? obj.handle : 0);

/** The four fields of a VA. */
export function formatVa(va: DrmGpuva): string {
  return formatVaFields(va.va.addr, va.va.range, handleOf(va.gem.obj), va.gem.offset);
}

/** A `VA` line; the kernel reserved node is tagged. */
export function formatVaLine(va: DrmGpuva, isKernelNode: boolean): string {
  return `VA ${formatVa(va)}${isKernelNode ? ' kernel' : ''}`;
}

function formatOpMap(map: DrmGpuvaOpMap): string {
  return formatVaFields(map.va.addr, map.va.range, handleOf(map.gem.obj), map.gem.offset);
}

const keep = (flag: boolean): string => `keep=${flag ? 1 : 0}`;

/** The transcript line of one op. */
export function formatOp(op: DrmGpuvaOp): string {
  switch (op.op) {
    case DrmGpuvaOpType.MAP:
      return `MAP ${formatOpMap(op.map)}`;
    case DrmGpuvaOpType.REMAP: {
      const { prev, next, unmap } = op.remap;
      const part = (map: DrmGpuvaOpMap | null): string => (map ? formatOpMap(map) : '-');
      return `REMAP prev(${part(prev)}) next(${part(next)}) unmap(${formatVa(unmap!.va)} ${keep(unmap!.keep)})`;
    }
    case DrmGpuvaOpType.UNMAP:
      return `UNMAP ${formatVa(op.unmap!.va)} ${keep(op.unmap!.keep)}`;
    case DrmGpuvaOpType.PREFETCH:
      return `PREFETCH ${formatVa(op.prefetch!.va)}`;
  }
}
