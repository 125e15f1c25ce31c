import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildableText, kernelLevelFlags, syntaxCheck } from '../../../bench/cmutants/compile.ts';
import { compilerFlags } from '../../../src/backends/c/build.ts';

// Warnings only: an unused variable and label, an empty if body, an unsigned compared with 0.
const WARNS = 'int f(unsigned u)\n{\n\tint unused;\n\tif (u < 0)\n\t\treturn 1;\n\tif (u) ;\nout:\n\treturn 0;\n}\n';

describe('compiling mutants', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("checks at the backend's warning level without -Werror", () => {
    expect(kernelLevelFlags()).toContain('-Wall');
    expect(kernelLevelFlags()).toContain('-Wextra');
    expect(kernelLevelFlags()).not.toContain('-Werror');
  });

  it('keeps a mutant that only draws warnings and drops one that does not compile, with its error', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-compile-'));
    const ok = path.join(dir, 'ok.c');
    writeFileSync(ok, WARNS);
    expect(await syntaxCheck(ok)).toBeNull();
    const bad = path.join(dir, 'bad.c');
    writeFileSync(bad, 'int f(void)\n{\n\tcontinue;\n}\n');
    expect(await syntaxCheck(bad)).toMatch(/bad\.c:3:\d+: error: continue statement not within a loop/);
  });

  it("makes a warning-only mutant pass the backend's -Werror build, keeping every line number", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-compile-'));
    const werror = [...compilerFlags(false), '-c', '-o', path.join(dir, 'x.o')];
    const plain = path.join(dir, 'plain.c');
    writeFileSync(plain, WARNS);
    expect(() => execFileSync('gcc', [...werror, plain], { stdio: 'pipe' })).toThrow();
    const buildable = path.join(dir, 'buildable.c');
    writeFileSync(buildable, buildableText(WARNS));
    expect(buildableText(WARNS).split('\n').length).toBe(WARNS.split('\n').length);
    expect(() => execFileSync('gcc', [...werror, buildable], { stdio: 'pipe' })).not.toThrow();
  });
});
