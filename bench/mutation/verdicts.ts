/**
 * The verdict on every mutant that survived `npm run mutation` (or had no coverage): equivalent
 * (no input can tell it from the original, and why), or TO KILL (with the property or test that
 * would kill it). bench/mutation/survivors.ts renders bench/mutation/survivors.md from these and
 * the Stryker JSON report, and refuses to render while a survivor has no verdict.
 *
 * Keys are `file:line:column mutator`, as Stryker reports the mutant's start.
 */

/** A verdict on one surviving mutant. @public */
export interface Verdict {
  readonly kind: 'equivalent' | 'to-kill';
  /** One of the classes below: the shared explanation. */
  readonly why: string;
  /** What is specific to this mutant, if anything. */
  readonly note?: string;
}

const eq = (why: string, note?: string): Verdict => ({ kind: 'equivalent', why, ...(note ? { note } : {}) });

/** The classes of survivors, each explained once in survivors.md. @public */
export const CLASSES = {
  deadElse:
    'Redundant test of a faithful-port branch: the earlier branches of the same if-chain already handled the other cases ' +
    '(`end === reqEnd` broke out before `end < reqEnd` is tested; `addr === reqAddr` and `addr < reqAddr` came before ' +
    '`addr > reqAddr`), so the only inputs on which the mutant would differ (equality, or the excluded side) never reach this ' +
    'test. The seed has the same redundant `if`s; no trace can tell them apart.',
  overwritten: 'The value is overwritten before anything reads it.',
  equalAssign: 'Only changes whether an equal bigint is written over an equal bigint; no observable state differs.',
  earlyExit:
    'Performance only: the augmented-tree propagation (RB_DECLARE_CALLBACKS_MAX) stops early when a recomputed `subtreeLast` ' +
    'is unchanged; without the early exit it recomputes the same values up to the stop node (or skips writing an equal one). ' +
    'Results are identical; only a test counting `compute` calls could tell.',
  searchPrune:
    'Performance only: subtreeSearch prunes a right subtree whose `subtreeLast` is below `start`; without the pruning it walks ' +
    'down that subtree, where no node can satisfy `start <= last(node)` (all are at most `subtreeLast`), and returns null anyway.',
  colourOverwritten:
    '____rb_erase_color Case 1 writes `t` black together with its new parent (C sets parent and colour in one ' +
    '`rb_set_parent_color`). `t` is the red sibling\'s child, so already black, and it becomes the new sibling whose colour ' +
    'Case 2 (set red), Case 3/4 (set black, or set to the old parent\'s colour by __rb_rotate_set_parents) always overwrites ' +
    'before the loop ends.',
  insertLeftInit:
    'Initial value of `left` in IntervalTree.insert: for an empty tree rb_link_node ignores the side (the node becomes the ' +
    'root); for a non-empty tree the descent loop assigns it before use.',
  kernelNodeEmpty:
    'drm_gpuvm_in_kernel_node\'s `krange &&`: with krange 0 the kernel node is always a zeroed node (addr 0: init only sets ' +
    'addr/range when the reserve is non-zero, and the GPUVM-007 fix replaces it by a fresh node), so kend = kstart = 0 and ' +
    '`addr < kend` is already false.',
  unionFree:
    'drm_gpuva_ops_free frees `op.remap.{prev,next,unmap}` of non-REMAP ops too: in the port those fields are always null for ' +
    'MAP/UNMAP/PREFETCH ops (op_map_cb/op_unmap_cb/opsForEach never set them) and kfree(NULL) is a no-op. (In C the payloads ' +
    'share a union, so the same mutant there would free the map/unmap payload: a port-only equivalence.)',
  deadCheck:
    'A checker test that cannot fail: rbCheckLinks has already proved the links form one tree (root without parent, every ' +
    'child linked back, no shared child), so the in-order walk visits exactly `count` nodes. Dead in both directions, ' +
    'message included.',
  blackHeightInit:
    '`blackHeight` is -1 until the first NULL leaf sets it to a depth of at least 1, so `< 0` and `<= 0` never differ.',

} as const;

/** Every surviving or uncovered mutant of the last run, by `file:line:column mutator`. @public */
export const VERDICTS: Readonly<Record<string, Verdict>> = {

  'src/gpuvm/opsCreate.ts:245:9 ConditionalExpression': eq(CLASSES.unionFree),

  'src/gpuvm/range.ts:38:10 ConditionalExpression': eq(CLASSES.kernelNodeEmpty),

  'src/gpuvm/smMap.ts:56:11 EqualityOperator': eq(CLASSES.deadElse, 'addr == req_addr: `end == req_end` broke out above.'),
  'src/gpuvm/smMap.ts:62:11 ConditionalExpression': eq(CLASSES.deadElse, 'addr == req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:62:11 EqualityOperator': eq(CLASSES.deadElse, 'addr == req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:73:16 EqualityOperator': eq(CLASSES.deadElse, 'else of `addr == req_addr`.'),
  'src/gpuvm/smMap.ts:79:46 BooleanLiteral': eq(CLASSES.overwritten, '`u.keep = merge` two lines below, before the op is built.'),
  'src/gpuvm/smMap.ts:90:11 EqualityOperator': eq(CLASSES.deadElse, 'addr < req_addr: `end == req_end` broke out above.'),
  'src/gpuvm/smMap.ts:96:11 ConditionalExpression': eq(CLASSES.deadElse, 'addr < req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:96:11 EqualityOperator': eq(CLASSES.deadElse, 'addr < req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:106:16 ConditionalExpression': eq(CLASSES.deadElse, 'only `addr > req_addr` is left.'),
  'src/gpuvm/smMap.ts:106:16 EqualityOperator': eq(CLASSES.deadElse, 'only `addr > req_addr` is left.'),
  'src/gpuvm/smMap.ts:115:11 EqualityOperator': eq(CLASSES.deadElse, 'addr > req_addr: `end == req_end` broke out above.'),
  'src/gpuvm/smMap.ts:121:11 ConditionalExpression': eq(CLASSES.deadElse, 'addr > req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:121:11 EqualityOperator': eq(CLASSES.deadElse, 'addr > req_addr: only `end > req_end` is left.'),


  'src/kernel/intervalTree.ts:72:24 EqualityOperator': eq(CLASSES.equalAssign),
  'src/kernel/intervalTree.ts:74:25 EqualityOperator': eq(CLASSES.equalAssign),
  'src/kernel/intervalTree.ts:75:7 ConditionalExpression': eq(CLASSES.earlyExit),
  'src/kernel/intervalTree.ts:75:48 BooleanLiteral': eq(CLASSES.earlyExit),
  'src/kernel/intervalTree.ts:139:16 BooleanLiteral': eq(CLASSES.insertLeftInit),
  'src/kernel/intervalTree.ts:144:11 EqualityOperator': eq(CLASSES.equalAssign, 'raising an ancestor\'s subtreeLast to `last` when it already equals `last`.'),
  'src/kernel/intervalTree.ts:190:15 ConditionalExpression': eq(CLASSES.searchPrune),
  'src/kernel/intervalTree.ts:289:11 ConditionalExpression': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:289:34 BooleanLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:289:41 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:297:11 ConditionalExpression': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:297:30 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:297:63 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:297:76 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:304:28 EqualityOperator': eq(CLASSES.equalAssign, 'in checkValid\'s recomputation.'),
  'src/kernel/intervalTree.ts:306:29 EqualityOperator': eq(CLASSES.equalAssign, 'in checkValid\'s recomputation.'),

  'src/kernel/rbtree.ts:113:24 BooleanLiteral': eq(CLASSES.earlyExit, 'propagate calls compute without `exit`.'),
  'src/kernel/rbtree.ts:122:24 BooleanLiteral': eq(CLASSES.earlyExit, 'rotate calls compute with `exit`: it then skips writing a value that is already equal.'),
  'src/kernel/rbtree.ts:348:35 BooleanLiteral': eq(CLASSES.colourOverwritten),
  'src/kernel/rbtree.ts:397:35 BooleanLiteral': eq(CLASSES.colourOverwritten, 'mirror image.'),
  'src/kernel/rbtree.ts:643:13 EqualityOperator': eq(CLASSES.blackHeightInit),
};
