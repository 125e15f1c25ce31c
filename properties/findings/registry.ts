/**
 * The findings registry: every confirmed defect of the seed, as a bug report users can read
 * and as a regression case CI replays.
 *
 * Each finding has a minimal trace `<id>.trace` beside this file, the transcript the seed
 * actually produces (`<id>.actual.transcript`, identical on the faithful port and the C code) and
 * the transcript its documented contract demands (`<id>.expected.transcript`, produced by the
 * port with only this finding's fix selected). FINDINGS.md is the readable form of this file.
 */
import type { FixId } from '../../src/gpuvm/fixes.ts';

/** One confirmed defect. @public */
export interface Finding {
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
    id: 'GPUVM-008',
    title: 'drm_gpuvm_prefetch_ops_create returns nothing for a range that ends at 2^64',
    seedLines: '1603-1641 (drm_gpuvm_prefetch_ops_create) with the header macro drm_gpuvm_for_each_va_range',
    expected: 'one PREFETCH op per VA in the range, whatever the range ends at',
    actual: 'no ops at all',
    explanation:
      '`end = addr + range` wraps to 0 when the range reaches the top of the address space, and the ' +
      'iteration macro stops as soon as `va->va.addr < end` fails, i.e. before the first VA. ' +
      'Unlike map and unmap, prefetch does not validate its range, so the request is accepted and ' +
      'silently prefetches nothing.',
    fix: 'bound the walk by the last byte: `va->va.addr <= addr + range - 1`',
  },
];
