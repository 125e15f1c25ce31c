/**
 * The C target flags as every command parses them: one option spec, errors as UsageErrors that
 * name the flag.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { resolveCTarget } from '../../src/backends/c/cTarget.ts';
import { parseFlags } from '../../src/cli/args.ts';
import { C_TARGET_FLAGS, cTargetFromFlags, prepareCTarget } from '../../src/cli/cTarget.ts';
import { UsageError } from '../../src/cli/usage.ts';
import { brokenSeedCopy } from '../backends/c/brokenSeed.ts';
import { SEED_PATH, seedExists } from '../backends/c/seed.ts';

describe('C target flags', () => {
  test('the spec parses --kernel-tree, --c-source and --c-header', () => {
    const { values } = parseFlags(['--kernel-tree', '/k', '--c-source', '/s.c', '--c-header', '/h.h'], { name: 'run', flags: C_TARGET_FLAGS });
    expect(values).toEqual({ 'kernel-tree': '/k', 'c-source': '/s.c', 'c-header': '/h.h' });
  });

  test('a missing file is a usage error naming its flag', () => {
    expect(() => cTargetFromFlags({ 'kernel-tree': '/nonexistent/tree' }, {})).toThrow(UsageError);
    expect(() => cTargetFromFlags({ 'kernel-tree': '/nonexistent/tree' }, {})).toThrow(/--kernel-tree: no such directory/);
    expect(() => cTargetFromFlags({ 'c-source': '/nonexistent/a.c' }, {})).toThrow(/--c-source: no such file/);
  });
});

describe.skipIf(!seedExists)('prepareCTarget', () => {
  test('says once which source and era it tests; the seed has no warnings to show', async () => {
    const lines: string[] = [];
    await prepareCTarget(resolveCTarget({}, {}), false, (l) => lines.push(l));
    expect(lines).toEqual([`C source: ${SEED_PATH} (v6.7 era)`]);
  });

  test('shows the warnings of a source when it compiles it, not when the build is reused', async () => {
    const warned = await brokenSeedCopy('\tu64 end;\n', `\tu64 end;\n\tint unused_here; /* ${randomUUID()} */\n`);
    try {
      const target = resolveCTarget({ cSource: warned.path }, {});
      const first: string[] = [];
      await prepareCTarget(target, false, (l) => first.push(l));
      expect(first).toHaveLength(2);
      expect(first[1]).toMatch(/^gcc warnings about .*drm_gpuvm\.c \(not fatal\):\n.*unused variable .unused_here/s);
      const again: string[] = [];
      await prepareCTarget(target, false, (l) => again.push(l));
      expect(again).toEqual([first[0]]);
    } finally {
      await warned.remove();
    }
  });
});
