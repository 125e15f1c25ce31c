/**
 * The model's expected result of a request in the shape the invariants read: exactly what
 * parseRequestResult returns for the model's own transcript lines, built without printing and
 * parsing them back (the checked loop does this for every request).
 */
import type { ModelResult } from '../model/modelDriver.ts';
import type { ModelOp } from '../model/ops.ts';
import type { OpLine, RequestResult, VaFields } from './opLines.ts';

const fieldsOf = (va: VaFields): VaFields => ({ addr: va.addr, range: va.range, handle: va.handle, offset: va.offset });
const partOf = (va: VaFields | null): VaFields | null => (va ? fieldsOf(va) : null);

function opLineOf(op: ModelOp): OpLine {
  switch (op.kind) {
    case 'MAP':
      return { type: 'MAP', map: fieldsOf(op.map) };
    case 'REMAP':
      return { type: 'REMAP', prev: partOf(op.prev), next: partOf(op.next), unmap: fieldsOf(op.unmap), keep: op.keep };
    case 'UNMAP':
      return { type: 'UNMAP', unmap: fieldsOf(op.unmap), keep: op.keep };
    case 'PREFETCH':
      return { type: 'PREFETCH', va: fieldsOf(op.va) };
  }
}

/**
 * `parseRequestResult(formatModelResult(result))`, computed directly.
 * @public
 */
export function requestResultOf(result: ModelResult): RequestResult {
  return { ops: result.ops.map(opLineOf), status: result.status, results: [...result.results], crashed: false };
}
