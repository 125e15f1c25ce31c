/**
 * Building the C driver: where the C source comes from, the cache, and the errors a user can
 * act on (no gcc, no source, a source that does not compile).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  buildDriver,
  C_SOURCE_ENV,
  DEFAULT_C_SOURCE,
  NativeBuildError,
  REPO_ROOT,
  resolveCSource,
} from '../../../src/backends/c/build.ts';
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

  test.skipIf(!seedExists)('a source that does not compile gives gcc’s diagnostics', async () => {
    const broken = await brokenSeedCopy('return -EEXIST;', 'return -EEXIST');
    try {
      const error = await createCBackend({ cSource: broken.path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NativeBuildError);
      expect((error as NativeBuildError).reason).toBe('compile-failed');
      expect((error as Error).message).toContain(broken.path);
      expect((error as NativeBuildError).diagnostics).toMatch(/drm_gpuvm\.c:\d+:\d+: error: expected ';'/);
      expect((error as Error).message).toContain((error as NativeBuildError).diagnostics);
    } finally {
      await broken.remove();
    }
  });

  test.skipIf(!seedExists)('a warning is an error: the seed must build warning-free', async () => {
    const broken = await brokenSeedCopy('\tu64 end;\n', '\tu64 end;\n\tint unused_here;\n');
    try {
      const error = await buildDriver({ cSource: broken.path }).catch((e: unknown) => e);
      expect((error as NativeBuildError).reason).toBe('compile-failed');
      expect((error as NativeBuildError).diagnostics).toMatch(/unused variable .unused_here/);
    } finally {
      await broken.remove();
    }
  });
});

describe.skipIf(!seedExists)('build cache', () => {
  test('builds land in .cache/native/<sha256>/ and are reused', async () => {
    const [a, b] = await Promise.all([buildDriver({}), buildDriver({})]);
    expect(a.binary).toBe(b.binary);
    expect(path.relative(REPO_ROOT, a.binary)).toMatch(/^\.cache\/native\/[0-9a-f]{64}\/gpuvm-driver$/);
    expect(existsSync(a.binary)).toBe(true);
    expect((await buildDriver({})).binary).toBe(a.binary);
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
