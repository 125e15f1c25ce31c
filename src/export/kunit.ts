/**
 * Turning a trace and the transcript the contract expects for it into a KUnit test case in C
 * (drivers/gpu/drm/tests/ style): each request becomes a call through drm_gpuvm's API (via the
 * driver helpers of kunitDriver.ts), and each line the contract expects becomes a KUNIT_EXPECT_*
 * on what the library returned: ops, statuses, found VAs, VA lists, `empty`, live allocations.
 * WARN lines stay comments: KUnit has no portable way to expect a WARN.
 */
import { errnoName } from '../kernel/errno.ts';
import type { OpLine } from '../driver/result.ts';
import type { VaFields } from '../driver/format.ts';
import { parseRequestResult } from '../../properties/opLines.ts';
import { parseU64 } from '../trace/parse.ts';
import { formatRequest } from '../trace/request.ts';
import type { Request } from '../trace/request.ts';
import { KUNIT_DRIVER } from './kunitDriver.ts';

/** One test case to generate. @public */
export interface KunitCase {
  /** C identifier part, e.g. `gpuvm_002`; the case function is `drm_test_gpuvm_<name>`. */
  readonly name: string;
  /** One comment paragraph saying what the case checks and where its expectations come from. */
  readonly description: string;
  readonly requests: readonly Request[];
  /** The transcript the contract expects, as lines (echo lines included). */
  readonly expected: readonly string[];
}

/** Why a trace cannot become a KUnit case. @public */
export class KunitExportError extends Error {
  override name = 'KunitExportError';
}

/** A u64 literal: hex, `ULL` once it does not fit in 32 bits. */
function u64(value: bigint): string {
  return `0x${value.toString(16)}${value > 0xffffffffn ? 'ULL' : ''}`;
}

function vaInit(v: VaFields): string {
  return `GT_VA(${u64(v.addr)}, ${u64(v.range)}, ${v.handle}, ${u64(v.offset)})`;
}

function opInit(op: OpLine): string {
  switch (op.type) {
    case 'MAP':
      return `GT_MAP(${u64(op.map.addr)}, ${u64(op.map.range)}, ${op.map.handle}, ${u64(op.map.offset)})`;
    case 'REMAP':
      return (
        `GT_REMAP(${op.prev ? 'true' : 'false'}, ${op.prev ? vaInit(op.prev) : 'GT_NO_VA'},\n\t\t\t ` +
        `${op.next ? 'true' : 'false'}, ${op.next ? vaInit(op.next) : 'GT_NO_VA'},\n\t\t\t ` +
        `${vaInit(op.unmap)}, ${op.keep})`
      );
    case 'UNMAP':
      return `GT_UNMAP(${op.keep}, ${vaInit(op.unmap)})`;
    case 'PREFETCH':
      return `GT_PREFETCH(${vaInit(op.va)})`;
  }
}

/** A `VA <addr> <range> <obj> <offset>[ kernel]` line as a gt_va initializer. */
function vaLineInit(line: string): string {
  const m = /^VA (\S+) (\S+) (\d+) (\S+)( kernel)?$/.exec(line);
  if (!m) throw new KunitExportError(`expected a VA line, got '${line}'`);
  const [addr, range, handle, offset] = [parseU64(m[1]!), parseU64(m[2]!), Number(m[3]), parseU64(m[4]!)];
  if (m[5]) return `GT_KERNEL_VA(${u64(addr)}, ${u64(range)})`;
  return vaInit({ addr, range, handle, offset });
}

function status(code: number | null): string {
  if (code === null) throw new KunitExportError('a request that reports a status has none in the expected transcript');
  return code === 0 ? '0' : `-${errnoName(-code)}`;
}

/** `static const` array + (pointer, count) arguments; NULL, 0 for none. */
function table(type: string, name: string, inits: readonly string[]): { decl: string[]; args: string } {
  if (inits.length === 0) return { decl: [], args: 'NULL, 0' };
  return {
    decl: [`\t\tstatic const struct ${type} ${name}[] = {`, ...inits.map((i) => `\t\t\t${i},`), '\t\t};'],
    args: `${name}, ARRAY_SIZE(${name})`,
  };
}

function block(decl: readonly string[], body: readonly string[]): string[] {
  if (decl.length === 0) return body.map((l) => `\t${l}`);
  return ['\t{', ...decl, ...body.map((l) => `\t\t${l}`), '\t}'];
}

/** The C statements for one request and what it printed under the contract. */
function statements(req: Request, lines: readonly string[], index: number): string[] {
  const result = parseRequestResult(lines);
  if (result.crashed) throw new KunitExportError(`the expected transcript crashes at '${formatRequest(req)}': nothing to expect there`);
  const out = [`\t/* ${formatRequest(req)} */`];
  for (const w of lines.filter((l) => l.startsWith('WARN '))) out.push(`\t/* the library WARNs here: ${w.slice(5).replace(/\*\//g, '* /')} */`);
  const ops = table('gt_op', `ops${index}`, result.ops.map(opInit));
  const only = (): string => {
    if (result.results.length !== 1) throw new KunitExportError(`'${formatRequest(req)}' expects one result line, got ${result.results.length}`);
    return result.results[0]!;
  };
  const found = (call: string): string[] => {
    const line = only();
    if (line === 'NONE') return [`\tKUNIT_EXPECT_NULL(test, ${call});`];
    const v = table('gt_va', `va${index}`, [vaLineInit(line)]);
    return block(v.decl, [`gt_expect_va(t, ${call}, &va${index}[0]);`]);
  };
  const vaList = (call: (args: string) => string): string[] => {
    const [count, ...vas] = result.results;
    if (count !== `VAS ${vas.length}`) throw new KunitExportError(`'${formatRequest(req)}': '${count}' does not count ${vas.length} VA lines`);
    const v = table('gt_va', `vas${index}`, vas.map(vaLineInit));
    return block(v.decl, [`${call(v.args)};`]);
  };
  switch (req.kind) {
    case 'init': {
      const [s, r, ro, rr] = req.args;
      out.push(`\tgt_init(t, ${u64(s)}, ${u64(r)}, ${u64(ro)}, ${u64(rr)});`);
      break;
    }
    case 'fini':
      out.push('\tgt_fini(t);');
      break;
    case 'mode':
      out.push(`\tt->cb = ${req.args[0] === 'cb'};`);
      break;
    case 'map': {
      const [a, r, obj, off] = req.args;
      out.push(...block(ops.decl, [`KUNIT_EXPECT_EQ(test, gt_map(t, ${u64(a)}, ${u64(r)}, ${obj}, ${u64(off)}, ${ops.args}), ${status(result.status)});`]));
      break;
    }
    case 'unmap': {
      const [a, r] = req.args;
      out.push(...block(ops.decl, [`KUNIT_EXPECT_EQ(test, gt_unmap(t, ${u64(a)}, ${u64(r)}, ${ops.args}), ${status(result.status)});`]));
      break;
    }
    case 'prefetch': {
      const [a, r] = req.args;
      const call = `gt_run_ops(t, drm_gpuvm_prefetch_ops_create(&t->vm, ${u64(a)}, ${u64(r)}),\n\t\t\t\t  false, ${ops.args})`;
      out.push(...block(ops.decl, [`KUNIT_EXPECT_EQ(test, ${call}, ${status(result.status)});`]));
      break;
    }
    case 'gem_unmap': {
      const call = `gt_run_ops(t, drm_gpuvm_gem_unmap_ops_create(&t->vm, gt_obj(t, ${req.args[0]})),\n\t\t\t\t  true, ${ops.args})`;
      out.push(...block(ops.decl, [`KUNIT_EXPECT_EQ(test, ${call}, ${status(result.status)});`]));
      break;
    }
    case 'insert': {
      const [a, r, obj, off] = req.args;
      out.push(`\tKUNIT_EXPECT_EQ(test, gt_insert(t, ${u64(a)}, ${u64(r)}, ${obj}, ${u64(off)}), ${status(result.status)});`);
      break;
    }
    case 'remove': {
      const [a, r] = req.args;
      out.push(`\tKUNIT_EXPECT_EQ(test, gt_remove(t, ${u64(a)}, ${u64(r)}), ${status(result.status)});`);
      break;
    }
    case 'find':
    case 'find_first':
    case 'empty': {
      const [a, r] = req.args;
      const fn = req.kind === 'empty' ? 'drm_gpuvm_interval_empty' : `drm_gpuva_${req.kind}`;
      const call = `${fn}(&t->vm, ${u64(a)}, ${u64(r)})`;
      if (req.kind !== 'empty') out.push(...found(call));
      else out.push(`\tKUNIT_EXPECT_${only() === 'EMPTY 1' ? 'TRUE' : 'FALSE'}(test, ${call});`);
      break;
    }
    case 'find_prev':
    case 'find_next':
      out.push(...found(`drm_gpuva_${req.kind}(&t->vm, ${u64(req.args[0])})`));
      break;
    case 'dump':
      out.push(...vaList((args) => `gt_expect_vas(t, ${args})`));
      break;
    case 'gem':
      out.push(...vaList((args) => `gt_expect_gem(t, ${req.args[0]}, ${args})`));
      break;
    case 'fail_alloc':
      out.push(`\tgt_fail_alloc(t, ${req.args[0]});`);
      break;
    case 'allocs': {
      const m = /^ALLOCS live=(\d+)$/.exec(only());
      if (!m) throw new KunitExportError(`'allocs' expects 'ALLOCS live=<n>', got '${only()}'`);
      out.push(`\tKUNIT_EXPECT_EQ(test, gt_live_allocs(t), ${m[1]});`);
      break;
    }
    case 'madvise':
      // The cases are written against the seed's API, which has no drm_gpuvm_madvise_ops_create.
      throw new KunitExportError(`'${formatRequest(req)}': madvise (v6.18) has no KUnit helper for the seed's API`);
  }
  return out;
}

/** Splits a transcript into the lines each request printed, checking the echoes. */
function perRequest(requests: readonly Request[], expected: readonly string[]): string[][] {
  const blocks: string[][] = [];
  for (const line of expected) {
    if (line.startsWith('> ')) {
      const req = requests[blocks.length];
      if (!req || line !== `> ${formatRequest(req)}`) throw new KunitExportError(`transcript line '${line}' does not echo request ${blocks.length + 1} of the trace`);
      blocks.push([]);
    } else if (blocks.length === 0) throw new KunitExportError(`transcript starts with '${line}' instead of an echo`);
    else blocks[blocks.length - 1]!.push(line);
  }
  if (blocks.length !== requests.length) throw new KunitExportError(`the expected transcript answers ${blocks.length} of ${requests.length} requests`);
  return blocks;
}

const ALLOC_HOOKS = String.raw`
/*
 * Failing and counting drm_gpuvm's own allocations (its kzalloc()/kmemdup()
 * calls) needs a test hook the kernel does not have; gpuvm-check's userspace
 * build provides one. Without it a case skips where it would need it.
 */
#ifdef GPUVM_CHECK_SLAB_HOOKS
static void gt_alloc_hooks_reset(void)
{
	slab_hook_reset();
}

static void gt_fail_alloc(struct gt *t, u64 n)
{
	(void)t;
	slab_hook_fail_nth(n);
}

static u64 gt_live_allocs(struct gt *t)
{
	(void)t;
	return slab_hook_live();
}
#else
static void gt_alloc_hooks_reset(void)
{
}

/* Skipping ends the case here: release the lock first. */
static void gt_fail_alloc(struct gt *t, u64 n)
{
	gt_done(t);
	kunit_skip(t->test, "needs fault injection into drm_gpuvm's allocations (%llu)", n);
}

static u64 gt_live_allocs(struct gt *t)
{
	gt_done(t);
	kunit_skip(t->test, "needs a count of drm_gpuvm's live allocations");
	return 0;
}
#endif
`;

const NEEDS_HOOKS = new Set(['fail_alloc', 'allocs']);

function caseFunction(c: KunitCase): string[] {
  const blocks = perRequest(c.requests, c.expected);
  const body = c.requests.flatMap((req, i) => statements(req, blocks[i]!, i + 1));
  const hooks = c.requests.some((r) => NEEDS_HOOKS.has(r.kind));
  const comment = ['/*', ...wrap(c.description, 74).map((l) => ` * ${l}`), ' */'];
  const setup = ['\tstruct gt *t = gt_new(test);', ''];
  const done = ['', '\tgt_done(t);'];
  const reset = hooks ? ['\tgt_alloc_hooks_reset();'] : [];
  return [...comment, `static void drm_test_gpuvm_${c.name}(struct kunit *test)`, '{', ...setup, ...reset, ...body, ...done, '}'];
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The C text of a KUnit test file with one case per entry of `cases`, suite `suite`.
 * @throws KunitExportError when a trace's expected transcript cannot be expressed (a crash, an
 *   echo that does not match the trace)
 * @public
 */
export function kunitTestFile(suite: string, header: string, cases: readonly KunitCase[]): string {
  const hooks = cases.some((c) => c.requests.some((r) => NEEDS_HOOKS.has(r.kind)));
  return [
    '// SPDX-License-Identifier: GPL-2.0 OR MIT',
    '/*',
    ...wrap(header, 74).map((l) => (l ? ` * ${l}` : ' *')),
    ' */',
    '',
    '#include <kunit/test.h>',
    '',
    '#include <linux/errno.h>',
    '#include <linux/gfp.h>',
    '#include <linux/module.h>',
    '#include <linux/mutex.h>',
    ...(hooks ? ['#include <linux/slab.h>'] : []),
    '#include <linux/string.h>',
    '',
    '#include <drm/drm_gem.h>',
    '#include <drm/drm_gpuvm.h>',
    '',
    KUNIT_DRIVER.trimEnd(),
    ...(hooks ? [ALLOC_HOOKS.trimEnd()] : []),
    '',
    ...cases.flatMap((c) => [...caseFunction(c), '']),
    `static struct kunit_case ${suite}_tests[] = {`,
    ...cases.map((c) => `\tKUNIT_CASE(drm_test_gpuvm_${c.name}),`),
    '\t{}',
    '};',
    '',
    `static struct kunit_suite ${suite}_test_suite = {`,
    `\t.name = "${suite}",`,
    `\t.test_cases = ${suite}_tests,`,
    '};',
    '',
    `kunit_test_suite(${suite}_test_suite);`,
    '',
    `MODULE_DESCRIPTION("KUnit regression tests for drm_gpuvm, generated by gpuvm-check");`,
    'MODULE_LICENSE("GPL");',
    '',
  ].join('\n');
}

