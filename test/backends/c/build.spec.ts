/**
 * Building the C driver: where the C source comes from, the cache, and the errors a user can
 * act on (no gcc, no source, a source that does not compile).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildDriver, compilerFlags, sourceFlags } from '../../../src/backends/c/build.ts';
import { C_SOURCE_ENV, DEFAULT_C_SOURCE, resolveCSource } from '../../../src/backends/c/cTarget.ts';
import { NativeBuildError } from '../../../src/backends/c/nativeBuildError.ts';
import { REPO_ROOT } from '../../../src/backends/c/paths.ts';
import { nativeCacheDir } from '../../../src/backends/c/cacheDir.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { brokenSeedCopy } from './brokenSeed.ts';
import { seedExists } from './seed.ts';

describe('resolveCSource', () => {
  test('defaults to ../shared/seed/drm_gpuvm.c relative to the repository root, not the cwd', () => {
    expect(DEFAULT_C_SOURCE).toBe(path.resolve(REPO_ROOT, '..', 'shared', 'seed', 'drm_gpuvm.c'));
    expect(resolveCSource({}, {})).toBe(DEFAULT_C_SOURCE);
  });

  test(`takes ${C_SOURCE_ENV}, and the option over it; relative paths from the cwd`, () => {
    expect(resolveCSource({}, { [C_SOURCE_ENV]: '/x/env.c' })).toBe('/x/env.c');
    expect(resolveCSource({ cSource: '/x/opt.c' }, { [C_SOURCE_ENV]: '/x/env.c' })).toBe('/x/opt.c');
    expect(resolveCSource({ cSource: 'rel.c' }, {})).toBe(path.resolve(process.cwd(), 'rel.c'));
    expect(resolveCSource({}, { [C_SOURCE_ENV]: '' })).toBe(DEFAULT_C_SOURCE);
  });
});

describe('build errors', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  test('a missing source names the path and what to do', async () => {
    const missing = path.join(REPO_ROOT, 'no-such-dir', 'drm_gpuvm.c');
    const error = await createCBackend({ cSource: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NativeBuildError);
    expect((error as NativeBuildError).reason).toBe('source-missing');
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('--c-source');
  });

  test.skipIf(!seedExists)('no gcc on PATH is said plainly', async () => {
    process.env.PATH = path.join(REPO_ROOT, 'no-such-dir');
    const error = await buildDriver({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NativeBuildError);
    expect((error as NativeBuildError).reason).toBe('no-compiler');
    expect((error as Error).message).toMatch(/gcc not found on PATH/);
  });

  test.skipIf(!seedExists)('a source that does not compile gives its first errors, its era and what we support', async () => {
    const broken = await brokenSeedCopy('return -EEXIST;', 'return -EEXIST');
    try {
      const error = await createCBackend({ cSource: broken.path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NativeBuildError);
      expect((error as NativeBuildError).reason).toBe('compile-failed');
      const message = (error as Error).message;
      expect(message).toContain(broken.path);
      expect((error as NativeBuildError).diagnostics).toMatch(/drm_gpuvm\.c:\d+:\d+: error: expected ';'/);
      expect(message).toMatch(/drm_gpuvm\.c:\d+:\d+: error: expected ';'/);
      expect(message).toContain('(v6.7 era)');
      expect(message).toMatch(/Supported: the seed \(v6\.7\)/);
      // The failed build cleaned up after itself.
      const ours = readdirSync(nativeCacheDir()).filter((d) => d.startsWith('.tmp-') && d.includes(`-${process.pid}-`));
      expect(ours).toEqual([]);
    } finally {
      await broken.remove();
    }
  });

  test.skipIf(!seedExists)('hundreds of errors are cut to the first few', async () => {
    // u64 made an incomplete type breaks every use of it, as a mismatched header does.
    const broken = await brokenSeedCopy('#include <drm/drm_gpuvm.h>', '#define u64 struct undeclared_thing\n#include <drm/drm_gpuvm.h>');
    try {
      const error = (await buildDriver({ cSource: broken.path }).catch((e: unknown) => e)) as NativeBuildError;
      expect(error.reason).toBe('compile-failed');
      const errors = error.diagnostics.split('\n').filter((l) => / error: /.test(l)).length;
      expect(errors).toBeGreaterThan(20);
      expect(error.message.split('\n').length).toBeLessThan(20);
      expect(error.message).toMatch(new RegExp(`\\.\\.\\. ${errors} errors in all; the first 8 shown`));
    } finally {
      await broken.remove();
    }
  });
});

describe.skipIf(!seedExists)('compile policy', () => {
  test('the source under test gets the kernel’s warning level, never -Werror; our driver and shims get -Werror', () => {
    expect(sourceFlags(false)).toContain('-Wall');
    expect(sourceFlags(false).filter((f) => f === '-Werror' || f === '-Wextra')).toEqual([]);
    expect(compilerFlags(false)).toEqual(expect.arrayContaining(['-Wall', '-Wextra', '-Werror']));
  });

  test('the seed builds without a single warning', async () => {
    expect((await buildDriver({})).warnings).toBe('');
  });

  test('a harmless warning in the source builds; it is reported by the build that compiled it, and kept', async () => {
    // A fresh comment each run, so that no earlier run's build is in the cache.
    const warned = await brokenSeedCopy('\tu64 end;\n', `\tu64 end;\n\tint unused_here; /* ${randomUUID()} */\n`);
    try {
      const first = await buildDriver({ cSource: warned.path });
      expect(first.fresh).toBe(true);
      expect(first.warnings).toMatch(/unused variable .unused_here/);
      expect(existsSync(first.binary)).toBe(true);
      const again = await buildDriver({ cSource: warned.path });
      expect(again.fresh).toBe(false);
      expect(again.warnings).toBe(first.warnings);
    } finally {
      await warned.remove();
    }
  });
});

describe.skipIf(!seedExists)('build cache', () => {
  test('builds land in <user cache>/native/<sha256>/ and are reused', async () => {
    const [a, b] = await Promise.all([buildDriver({}), buildDriver({})]);
    expect(a.binary).toBe(b.binary);
    expect(path.relative(nativeCacheDir(), a.binary)).toMatch(/^[0-9a-f]{64}\/gpuvm-driver$/);
    expect(existsSync(a.binary)).toBe(true);
    expect((await buildDriver({})).binary).toBe(a.binary);
  });

  test('two paths with the same bytes share a binary, and each keeps its own target', async () => {
    const marker = `/* ${randomUUID()} */`;
    const [a, b] = await Promise.all([1, 2].map(() => brokenSeedCopy('MODULE_LICENSE("GPL");', `MODULE_LICENSE("GPL"); ${marker}`)));
    try {
      const [builtA, builtB] = await Promise.all([buildDriver({ cSource: a!.path }), buildDriver({ cSource: b!.path })]);
      expect(builtA.binary).toBe(builtB.binary);
      expect([builtA.target.cSource, builtB.target.cSource]).toEqual([a!.path, b!.path]);
      expect([builtA.cSource, builtB.cSource]).toEqual([a!.path, b!.path]);
    } finally {
      await Promise.all([a!.remove(), b!.remove()]);
    }
  });

  test('sanitizer builds and other sources get their own binaries', async () => {
    const plain = await buildDriver({});
    const sanitized = await buildDriver({ sanitize: true });
    expect(sanitized.binary).not.toBe(plain.binary);
    const copy = await brokenSeedCopy('MODULE_LICENSE("GPL");', 'MODULE_LICENSE("GPL"); /* same code */');
    try {
      expect((await buildDriver({ cSource: copy.path })).binary).not.toBe(plain.binary);
    } finally {
      await copy.remove();
    }
  });
});
