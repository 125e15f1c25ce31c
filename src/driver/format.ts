/**
 * Transcript lines for VAs and ops (`../shared/trace-format.md`, "Transcript").
 */
import type { DrmGemObject, DrmGpuva, DrmGpuvaOp, DrmGpuvaOpMap } from '../gpuvm/types.ts';
import { DrmGpuvaOpType } from '../gpuvm/types.ts';
import { hex } from '../u64.ts';
import type { OpLine } from './result.ts';

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
export function vaFieldsOf(va: DrmGpuva): VaFields {
  return { addr: va.va.addr, range: va.va.range, handle: handleOf(va.gem.obj), offset: va.gem.offset };
}

function mapFieldsOf(map: DrmGpuvaOpMap): VaFields {
  return { addr: map.va.addr, range: map.va.range, handle: handleOf(map.gem.obj), offset: map.gem.offset };
}

/** The four fields of a VA, as printed. */
export function formatVa(va: DrmGpuva): string {
  return formatVaFields(va.va.addr, va.va.range, handleOf(va.gem.obj), va.gem.offset);
}

/** A `VA` line; the kernel reserved node is tagged. */
export function formatVaLine(va: DrmGpuva, isKernelNode: boolean): string {
  return `VA ${formatVa(va)}${isKernelNode ? ' kernel' : ''}`;
}

/** What an op prints, as structure; read while the op's VAs are still live. */
export function opLineOf(op: DrmGpuvaOp): OpLine {
  switch (op.op) {
    case DrmGpuvaOpType.MAP:
      return { type: 'MAP', map: mapFieldsOf(op.map) };
    case DrmGpuvaOpType.REMAP: {
      const { prev, next, unmap } = op.remap;
      return { type: 'REMAP', prev: prev ? mapFieldsOf(prev) : null, next: next ? mapFieldsOf(next) : null, unmap: vaFieldsOf(unmap!.va), keep: unmap!.keep };
    }
    case DrmGpuvaOpType.UNMAP:
      return { type: 'UNMAP', unmap: vaFieldsOf(op.unmap!.va), keep: op.unmap!.keep };
    case DrmGpuvaOpType.PREFETCH:
      return { type: 'PREFETCH', va: vaFieldsOf(op.prefetch!.va) };
  }
}

const fields = (va: VaFields): string => formatVaFields(va.addr, va.range, va.handle, va.offset);
const keep = (flag: boolean): string => `keep=${flag ? 1 : 0}`;
const part = (va: VaFields | null): string => (va ? fields(va) : '-');

/** The transcript line of one op. */
export function formatOpLine(op: OpLine): string {
  switch (op.type) {
    case 'MAP':
      return `MAP ${fields(op.map)}`;
    case 'REMAP':
      return `REMAP prev(${part(op.prev)}) next(${part(op.next)}) unmap(${fields(op.unmap)} ${keep(op.keep)})`;
    case 'UNMAP':
      return `UNMAP ${fields(op.unmap)} ${keep(op.keep)}`;
    case 'PREFETCH':
      return `PREFETCH ${fields(op.va)}`;
  }
}
