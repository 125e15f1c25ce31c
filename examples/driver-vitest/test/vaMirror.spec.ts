import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { expectedSteps, sequences } from 'gpuvm-check';
import type { GeneratedSequence, ModelVa, RequestKind } from 'gpuvm-check';
import type { Mapping } from '../src/vaMirror.ts';
import { VaMirror } from '../src/vaMirror.ts';

/** Requests whose effect reaches the driver as ops; the others (init, fini, insert, remove) are its own calls. */
const BY_OPS: ReadonlySet<RequestKind> = new Set(['map', 'unmap', 'gem_unmap', 'madvise', 'prefetch']);

/** The model's VAs as the mirror holds them: the kernel's reserved node is not a mapping. */
const mappings = (vas: readonly ModelVa[]): Mapping[] =>
  vas.filter((va) => !va.kernel).map(({ addr, range, handle, offset }) => ({ addr, range, handle, offset }));

/** Drives a mirror through a generated sequence; after every request it must hold what the model holds. */
function followsTheContract(mirrorOf: (initial: Mapping[]) => VaMirror, sequence: GeneratedSequence): void {
  let mirror = mirrorOf([]);
  for (const { request, expected, after } of expectedSteps(sequence)) {
    if (BY_OPS.has(request.kind)) mirror.apply(expected.ops);
    else mirror = mirrorOf(mappings(after));
    expect(mirror.mappings()).toEqual(mappings(after));
  }
}

test.prop([sequences(40)])('the mirror holds what the contract says after every request', (sequence) => {
  followsTheContract((initial) => new VaMirror(initial), sequence);
});

/** A mirror that forgets the piece after the hole a remap makes. */
class DropsNext extends VaMirror {
  protected override remap(unmap: Mapping, prev: Mapping | null): void {
    super.remap(unmap, prev, null);
  }
}

test('a mirror that drops the next piece of a remap is caught, and shrunk', () => {
  const result = fc.check(
    fc.property(sequences(40), (sequence) => followsTheContract((initial) => new DropsNext(initial), sequence)),
    { seed: 42 },
  );
  expect(result.failed).toBe(true);
  // Shrinking leaves little more than the map and the split that shows the bug.
  const [shrunk] = result.counterexample as [GeneratedSequence];
  expect(shrunk.steps.length).toBeLessThanOrEqual(3);
});
