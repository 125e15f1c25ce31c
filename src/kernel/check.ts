/**
 * The one assertion used by the invariant checkers (`checkValid` and friends).
 *
 * A checker is only useful if its failure says where the structure broke, so the message is built
 * from caller-supplied context, and only when the check fails: the arguments are cheap values
 * (strings, bigints, numbers), never pre-formatted strings, so a passing check costs one branch.
 * In loops over every node or entry the test goes first, `if (red) check(false, 'red node at',
 * describe(node))`: there even passing the context costs (the rest array, a description built
 * for nothing), and checkers run on every node of every full check.
 */

/**
 * Throws an `Error` whose message is `context` joined with spaces, unless `fact` holds.
 *
 * Strings are used verbatim, bigints are printed in decimal followed by their `0x` hex form (the
 * kernel prints addresses in hex, tests usually write them in decimal), everything else through
 * `String`.
 *
 * @example check(!isRed(child), 'red node with red child at start', start)
 * @public
 */
export function check(fact: boolean, ...context: unknown[]): asserts fact {
  if (!fact) throw new Error(context.length === 0 ? 'check failed' : context.map(format).join(' '));
}

function format(value: unknown): string {
  if (typeof value === 'bigint') return `${value} (0x${value.toString(16)})`;
  return String(value);
}
