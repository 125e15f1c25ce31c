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
const kill = (why: string, note?: string): Verdict => ({ kind: 'to-kill', why, ...(note ? { note } : {}) });

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
  swallowedCallbackError:
    'A split/merge step callback\'s error is ignored and the walk goes on. Only `mode list` callbacks can fail (the driver\'s ' +
    '`mode cb` steps always return 0): with `fail_alloc` hitting that op\'s allocation the request then prints OK with an op ' +
    'missing (or a REMAP without its prev part) and applies the incomplete list. The fault-injection property ' +
    '(properties/faultInjection.ts) checks only requests that answer -ENOMEM: an armed injection that ends in anything else ' +
    'is taken as "the request needed fewer allocations", disarmed and never compared. TO KILL with a stronger ' +
    'fault-injection property: run a twin driver without the injections; a request that does not fail with -ENOMEM must print ' +
    'exactly what the twin prints for it (and the states must then agree). The C differential ' +
    '(test/properties/differential.spec.ts, sequences with fail_alloc) also kills what its traces reach, but it is a C-backend ' +
    'spec and not part of the mutation run.',
  enomemSign:
    'prefetch / gem_unmap answer ERR +12 instead of -12 when an allocation fails. The fault-injection property treats any ' +
    'status other than -12 as "past the request\'s allocations" and does not look at it, and the model does not speak for ' +
    'fail_alloc. TO KILL with the same stronger fault-injection property (status must be -ENOMEM, or exactly the twin ' +
    'driver\'s output), or a doc-style unit test `fail_alloc 1` + `prefetch` → `ERR -12 ENOMEM`.',
  argName:
    'The argument name in the RangeError of assertU64 (`<name> must be a u64 ...`). No trace reaches it (the trace parser ' +
    'rejects values outside u64 before the port sees them); only a direct API caller sees the text. TO KILL (cheap, low ' +
    'value): test/gpuvm/api.spec.ts "public API ranges" could match the message, e.g. `toThrow(/^reqAddr must be a u64/)`.',
  checkerMessage:
    'Only the text of a checker\'s error message changes (location context, words of the message, or which of several ' +
    'violations is reported first); every valid tree passes and every corrupted one still fails. TO KILL (cheap, low value): ' +
    'the corruption tests in test/kernel/*.spec.ts could match whole messages, e.g. `/wrong subtreeLast at start 5 stored 9 ' +
    'expected 8/` and `/property 5: black height 2 instead of 1 below 7/`.',
  checkerRange:
    'IntervalTree.checkValid\'s u64 range checks are only exercised on one side: "checkValid detects corrupted trees" has a ' +
    'start above 2^64-1 but no negative start and no last above 2^64-1. The port never builds either (assertU64 on every ' +
    'address, GPUVA_LAST wraps). TO KILL: add those two corruptions to the spec.',
  sizeCheck:
    'IntervalTree keeps its node count in a private field and checkValid compares it with the real count; no test corrupts ' +
    'the counter, and insert/remove always keep it right. TO KILL: a corruption test that bumps the private counter (or ' +
    'removes a node twice) and expects `size says`.',
  clearNode:
    'RB_CLEAR_NODE is not used by the port; its only test clears a lone node, for which rb_next/rb_prev return null anyway. ' +
    'TO KILL: assert `rbEmptyNode(lone)` after `rbClearNode`, or clear a node that still has stale links into a tree and ' +
    'expect rb_next/rb_prev to be null.',
  blackHeightInit:
    '`blackHeight` is -1 until the first NULL leaf sets it to a depth of at least 1, so `< 0` and `<= 0` never differ.',
  unusedInsertAugmented:
    'rb_insert_augmented (the non-cached variant) is not used by the port (IntervalTree uses the cached one) and no test ' +
    'calls it. TO KILL: run the augmented insert/erase property of test/kernel/rbtree.spec.ts through rbInsertAugmented too.',
} as const;

/** Every surviving or uncovered mutant of the last run, by `file:line:column mutator`. @public */
export const VERDICTS: Readonly<Record<string, Verdict>> = {
  'src/gpuvm/find.ts:16:13 StringLiteral': kill(CLASSES.argName),
  'src/gpuvm/find.ts:17:13 StringLiteral': kill(CLASSES.argName),
  'src/gpuvm/find.ts:35:13 StringLiteral': kill(CLASSES.argName),
  'src/gpuvm/find.ts:47:13 StringLiteral': kill(CLASSES.argName),

  'src/gpuvm/opsCreate.ts:74:11 ConditionalExpression': kill(
    CLASSES.swallowedCallbackError,
    'drm_gpuva_sm_step: a failed kmemdup of the remap\'s prev part is ignored, so the op is listed with prev = NULL; the request prints OK and a REMAP that drops the left remainder.',
  ),
  'src/gpuvm/opsCreate.ts:175:27 UnaryOperator': kill(CLASSES.enomemSign, 'op list allocation of prefetch/gem_unmap'),
  'src/gpuvm/opsCreate.ts:181:21 UnaryOperator': kill(CLASSES.enomemSign, 'op allocation inside the prefetch/gem_unmap loop'),
  'src/gpuvm/opsCreate.ts:245:9 ConditionalExpression': eq(CLASSES.unionFree),

  'src/gpuvm/range.ts:38:10 ConditionalExpression': eq(CLASSES.kernelNodeEmpty),

  'src/gpuvm/smMap.ts:19:13 StringLiteral': kill(CLASSES.argName),
  'src/gpuvm/smMap.ts:20:13 StringLiteral': kill(CLASSES.argName),
  'src/gpuvm/smMap.ts:21:13 StringLiteral': kill(CLASSES.argName),
  'src/gpuvm/smMap.ts:56:11 EqualityOperator': eq(CLASSES.deadElse, 'addr == req_addr: `end == req_end` broke out above.'),
  'src/gpuvm/smMap.ts:58:13 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'UNMAP of a VA starting at the request and ending inside it (doc case 4 shape).'),
  'src/gpuvm/smMap.ts:62:11 ConditionalExpression': eq(CLASSES.deadElse, 'addr == req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:62:11 EqualityOperator': eq(CLASSES.deadElse, 'addr == req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:73:16 EqualityOperator': eq(CLASSES.deadElse, 'else of `addr == req_addr`.'),
  'src/gpuvm/smMap.ts:79:46 BooleanLiteral': eq(CLASSES.overwritten, '`u.keep = merge` two lines below, before the op is built.'),
  'src/gpuvm/smMap.ts:86:13 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'REMAP prev of a VA sticking out on the left and ending with the request (doc case 7/8).'),
  'src/gpuvm/smMap.ts:90:11 EqualityOperator': eq(CLASSES.deadElse, 'addr < req_addr: `end == req_end` broke out above.'),
  'src/gpuvm/smMap.ts:92:13 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'REMAP prev of a VA overlapping the request\'s start (doc case 9/10).'),
  'src/gpuvm/smMap.ts:96:11 ConditionalExpression': eq(CLASSES.deadElse, 'addr < req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:96:11 EqualityOperator': eq(CLASSES.deadElse, 'addr < req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:103:13 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'REMAP prev+next of a VA enclosing the request (doc case 11/12).'),
  'src/gpuvm/smMap.ts:106:16 ConditionalExpression': eq(CLASSES.deadElse, 'only `addr > req_addr` is left.'),
  'src/gpuvm/smMap.ts:106:16 EqualityOperator': eq(CLASSES.deadElse, 'only `addr > req_addr` is left.'),
  'src/gpuvm/smMap.ts:111:13 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'UNMAP of a VA right-aligned inside the request (doc case 13).'),
  'src/gpuvm/smMap.ts:115:11 EqualityOperator': eq(CLASSES.deadElse, 'addr > req_addr: `end == req_end` broke out above.'),
  'src/gpuvm/smMap.ts:117:13 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'UNMAP of a VA strictly inside the request (doc case 14).'),
  'src/gpuvm/smMap.ts:121:11 ConditionalExpression': eq(CLASSES.deadElse, 'addr > req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:121:11 EqualityOperator': eq(CLASSES.deadElse, 'addr > req_addr: only `end > req_end` is left.'),
  'src/gpuvm/smMap.ts:129:13 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'REMAP next of a VA sticking out on the right (doc case 15).'),

  'src/gpuvm/smUnmap.ts:51:11 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'unmap walk, REMAP with prev and/or next.'),
  'src/gpuvm/smUnmap.ts:54:11 ConditionalExpression': kill(CLASSES.swallowedCallbackError, 'unmap walk, UNMAP of an enclosed VA.'),

  'src/kernel/intervalTree.ts:72:24 EqualityOperator': eq(CLASSES.equalAssign),
  'src/kernel/intervalTree.ts:74:25 EqualityOperator': eq(CLASSES.equalAssign),
  'src/kernel/intervalTree.ts:75:7 ConditionalExpression': eq(CLASSES.earlyExit),
  'src/kernel/intervalTree.ts:75:48 BooleanLiteral': eq(CLASSES.earlyExit),
  'src/kernel/intervalTree.ts:139:16 BooleanLiteral': eq(CLASSES.insertLeftInit),
  'src/kernel/intervalTree.ts:144:11 EqualityOperator': eq(CLASSES.equalAssign, 'raising an ancestor\'s subtreeLast to `last` when it already equals `last`.'),
  'src/kernel/intervalTree.ts:190:15 ConditionalExpression': eq(CLASSES.searchPrune),
  'src/kernel/intervalTree.ts:281:16 ArrowFunction': kill(CLASSES.checkerMessage, 'location context `start <n>` of every tree checker message.'),
  'src/kernel/intervalTree.ts:281:37 StringLiteral': kill(CLASSES.checkerMessage, 'location context `start <n>` of every tree checker message.'),
  'src/kernel/intervalTree.ts:289:11 ConditionalExpression': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:289:34 BooleanLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:289:41 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:292:13 ConditionalExpression': kill(CLASSES.checkerRange, 'negative start.'),
  'src/kernel/intervalTree.ts:293:27 ConditionalExpression': kill(CLASSES.checkerRange, 'last above 2^64-1.'),
  'src/kernel/intervalTree.ts:293:72 StringLiteral': kill(CLASSES.checkerMessage),
  'src/kernel/intervalTree.ts:294:79 StringLiteral': kill(CLASSES.checkerMessage),
  'src/kernel/intervalTree.ts:297:11 ConditionalExpression': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:297:30 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:297:63 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:297:76 StringLiteral': eq(CLASSES.deadCheck),
  'src/kernel/intervalTree.ts:304:28 EqualityOperator': eq(CLASSES.equalAssign, 'in checkValid\'s recomputation.'),
  'src/kernel/intervalTree.ts:306:29 EqualityOperator': eq(CLASSES.equalAssign, 'in checkValid\'s recomputation.'),
  'src/kernel/intervalTree.ts:307:86 StringLiteral': kill(CLASSES.checkerMessage),
  'src/kernel/intervalTree.ts:307:114 StringLiteral': kill(CLASSES.checkerMessage),
  'src/kernel/intervalTree.ts:311:11 ConditionalExpression': kill(CLASSES.sizeCheck),
  'src/kernel/intervalTree.ts:311:33 StringLiteral': kill(CLASSES.sizeCheck),
  'src/kernel/intervalTree.ts:311:58 StringLiteral': kill(CLASSES.sizeCheck),

  'src/kernel/rbtree.ts:72:65 BlockStatement': kill(CLASSES.clearNode),
  'src/kernel/rbtree.ts:113:24 BooleanLiteral': eq(CLASSES.earlyExit, 'propagate calls compute without `exit`.'),
  'src/kernel/rbtree.ts:122:24 BooleanLiteral': eq(CLASSES.earlyExit, 'rotate calls compute with `exit`: it then skips writing a value that is already equal.'),
  'src/kernel/rbtree.ts:348:35 BooleanLiteral': eq(CLASSES.colourOverwritten),
  'src/kernel/rbtree.ts:397:35 BooleanLiteral': eq(CLASSES.colourOverwritten, 'mirror image.'),
  'src/kernel/rbtree.ts:461:120 BlockStatement': kill(CLASSES.unusedInsertAugmented),
  'src/kernel/rbtree.ts:593:101 ArrowFunction': kill(CLASSES.checkerMessage, 'default `describe` of rbCheckLinks (every caller in the port passes one).'),
  'src/kernel/rbtree.ts:593:107 StringLiteral': kill(CLASSES.checkerMessage, 'default `describe` of rbCheckLinks, never called with a failure.'),
  'src/kernel/rbtree.ts:629:102 ArrowFunction': kill(CLASSES.checkerMessage, 'default `describe` of rbCheckColors.'),
  'src/kernel/rbtree.ts:629:108 StringLiteral': kill(CLASSES.checkerMessage, 'default `describe` of rbCheckColors.'),
  'src/kernel/rbtree.ts:641:21 EqualityOperator': kill(
    CLASSES.checkerMessage,
    'rbCheckColors visits right before left: same verdict on every tree, but on a tree with unequal black heights the first leaf found, and so the numbers in the message, differ.',
  ),
  'src/kernel/rbtree.ts:643:13 EqualityOperator': eq(CLASSES.blackHeightInit),
  'src/kernel/rbtree.ts:644:84 StringLiteral': kill(CLASSES.checkerMessage),
  'src/kernel/rbtree.ts:644:111 StringLiteral': kill(CLASSES.checkerMessage),
};
