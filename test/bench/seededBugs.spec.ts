import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPatch, parsePatch, PatchError } from '../../bench/seededBugs/applyPatch.ts';
import { loadBugs, runSeededBug, selectBugs } from '../../bench/seededBugs.ts';
import { SEED_PATH, seedExists } from '../backends/c/seed.ts';

const bugs = loadBugs();

/** A tiny source and a patch of it, for the applier's own checks. */
const SOURCE = ['int f(int a)', '{', '\tint b = a + 1;', '\treturn b;', '}', ''].join('\n');
const PATCH = [
  '--- a/f.c',
  '+++ b/f.c',
  '@@ -2,3 +2,3 @@',
  ' {',
  '-\tint b = a + 1;',
  '+\tint b = a - 1;',
  ' \treturn b;',
  '',
].join('\n');

describe('the seeded-bug patch applier', () => {
  it('replaces the one line and says where', () => {
    const applied = applyPatch(SOURCE, PATCH, 'p.patch');
    expect(applied.text).toBe(SOURCE.replace('a + 1', 'a - 1'));
    expect(applied).toMatchObject({ line: 3, offset: 0, removed: '\tint b = a + 1;', added: '\tint b = a - 1;' });
  });

  it('applies at a unique shifted place, as patch(1) does', () => {
    const applied = applyPatch(`/* new first line */\n${SOURCE}`, PATCH, 'p.patch');
    expect(applied).toMatchObject({ line: 4, offset: 1 });
  });

  it('deletes a line when the hunk adds none', () => {
    const deletion = PATCH.replace('+\tint b = a - 1;\n', '').replace('+2,3', '+2,2');
    expect(applyPatch(SOURCE, deletion, 'd.patch').text).toBe(SOURCE.replace('\tint b = a + 1;\n', ''));
  });

  it('refuses a patch whose context does not match, naming the patch', () => {
    const otherContext = SOURCE.replace('\treturn b;', '\treturn b * 2;');
    expect(() => applyPatch(otherContext, PATCH, 'stale.patch')).toThrow(PatchError);
    expect(() => applyPatch(otherContext, PATCH, 'stale.patch')).toThrow(/^stale\.patch: does not apply/);
    const otherLine = SOURCE.replace('a + 1', 'a + 2');
    expect(() => applyPatch(otherLine, PATCH, 'stale.patch')).toThrow(/stale\.patch: does not apply.*expected 'int b = a \+ 1;' at line 3/);
  });

  it('refuses a patch whose context matches at several places', () => {
    expect(() => applyPatch(`/* new first line */\n${SOURCE}${SOURCE}`, PATCH, 'twice.patch')).toThrow(/twice\.patch: does not apply: its context matches at 2 places/);
  });

  it('refuses patches that are not single-line changes or not unified diffs', () => {
    const twoLines = PATCH.replace(' \treturn b;', '-\treturn b;\n+\treturn -b;');
    expect(() => applyPatch(SOURCE, twoLines, 'two.patch')).toThrow(/two\.patch: a seeded bug changes exactly one line: this hunk removes 2 and adds 2/);
    expect(() => applyPatch(SOURCE, PATCH.replace('@@ -2,3 +2,3 @@', '@@ -2,4 +2,3 @@'), 'count.patch')).toThrow(/count\.patch: hunk header says -4 \+3/);
    expect(() => applyPatch(SOURCE, `${PATCH}@@ -1,1 +1,1 @@\n-x\n+y\n`, 'hunks.patch')).toThrow(/hunks\.patch: more than one hunk/);
    expect(() => applyPatch(SOURCE, 'int b = a - 1;\n', 'junk.patch')).toThrow(/junk\.patch: not a unified diff/);
  });
});

describe('bench/bugs', () => {
  it('holds at least 14 patches, each described in bench/bugs/README.md', () => {
    expect(bugs.length).toBeGreaterThanOrEqual(14);
    for (const bug of bugs) {
      expect(bug.description, bug.file).not.toBe('');
      expect(bug.expectedCatch, bug.file).not.toBe('');
    }
  });

  it('--only selects by name, number or unique substring, and refuses what matches nothing or several', () => {
    expect(selectBugs(bugs, [bugs[0]!.name]).map((b) => b.name)).toEqual([bugs[0]!.name]);
    expect(selectBugs(bugs, [bugs[1]!.name.split('-')[0]!]).map((b) => b.name)).toEqual([bugs[1]!.name]);
    expect(() => selectBugs(bugs, ['no-such-bug'])).toThrow(/no such bug/);
    expect(() => selectBugs(bugs, ['-'])).toThrow(/ambiguous/);
  });

  it.each(bugs.map((b) => [b.file, b] as const))('%s is a unified diff a/drm_gpuvm.c -> b/drm_gpuvm.c of one line', (_file, bug) => {
    const patch = parsePatch(bug.patch, bug.file);
    expect(patch.oldFile).toBe('a/drm_gpuvm.c');
    expect(patch.newFile).toBe('b/drm_gpuvm.c');
    expect(patch.added).not.toBe(patch.removed);
  });
});

describe.skipIf(!seedExists)('bench/bugs against the seed', () => {
  const seed = seedExists ? readFileSync(SEED_PATH, 'utf8') : '';

  it.each(bugs.map((b) => [b.file, b] as const))('%s applies cleanly, exactly where it says, and changes exactly one line', (_file, bug) => {
    const applied = applyPatch(seed, bug.patch, bug.file);
    expect(applied.offset).toBe(0);
    const before = seed.split('\n');
    const after = applied.text.split('\n');
    expect(after.length).toBe(before.length - (applied.added === null ? 1 : 0));
    const at = applied.line - 1;
    expect(before[at]).toBe(applied.removed);
    if (applied.added === null) {
      expect([...before.slice(0, at), ...before.slice(at + 1)]).toEqual(after);
    } else {
      expect(after[at]).toBe(applied.added);
      const differing = before.map((line, i) => (line === after[i] ? -1 : i)).filter((i) => i >= 0);
      expect(differing).toEqual([at]);
    }
  });

  // Two fast ones: the unmap keep flag and the mode-list op order, each found in the first jobs.
  it.each(['21-unmap-keep-true', '17-sm-step-ops-reversed'])(
    'a short campaign finds %s with a short reproducer',
    async (name) => {
      const bug = bugs.find((b) => b.name === name);
      expect(bug, `${name} is in bench/bugs`).toBeDefined();
      const result = await runSeededBug(bug!, { seed: 1, timeoutMs: 30_000, runsPerJob: 10, walkRequests: 2000, keepDir: null });
      expect(result.found, `${name}: not found in ${result.jobsDone} jobs`).toBe(true);
      // Judged by the contract: the invariant C breaks, or a difference from the port where the contract does not decide.
      expect(['invariant', 'divergence']).toContain(result.class);
      expect(result.reproducerRequests).toBeLessThanOrEqual(6);
      expect(result.replay).toMatch(/^npx gpuvm-check check \S+$/);
    },
    120_000,
  );
});
