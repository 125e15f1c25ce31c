/**
 * The C target flags as every command parses them: one option spec, errors as UsageErrors that
 * name the flag.
 */
import { describe, expect, test } from 'vitest';
import { parseFlags } from '../../src/cli/args.ts';
import { C_TARGET_FLAGS, cTargetFromFlags } from '../../src/cli/cTarget.ts';
import { UsageError } from '../../src/cli/usage.ts';

describe('C target flags', () => {
  test('the spec parses --kernel-tree, --c-source and --c-header', () => {
    const { values } = parseFlags(['--kernel-tree', '/k', '--c-source', '/s.c', '--c-header', '/h.h'], C_TARGET_FLAGS, 'run');
    expect(values).toEqual({ 'kernel-tree': '/k', 'c-source': '/s.c', 'c-header': '/h.h' });
  });

  test('a missing file is a usage error naming its flag', () => {
    expect(() => cTargetFromFlags({ 'kernel-tree': '/nonexistent/tree' }, {})).toThrow(UsageError);
    expect(() => cTargetFromFlags({ 'kernel-tree': '/nonexistent/tree' }, {})).toThrow(/--kernel-tree: no such directory/);
    expect(() => cTargetFromFlags({ 'c-source': '/nonexistent/a.c' }, {})).toThrow(/--c-source: no such file/);
  });
});
