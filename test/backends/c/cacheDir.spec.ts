import { describe, expect, test } from 'vitest';
import { nativeCacheDir } from '../../../src/backends/c/cacheDir.ts';

const home = (): string => '/home/u';

describe('nativeCacheDir', () => {
  test.each([
    [{}, '/home/u/.cache/gpuvm-check/native'],
    [{ XDG_CACHE_HOME: '/xdg' }, '/xdg/gpuvm-check/native'],
    [{ XDG_CACHE_HOME: 'relative/xdg' }, '/home/u/.cache/gpuvm-check/native'],
    [{ XDG_CACHE_HOME: '' }, '/home/u/.cache/gpuvm-check/native'],
    [{ XDG_CACHE_HOME: '/xdg', GPUVM_CACHE_DIR: '/override' }, '/override/native'],
    [{ GPUVM_CACHE_DIR: 'rel' }, '/home/u/.cache/gpuvm-check/native'],
  ])('%j -> %s', (env, expected) => {
    expect(nativeCacheDir(env, home)).toBe(expected);
  });
});
