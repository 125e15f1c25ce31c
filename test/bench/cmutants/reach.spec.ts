import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findFunctions } from '../../../bench/cmutants/functions.ts';
import { driverRoots, reachableFunctions } from '../../../bench/cmutants/reach.ts';
import { tokenize } from '../../../bench/cmutants/tokenize.ts';
import { CLEAN_ROOM_HEADER } from '../../../src/backends/c/cTarget.ts';
import { SEED_PATH, seedExists } from '../../backends/c/seed.ts';
import { LATER_ERA_HEADER, LATER_ERA_SOURCE } from './laterEraSource.ts';

describe('reachableFunctions', () => {
  it('follows calls, function pointers (kref_put), ops tables and macros from the roots; prototypes reach nothing', () => {
    const reached = reachableFunctions(LATER_ERA_SOURCE, LATER_ERA_HEADER, ['drm_gpuvm_madvise_ops_create', 'drm_gpuvm_bo_put']);
    expect([...reached].sort()).toEqual(['__drm_gpuvm_sm_map', 'drm_gpuva_sm_step', 'drm_gpuvm_bo_destroy', 'drm_gpuvm_bo_put', 'drm_gpuvm_check_overflow', 'drm_gpuvm_madvise_ops_create']);
  });

  it("reaches through the header's inline functions and the source's macros", () => {
    const reached = reachableFunctions(LATER_ERA_SOURCE, LATER_ERA_HEADER, ['drm_gpuvm_bo_gem_evict']);
    expect([...reached].sort()).toEqual(['__drm_gpuvm_bo_list_add', 'drm_gpuvm_bo_evict']);
  });

  it('reaches nothing from no roots, and everything a root names', () => {
    expect(reachableFunctions(LATER_ERA_SOURCE, LATER_ERA_HEADER, []).size).toBe(0);
    expect(reachableFunctions(LATER_ERA_SOURCE, LATER_ERA_HEADER, ['drm_gpuvm_exec_lock'])).toEqual(new Set(['drm_gpuvm_exec_lock']));
  });
});

describe('driverRoots', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes every identifier of the driver and the shims, not of our header, KUnit port or tests', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-reach-'));
    for (const [file, text] of Object.entries({
      'driver.c': 'int main(void) { return drm_gpuvm_sm_map(0); }',
      'driver/ops.h': '/* drm_gpuva_remove */',
      'include/drm/drm_gem.h': '#define drm_gem_for_each_gpuvm_bo(x) drm_gpuvm_bo_find(x)',
      'api/drm/drm_gpuvm.h': 'void drm_gpuvm_exec_lock(void);',
      'kunit/test.c': 'void t(void) { drm_gpuvm_validate(); }',
      'tests/x.c': 'drm_gpuvm_bo_evict',
      'README.md': 'drm_gpuvm_prepare_vm',
    })) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const roots = driverRoots(dir);
    for (const r of ['drm_gpuvm_sm_map', 'drm_gpuva_remove', 'drm_gpuvm_bo_find']) expect(roots).toContain(r);
    for (const r of ['drm_gpuvm_exec_lock', 'drm_gpuvm_validate', 'drm_gpuvm_bo_evict', 'drm_gpuvm_prepare_vm']) expect(roots).not.toContain(r);
  });
});

describe.skipIf(!seedExists)('the seed', () => {
  it('has every function reached: the driver drives all of its API', () => {
    const seed = readFileSync(SEED_PATH, 'utf8');
    const reached = reachableFunctions(seed, readFileSync(CLEAN_ROOM_HEADER, 'utf8'), driverRoots());
    expect(findFunctions(tokenize(seed)).map((f) => f.name).filter((f) => !reached.has(f))).toEqual([]);
  });
});
