import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labelOf, mutationSourceOf, reportBase, SEED_LABEL, withoutSourcePaths } from '../../../bench/cmutants/source.ts';
import { CLEAN_ROOM_HEADER, DEFAULT_C_SOURCE, resolveCTarget } from '../../../src/backends/c/cTarget.ts';
import { LATER_ERA_HEADER, LATER_ERA_SOURCE } from './laterEraSource.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A kernel tree `<tmp>/<name>` holding the later-era-shaped source and header. */
function tree(name: string): string {
  dir = mkdtempSync(path.join(tmpdir(), 'cmutants-source-'));
  const root = path.join(dir, name);
  mkdirSync(path.join(root, 'drivers', 'gpu', 'drm'), { recursive: true });
  mkdirSync(path.join(root, 'include', 'drm'), { recursive: true });
  writeFileSync(path.join(root, 'drivers', 'gpu', 'drm', 'drm_gpuvm.c'), LATER_ERA_SOURCE);
  writeFileSync(path.join(root, 'include', 'drm', 'drm_gpuvm.h'), LATER_ERA_HEADER);
  return root;
}

describe('mutationSourceOf', () => {
  it("reads a kernel tree's source and header, keyed by both sha256s, labelled by the tree, in the era detected from them", () => {
    const s = mutationSourceOf(resolveCTarget({ kernelTree: tree('v6.18-like') }));
    expect(s).toMatchObject({ label: 'v6.18-like', isSeed: false, text: LATER_ERA_SOURCE });
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.headerSha256).not.toBe(s.sha256);
    expect(s.era.label).toBe('v6.18');
    expect(reportBase(s)).toBe('c-mutants-v6.18-like');
  });

  it('gives another text under the same tree name another sha256', () => {
    const root = tree('same');
    const before = mutationSourceOf(resolveCTarget({ kernelTree: root })).sha256;
    writeFileSync(path.join(root, 'drivers', 'gpu', 'drm', 'drm_gpuvm.c'), `${LATER_ERA_SOURCE}\n`);
    expect(mutationSourceOf(resolveCTarget({ kernelTree: root })).sha256).not.toBe(before);
  });
});

describe('labelOf', () => {
  it('names the seed, a tree by its directory, a lone file by its name and sha256 prefix', () => {
    expect(labelOf({ cSource: DEFAULT_C_SOURCE, cHeader: CLEAN_ROOM_HEADER }, 'ab')).toBe(SEED_LABEL);
    expect(reportBase({ label: SEED_LABEL, isSeed: true })).toBe('c-mutants');
    expect(labelOf({ cSource: '/t/v7.0-deprecated/drivers/gpu/drm/drm_gpuvm.c', cHeader: '/t/v7.0-deprecated/include/drm/drm_gpuvm.h' }, 'ab')).toBe('v7.0-deprecated');
    expect(labelOf({ cSource: '/x/my gpuvm.c', cHeader: '/x/h.h' }, '0123456789abcdef')).toBe('my_gpuvm-01234567');
    // The seed's text with another header is not the seed.
    expect(labelOf({ cSource: DEFAULT_C_SOURCE, cHeader: '/x/h.h' }, '0123456789abcdef')).toBe('drm_gpuvm-01234567');
  });
});

describe('withoutSourcePaths', () => {
  it('replaces the paths of --kernel-tree, --c-source and --c-header (both spellings) by the label', () => {
    expect(withoutSourcePaths(['--kernel-tree', '/a/b', '--sample', '8', '--c-header=/h', '--c-source', 'x.c'], 'L')).toEqual([
      '--kernel-tree',
      '<L tree>',
      '--sample',
      '8',
      '--c-header=<L drm_gpuvm.h>',
      '--c-source',
      '<L drm_gpuvm.c>',
    ]);
  });
});
