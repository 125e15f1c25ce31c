/**
 * The findings registry: every confirmed defect of the seed, as a bug report users can read
 * and as a regression case CI replays. Two classes:
 *
 * - `code`: the code breaks its documented contract. Each has a minimal trace `<id>.trace` beside
 *   this file, the transcript the seed actually produces (`<id>.actual.transcript`, identical on
 *   the faithful port and the C code), the transcript its documented contract demands
 *   (`<id>.expected.transcript`, produced by the port with only this finding's fix selected), a
 *   kernel patch and a KUnit test (`upstream/`).
 * - `doc`: the kerneldoc says something the code does not do, and the code is right (or the text
 *   cannot be right). Each has the claim, where it is, what the code does, an evidence trace when
 *   a trace can show it (`<id>.trace` and the transcript the seed gives, `<id>.actual.transcript`)
 *   and the proposed doc fix, as a kernel patch in `upstream/`.
 *
 * FINDINGS.md is the readable form of this file.
 */
import type { FixId } from '../../src/gpuvm/fixes.ts';

/** One confirmed defect of the code. @public */
export interface Finding {
  readonly class: 'code';
  readonly id: FixId;
  readonly title: string;
  /** Where in the seed (`../shared/seed/drm_gpuvm.c`), as line numbers and function names. */
  readonly seedLines: string;
  readonly expected: string;
  readonly actual: string;
  readonly explanation: string;
  /** The corrected behaviour, as selected by `fixes: new Set([id])` in the port. */
  readonly fix: string;
}

/** Every registered finding, in id order. @public */
export const FINDINGS: readonly Finding[] = [
  {
    class: 'code',
    id: 'GPUVM-001',
    title: 'drm_gpuva_sm_step leaks the copied unmap part when copying the next part fails',
    seedLines: '1395-1453 (drm_gpuva_sm_step, labels err_free_unmap / err_free_prev at 1440-1443)',
    expected: 'a failed request leaks nothing: `allocs` reports live=0 after the -ENOMEM',
    actual: 'live=1: the kmemdup copy of the unmap part is never freed',
    explanation:
      'The error labels fall through in the order err_free_unmap, err_free_prev, err_free_op. ' +
      'A failed kmemdup of `next` jumps to err_free_prev, below the kfree of the already copied ' +
      '`unmap`, so that copy leaks. Every REMAP with a `next` part under memory pressure leaks one ' +
      'struct drm_gpuva_op_unmap.',
    fix: 'swap the first two labels: err_free_prev: kfree(prev); err_free_unmap: kfree(unmap); err_free_op: ...',
  },
  {
    class: 'code',
    id: 'GPUVM-002',
    title: 'drm_gpuva_find_prev returns the mapping at `start` itself when the byte before it is free',
    seedLines: '913-920 (drm_gpuva_find_prev)',
    expected: 'NONE: no mapping ends at `start`, and the doc says free space in between yields none',
    actual: 'the VA that starts at `start`',
    explanation:
      'The lookup queries the closed interval [start - 1, start], which also meets a VA starting at ' +
      '`start`. Only [start - 1, start - 1] (and a check that the VA ends there) matches the ' +
      "documented 'adjacent drm_gpuva before the GPU VA with given start address'.",
    fix: 'query [start - 1, start - 1] and return the VA only if its last byte is start - 1',
  },
  {
    class: 'code',
    id: 'GPUVM-003',
    title: 'drm_gpuva_find_next returns a mapping one byte past `end`',
    seedLines: '935-942 (drm_gpuva_find_next)',
    expected: 'NONE: no mapping starts at `end`; a one-byte gap is free space',
    actual: 'the VA starting at end + 1',
    explanation:
      'The lookup queries [end, end + 1]; with `end` free and a VA starting at end + 1 it returns that ' +
      "VA although free space separates them, against the doc's 'if there is any free space " +
      "between the GPU VA mappings no mapping is returned'.",
    fix: 'query [end, end] and return the VA only if it starts at `end`',
  },
  {
    class: 'code',
    id: 'GPUVM-004',
    title: 'Zero-size map/unmap/insert requests are accepted and split existing mappings',
    seedLines: '646-653 (drm_gpuvm_range_valid), 1077-1185 (__drm_gpuvm_sm_map), 866 (find_first)',
    expected: '-EINVAL and no ops: a zero-size request maps nothing, so it must not touch any mapping',
    actual:
      'a REMAP splits the mapping around the request address into two halves (no byte changes) ' +
      'and a zero-size VA is inserted into the tree',
    explanation:
      'range_valid accepts range 0. The walk then starts at find_first(addr, 0), i.e. the inverted ' +
      'query [addr, addr - 1], which meets any VA spanning addr; that VA is remapped into prev and ' +
      'next halves, and the MAP inserts a VA whose GPUVA_LAST is addr - 1 (for addr 0: 2^64 - 1, ' +
      'which then intersects every later insert). Because drm_gpuva_map and drm_gpuva_remap ignore a ' +
      'failed insert, a driver following the documented example then links a VA that is not in the ' +
      'tree, and a later gem_unmap dereferences its NULL vm: a crash ' +
      '(test/fixtures/c/crash-orphan-va.trace, crash-zero-range-unmap.trace).',
    fix: 'drm_gpuvm_range_valid rejects range == 0',
  },
  {
    class: 'code',
    id: 'GPUVM-005',
    title: 'drm_gpuva_find_first and drm_gpuvm_interval_empty report a mapping inside an empty range',
    seedLines: '862-869 (drm_gpuva_find_first), 954-958 (drm_gpuvm_interval_empty)',
    expected: 'an empty range contains nothing: find_first NONE, empty 1',
    actual: 'the VA spanning addr; empty 0',
    explanation:
      '`addr + range - 1` wraps to addr - 1 for range 0, and the interval tree answers the inverted ' +
      'query [addr, addr - 1] with any VA that starts before addr and ends at or after it.',
    fix: 'return NULL for range 0',
  },
  {
    class: 'code',
    id: 'GPUVM-006',
    title: 'A VA space that ends at 2^64 rejects every request',
    seedLines: '625-633 (drm_gpuvm_in_mm_range)',
    expected: 'requests inside [start, 2^64) whose end fits in u64 are valid',
    actual: '-EINVAL for every map, unmap and insert',
    explanation:
      'mm_end = mm_start + mm_range wraps to 0 when the VA space reaches the top of the address ' +
      'space, so `end <= mm_end` never holds. drm_gpuvm_init only WARNs about the overflow and ' +
      'returns a VA space in which nothing can ever be mapped.',
    fix: 'compare against mm_start + mm_range without wrapping',
  },
  {
    class: 'code',
    id: 'GPUVM-007',
    title: 'An overflowing reserved range makes drm_gpuvm_destroy dereference NULL',
    seedLines: '687-697 (drm_gpuvm_init), 707-717 (drm_gpuvm_destroy)',
    expected: 'fini succeeds (init already WARNed about the reserved range)',
    actual: 'CRASH: NULL pointer dereference in __drm_gpuva_remove',
    explanation:
      'init records the reserved range in kernel_alloc_node before it checks for overflow and, on ' +
      'overflow, only skips the insert. destroy sees a non-zero range and removes a node that was ' +
      'never inserted: its `vm` is NULL (and its list links too), so the removal faults.',
    fix: 'leave kernel_alloc_node zeroed when its range overflows',
  },
  {
    class: 'code',
    id: 'GPUVM-008',
    title: 'drm_gpuvm_prefetch_ops_create returns nothing for a range that ends at 2^64',
    seedLines: '1603-1641 (drm_gpuvm_prefetch_ops_create) with the header macro drm_gpuvm_for_each_va_range',
    expected: 'one PREFETCH op per VA in the range, whatever the range ends at',
    actual: 'no ops at all',
    explanation:
      '`end = addr + range` wraps to 0 when the range reaches the top of the address space, and the ' +
      'iteration macro stops as soon as `va->va.addr < end` fails, i.e. before the first VA. ' +
      'Unlike map and unmap, prefetch does not validate its range, so the request is accepted and ' +
      'silently prefetches nothing. A range running past 2^64 wraps `end` to a small address: ' +
      'the walk then stops early too, and its start, drm_gpuva_find_first, wraps as well (GPUVM-009).',
    fix:
      'cut a range running past 2^64 at 2^64, then bound the walk by the last byte: ' +
      '`va->va.addr <= addr + range - 1`',
  },
  {
    class: 'code',
    id: 'GPUVM-009',
    title: 'drm_gpuva_find_first and drm_gpuvm_interval_empty miss the mappings of a range that runs past 2^64',
    seedLines: '862-869 (drm_gpuva_find_first), 954-958 (drm_gpuvm_interval_empty)',
    expected: 'the range holds every byte from addr to the top of the address space: empty 0, find_first the VA',
    actual: 'empty 1; find_first NONE',
    explanation:
      '`last = addr + range - 1` wraps below addr when addr + range exceeds 2^64, and the interval ' +
      'tree answers the inverted query [addr, last] with a VA only if it spans both ends, so VAs ' +
      'above addr are missed. Lookups, unlike map and unmap, do not validate their range, so a ' +
      'caller asking "is anything mapped from addr up" with range U64_MAX gets a wrong answer. ' +
      'drm_gpuva_find is not affected (no VA has such a range); prefetch is GPUVM-008. GPUVM-005 ' +
      'is the same wrap for range 0.',
    fix: 'end a range that runs past 2^64 at the top of the address space: last = U64_MAX',
  },
];

/** A place where the seed's documentation and its (correct) code disagree. @public */
export interface DocFinding {
  readonly class: 'doc';
  /** `GPUVM-Dnn`. */
  readonly id: string;
  readonly title: string;
  /** What the kerneldoc says, quoted. */
  readonly claim: string;
  /** Where in the seed (`../shared/seed/drm_gpuvm.c`): line numbers and the section or function. */
  readonly seedLines: string;
  /** What the code does instead. */
  readonly code: string;
  /**
   * How we know: `trace` when `<id>.trace` and `<id>.actual.transcript` show it (port and C
   * agree on it), otherwise why no trace can show it and what does.
   */
  readonly evidence: { readonly trace: true } | { readonly trace: false; readonly why: string };
  /** The proposed change to the documentation. */
  readonly docFix: string;
  /**
   * Matches (multiline) the documentation text that is wrong, so that a source of any era can be
   * checked for it: the finding is present in a source where it matches.
   */
  readonly marker: RegExp;
}

/** Every registered doc finding, in id order. @public */
export const DOC_FINDINGS: readonly DocFinding[] = [
  {
    class: 'doc',
    id: 'GPUVM-D01',
    title: 'An identical mapping request is said to need no operation at all; it gives UNMAP (keep) + MAP',
    claim:
      '"The caller might receive no callback at all if no operation is required, e.g. if the requested ' +
      'mapping already exists in the exact same way." (and, for drm_gpuvm_sm_map, "the sequence of callbacks ' +
      'might also be empty ..."; for drm_gpuvm_sm_map_ops_create, "it also can be empty if no operation is required")',
    seedLines: '87-89 (DOC: Split and Merge), 1295-1297 (drm_gpuvm_sm_map), 1467-1470 (drm_gpuvm_sm_map_ops_create)',
    code:
      '__drm_gpuvm_sm_map always ends with the MAP of the request, so neither the callback sequence nor the ' +
      'list is ever empty for a valid request; for an identical mapping it first unmaps the existing VA with ' +
      'keep=true, exactly as case 1 of the same DOC section says ("Replace it, but indicate the backing PTEs could be kept").',
    evidence: { trace: true },
    docFix:
      'Drop the "no callback at all" sentences; say that a valid request always yields its MAP operation last, and that ' +
      'an existing mapping identical to the request is unmapped with keep set (case 1).',
    marker: /^ \* .*no callback at all/m,
  },
  {
    class: 'doc',
    id: 'GPUVM-D02',
    title: "Case 15's diagram gives the remaining piece offset n+2; the code (rightly) gives n+1",
    claim: '"new: |-----------|-----| (b.bo_offset=m,a.bo_offset=n+2)"',
    seedLines: '370-383 (DOC: Split and Merge, case 15)',
    code:
      'The old mapping a starts at unit 1 with offset n; the request covers units 0-2, so the piece of a left ' +
      'at unit 2 is one unit into a: __drm_gpuvm_sm_map gives it offset + req_end - addr = n + 1.',
    evidence: { trace: true },
    docFix: 'Write "(b.bo_offset=m,a\'.bo_offset=n+1)" and name the remaining piece a\' as the other cases do.',
    marker: /^ \*.*\(b\.bo_offset=m,a\.bo_offset=n\+2\)/m,
  },
  {
    class: 'doc',
    id: 'GPUVM-D03',
    title: 'Four kerneldoc comments tell drivers to use drm_gpuva_destroy_locked()/_unlocked(), which exist nowhere',
    claim:
      '"To update the &drm_gpuvm\'s view of the GPU VA space drm_gpuva_insert(), drm_gpuva_destroy_locked() ' +
      'and/or drm_gpuva_destroy_unlocked() should be used."',
    seedLines:
      '1291-1293 (drm_gpuvm_sm_map), 1338-1340 (drm_gpuvm_sm_unmap), 1479-1481 (drm_gpuvm_sm_map_ops_create), ' +
      '1543-1545 (drm_gpuvm_sm_unmap_ops_create)',
    code:
      'No function of that name is defined or declared in drm_gpuvm.c or drm_gpuvm.h (of the seed or of any ' +
      'later era up to v7.0); the VA space is updated with drm_gpuva_insert() and drm_gpuva_remove(), or the ' +
      'helpers drm_gpuva_map(), drm_gpuva_remap() and drm_gpuva_unmap(), as "DOC: Split and Merge" says.',
    evidence: {
      trace: false,
      why:
        'a missing function cannot be called from a trace; `grep -n destroy_locked` finds only these four ' +
        'comments in the seed and nothing in its header (test/properties/docFindings.spec.ts checks both)',
    },
    docFix:
      'Replace the names with drm_gpuva_insert() and drm_gpuva_remove() (or drm_gpuva_map(), drm_gpuva_remap() and drm_gpuva_unmap()).',
    marker: /^ \* .*drm_gpuva_destroy_(un)?locked\(\)/m,
  },
  {
    class: 'doc',
    id: 'GPUVM-D04',
    title: 'drm_gpuva_find_first is said to return a mapping "within" the range; it returns one that merely intersects it',
    claim: '"Returns: the first &drm_gpuva within the given range"',
    seedLines: '853-869 (drm_gpuva_find_first)',
    code:
      'The interval tree query returns the lowest VA that has any byte in [addr, addr + range - 1], including a VA ' +
      'that begins before addr (and drm_gpuvm_for_each_va_range and the split/merge walk rely on that).',
    evidence: { trace: true },
    docFix: '"Returns: the &drm_gpuva with the lowest address that intersects the given range (it may begin before @addr), or NULL"',
    marker: /^ \* Returns: the first &drm_gpuva within the given range$/m,
  },
  {
    class: 'doc',
    id: 'GPUVM-D05',
    title: 'Cases 4, 13 and 14 promise "the same result" for another BO or offset; the keep flag differs',
    claim:
      '"We expect to see the same result for a request with a different BO and/or non-contiguous BO offset."',
    seedLines: '197-199 (case 4), 346-348 (case 13), 365-367 (case 14) of DOC: Split and Merge',
    code:
      'The resulting mappings are the same, but the UNMAP of the old mapping has keep=true only when BO and offset ' +
      'are contiguous with the request (case 4 as drawn), keep=false for another BO or offset.',
    evidence: { trace: true },
    docFix: 'Say "the same resulting mappings, but the unmap operation of the existent mapping does not have \'keep\' set".',
    marker: /^ \*\s+We expect to see the same result for a request with a different bo$/m,
  },
  {
    class: 'doc',
    id: 'GPUVM-D06',
    title: '"DOC: Examples" code does not compile against the API it illustrates, and example 1 never frees its op list',
    claim:
      'Example 1: "struct drm_gpuva_op *op" (no semicolon), "va = op->unmap->va;" and no drm_gpuva_ops_free(); ' +
      'example 2: "drm_gpuva_map(ctx->vm, ctx->new_va, &op->map);" and unused "ops"/"op" locals.',
    seedLines: '432, 488 and 440-501 (DOC: Examples, example 1), 528-529 and 557 (example 2)',
    code:
      'struct drm_gpuva_op embeds its unmap operation (op->unmap.va, as drm_gpuva_unmap(&op->unmap) two lines ' +
      'below uses it); struct driver_context names its VM member gpuvm, not vm; drm_gpuvm_sm_map_ops_create() ' +
      'says its list "must be freed with &drm_gpuva_ops_free", which example 1 never does, so every request leaks ' +
      'the list and its ops.',
    evidence: {
      trace: false,
      why:
        'the examples are text, not code we can run as written; our drivers (native/driver/ops.c, src/driver/applyOp.ts) ' +
        'are example 1 corrected, and a trace\'s `allocs` shows 0 live allocations only because they call ' +
        'drm_gpuva_ops_free() after applying the list',
    },
    docFix:
      'Example 1: add the semicolon, use op->unmap.va, call drm_gpuva_ops_free(gpuvm, ops) before unlocking. ' +
      'Example 2: use ctx->gpuvm and drop the unused locals.',
    marker: /^ \*\s+(va = op->unmap->va;|drm_gpuva_map\(ctx->vm,)/m,
  },
];

/** Every registered finding, code findings first. @public */
export const ALL_FINDINGS: readonly (Finding | DocFinding)[] = [...FINDINGS, ...DOC_FINDINGS];
