/**
 * The rb-tree and interval-tree shims (native/lib/rbtree.c, <linux/interval_tree_generic.h>)
 * checked by native/tests/interval_tree_test.c: red-black properties, augmented values, and
 * iter_first/iter_next against a naive scan, with intervals that wrap around 2^64.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compilerFlags, SHIM_INCLUDE_DIRS } from '../../../src/backends/c/build.ts';
import { NATIVE_DIR } from '../../../src/backends/c/paths.ts';

describe('interval tree shim self-check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpuvm-itree-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['plain', false, 100_000],
    ['sanitized', true, 20_000],
  ] as const)('%s build', (name, sanitize, iterations) => {
    const binary = path.join(dir, `interval_tree_test-${name}`);
    execFileSync('gcc', [
      ...compilerFlags(sanitize),
      ...SHIM_INCLUDE_DIRS.flatMap((d) => ['-I', d]),
      '-o',
      binary,
      path.join(NATIVE_DIR, 'tests', 'interval_tree_test.c'),
      path.join(NATIVE_DIR, 'lib', 'rbtree.c'),
    ]);
    for (const seed of ['1', '0xdeadbeef']) {
      const out = execFileSync(binary, [String(iterations), seed], { encoding: 'utf8' });
      expect(out).toMatch(/^\d+ passed, 0 failed\n$/);
    }
  });
});
