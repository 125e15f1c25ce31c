/**
 * The ops the model expects a request to produce, their transcript text, and how the driver
 * applies them (docs/driver-semantics.md, "Applying an op", which follows the seed's
 * "DOC: Examples" (1)).
 */
import type { VaFields } from '../src/driver/format.ts';
import { formatOpLine, formatVaFields } from '../src/driver/format.ts';
import type { OpLine } from '../src/driver/result.ts';
import type { ByteModel, VaRecord } from './byteModel.ts';

export type { VaFields } from '../src/driver/format.ts';

/**
 * One expected op: an OpLine whose `unmap`/`va` is the model's record of the VA the op is about,
 * so it compares with what a backend printed as it is. @public
 */
export type ModelOp =
  | { readonly type: 'MAP'; readonly map: VaFields }
  | {
      readonly type: 'REMAP';
      readonly prev: VaFields | null;
      readonly next: VaFields | null;
      readonly unmap: VaRecord;
      readonly keep: boolean;
    }
  | { readonly type: 'UNMAP'; readonly unmap: VaRecord; readonly keep: boolean }
  | { readonly type: 'PREFETCH'; readonly va: VaRecord };

/**
 * The printed fields of a VA. At module level: a closure declared inside a function that runs
 * for every op costs a name-setting call per run under tsx (it keeps names).
 */
const fields = (va: VaFields): VaFields => ({ addr: va.addr, range: va.range, handle: va.handle, offset: va.offset });

/** What an op prints, as structure (the fields only: no ids, no kernel flag). @public */
export function opLineOfModelOp(op: ModelOp): OpLine {
  switch (op.type) {
    case 'MAP':
      return { type: 'MAP', map: fields(op.map) };
    case 'REMAP':
      return { type: 'REMAP', prev: op.prev && fields(op.prev), next: op.next && fields(op.next), unmap: fields(op.unmap), keep: op.keep };
    case 'UNMAP':
      return { type: 'UNMAP', unmap: fields(op.unmap), keep: op.keep };
    case 'PREFETCH':
      return { type: 'PREFETCH', va: fields(op.va) };
  }
}

/** The transcript line of an op, as trace-format.md spells it. @public */
export function formatModelOp(op: ModelOp): string {
  return formatOpLine(opLineOfModelOp(op));
}

/** A `VA` line; the kernel reserved node is tagged. @public */
export function formatModelVaLine(va: VaRecord): string {
  return `VA ${formatVaFields(va.addr, va.range, va.handle, va.offset)}${va.kernel ? ' kernel' : ''}`;
}

/**
 * Applies ops in order, as the driver does:
 * - MAP: a new VA is created and linked;
 * - REMAP: the old VA is removed and unlinked, then prev (if any), then next (if any) are created
 *   and linked, each a new VA;
 * - UNMAP: the VA is unlinked and removed;
 * - PREFETCH: nothing.
 * GEM list order is the order of the link calls (driver-semantics.md), so the pieces and the new
 * mapping are appended in op order.
 * @public
 */
export function applyModelOps(model: ByteModel, ops: readonly ModelOp[]): void {
  for (const op of ops) {
    switch (op.type) {
      case 'MAP':
        model.createVa(op.map.addr, op.map.range, op.map.handle, op.map.offset);
        break;
      case 'REMAP':
        model.removeVa(op.unmap.id);
        if (op.prev) model.createVa(op.prev.addr, op.prev.range, op.prev.handle, op.prev.offset);
        if (op.next) model.createVa(op.next.addr, op.next.range, op.next.handle, op.next.offset);
        break;
      case 'UNMAP':
        model.removeVa(op.unmap.id);
        break;
      case 'PREFETCH':
        break;
    }
  }
}
