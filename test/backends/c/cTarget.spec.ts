/**
 * Resolving the C target: kernel trees, a source with or without a header, the environment,
 * the seed; errors name the flag or variable at fault. The trees here are synthetic snippets.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  C_HEADER_ENV,
  C_SOURCE_ENV,
  CLEAN_ROOM_HEADER,
  CTargetError,
  DEFAULT_C_SOURCE,
  describeCTarget,
  KERNEL_TREE_ENV,
  namedHeader,
  resolveCTarget,
  TREE_HEADER,
  TREE_SOURCE,
} from '../../../src/backends/c/cTarget.ts';
import { seedExists } from './seed.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gpuvm-ctarget-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory laid out as a kernel tree whose header has `struct drm_gpuvm_bo` (v6.8 on). */
function tree(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, path.dirname(TREE_SOURCE)), { recursive: true });
  mkdirSync(path.join(dir, path.dirname(TREE_HEADER)), { recursive: true });
  writeFileSync(path.join(dir, TREE_SOURCE), 'static bool\ndrm_gpuvm_check_overflow(u64 a, u64 r)\n{\n\treturn false;\n}\n');
  writeFileSync(path.join(dir, TREE_HEADER), 'struct drm_gpuvm_bo {\n\tint x;\n};\n');
  return dir;
}

function errorOf(f: () => unknown): CTargetError {
  try {
    f();
  } catch (error) {
    if (error instanceof CTargetError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('resolveCTarget', () => {
  const dir = tree('k');

  test('--kernel-tree takes both files from the tree and detects the era from them', () => {
    const target = resolveCTarget({ kernelTree: dir }, {});
    expect(target.cSource).toBe(path.join(dir, TREE_SOURCE));
    expect(target.cHeader).toBe(path.join(dir, TREE_HEADER));
    expect([...target.era.features].sort()).toEqual(['quiet_range_check', 'vm_bo']);
    expect(describeCTarget(target)).toBe(`C source: ${target.cSource} with ${target.cHeader} (v6.8 era: vm_bo, quiet_range_check)`);
  });

  test('a source inside a kernel tree brings the tree’s header; a lone one gets our clean-room header', () => {
    expect(resolveCTarget({ cSource: path.join(dir, TREE_SOURCE) }, {}).cHeader).toBe(path.join(dir, TREE_HEADER));
    const lone = path.join(root, 'drm_gpuvm.c');
    writeFileSync(lone, '');
    expect(resolveCTarget({ cSource: lone }, {}).cHeader).toBe(CLEAN_ROOM_HEADER);
    expect(resolveCTarget({ cSource: lone, cHeader: path.join(dir, TREE_HEADER) }, {}).cHeader).toBe(path.join(dir, TREE_HEADER));
  });

  test('namedHeader is null exactly when the source would get that header anyway', () => {
    expect(namedHeader(resolveCTarget({ kernelTree: dir }, {}))).toBeNull();
    const lone = path.join(root, 'lone.c');
    writeFileSync(lone, '');
    const header = path.join(dir, TREE_HEADER);
    expect(namedHeader(resolveCTarget({ cSource: lone, cHeader: header }, {}))).toBe(header);
  });

  test('the environment stands in for absent flags, and any flag overrides all of it', () => {
    expect(resolveCTarget({}, { [KERNEL_TREE_ENV]: dir }).cSource).toBe(path.join(dir, TREE_SOURCE));
    const other = tree('other');
    expect(resolveCTarget({ kernelTree: other }, { [C_SOURCE_ENV]: '/nonexistent.c' }).cSource).toBe(path.join(other, TREE_SOURCE));
  });

  test.skipIf(!seedExists)('nothing given: the seed with our header, v6.7 era', () => {
    const target = resolveCTarget({}, {});
    expect(target).toMatchObject({ cSource: DEFAULT_C_SOURCE, cHeader: CLEAN_ROOM_HEADER });
    expect(describeCTarget(target)).toBe(`C source: ${DEFAULT_C_SOURCE} (v6.7 era)`);
  });

  test.each([
    [{ cSource: '/nonexistent/drm_gpuvm.c' }, {}, '--c-source', /--c-source: no such file '\/nonexistent\/drm_gpuvm.c'/],
    [{}, { [C_SOURCE_ENV]: '/nonexistent/x.c' }, C_SOURCE_ENV, /GPUVM_C_SOURCE: no such file/],
    [{ kernelTree: '/nonexistent/tree' }, {}, '--kernel-tree', /--kernel-tree: no such directory '\/nonexistent\/tree'/],
    [{}, { [KERNEL_TREE_ENV]: '/nonexistent/tree' }, KERNEL_TREE_ENV, /GPUVM_KERNEL_TREE: no such directory/],
    [{ kernelTree: '/x', cSource: '/y.c' }, {}, '--kernel-tree', /--kernel-tree names both files; do not give --c-source or --c-header/],
    [{ cHeader: '/x.h' }, {}, '--c-header', /--c-header needs the source it belongs to \(--c-source\)/],
    [{}, { [C_HEADER_ENV]: '/x.h' }, C_HEADER_ENV, /GPUVM_C_HEADER needs the source/],
  ] as const)('%j %j: the error names %s', (options, env, origin, message) => {
    const error = errorOf(() => resolveCTarget(options, env));
    expect(error.origin).toBe(origin);
    expect(error.reason).toBe('source-missing');
    expect(error.message).toMatch(message);
  });

  test('a named header that does not exist is named', () => {
    const error = errorOf(() => resolveCTarget({ cSource: path.join(dir, TREE_SOURCE), cHeader: '/nonexistent/h.h' }, {}));
    expect(error.origin).toBe('--c-header');
    expect(error.message).toBe("--c-header: no such file '/nonexistent/h.h'");
  });
});
