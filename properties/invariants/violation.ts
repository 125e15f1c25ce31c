/**
 * The error every invariant throws: it names the invariant, so a shrunk counterexample says
 * which promise broke, not just that two strings differ.
 */

/** A broken invariant. `invariant` is the name users see in reports and findings. @public */
export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
  constructor(
    readonly invariant: string,
    readonly detail: string,
  ) {
    super(`${invariant}: ${detail}`);
  }
}

/** Throws an InvariantViolation of `invariant` unless `fact` holds. */
export function expectInvariant(invariant: string, fact: boolean, detail: () => string): asserts fact {
  if (!fact) throw new InvariantViolation(invariant, detail());
}
