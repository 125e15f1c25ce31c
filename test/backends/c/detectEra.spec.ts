/**
 * Era detection on tiny synthetic snippets holding each era's telltale declarations (no kernel
 * code in the repository): what counts, what does not (comments, calls, declarations without
 * a body), and how the label and the -D macros follow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CLEAN_ROOM_HEADER } from '../../../src/backends/c/cTarget.ts';
import { describeEra, detectEra, eraDefines } from '../../../src/backends/c/detectEra.ts';
import { seedExists, SEED_PATH } from './seed.ts';

/** The seed's overflow check: WARNs itself. */
const LOUD_CHECK = `static bool\ndrm_gpuvm_check_overflow(u64 addr, u64 range)\n{\n\treturn WARN(check_add_overflow(addr, range, &end), "x");\n}\n`;
/** From v6.8: quiet, with a separate warning wrapper. */
const QUIET_CHECK =
  `static bool\ndrm_gpuvm_check_overflow(u64 addr, u64 range)\n{\n\treturn check_add_overflow(addr, range, &end);\n}\n` +
  `static bool\ndrm_gpuvm_warn_check_overflow(struct drm_gpuvm *gpuvm, u64 addr, u64 range)\n{\n\treturn drm_WARN(gpuvm->drm, drm_gpuvm_check_overflow(addr, range), "x");\n}\n`;
const VM_BO = 'struct drm_gpuvm_bo {\n\tstruct drm_gpuvm *vm;\n};\n';
const MAP_REQ = 'struct drm_gpuvm_map_req {\n\tstruct drm_gpuva_op_map map;\n};\n';
const MADVISE =
  'struct drm_gpuva_ops *\ndrm_gpuvm_madvise_ops_create(struct drm_gpuvm *gpuvm,\n\t\t\t     const struct drm_gpuvm_map_req *req)\n{\n\treturn NULL;\n}\n';
const IMMEDIATE = 'enum drm_gpuvm_flags {\n\tDRM_GPUVM_IMMEDIATE_MODE = BIT(1),\n};\nstruct drm_gpuvm {\n\tstruct llist_head bo_defer;\n};\n';

describe('detectEra', () => {
  test('nothing of later eras: v6.7, no macros', () => {
    const era = detectEra(LOUD_CHECK, 'struct drm_gpuva {\n};\n');
    expect([...era.features]).toEqual([]);
    expect(era.label).toBe('v6.7');
    expect(describeEra(era)).toBe('v6.7 era');
    expect(eraDefines(era)).toEqual([]);
  });

  test('v6.8: struct drm_gpuvm_bo in the header and a quiet overflow check', () => {
    const era = detectEra(QUIET_CHECK, VM_BO);
    expect([...era.features].sort()).toEqual(['quiet_range_check', 'vm_bo']);
    expect(era.label).toBe('v6.8');
    expect(eraDefines(era)).toEqual(['-DGPUVM_ERA_VM_BO', '-DGPUVM_ERA_QUIET_RANGE_CHECK']);
  });

  test('v6.18: map_req in the header and a madvise_ops_create definition in the source', () => {
    const era = detectEra(QUIET_CHECK + MADVISE, VM_BO + MAP_REQ);
    expect(era.label).toBe('v6.18');
    expect(describeEra(era)).toBe('v6.18 era: vm_bo, quiet_range_check, map_req, madvise');
  });

  test('v6.19: immediate mode with the deferred vm_bo put', () => {
    const era = detectEra(QUIET_CHECK + MADVISE, VM_BO + MAP_REQ + IMMEDIATE);
    expect(era.label).toBe('v6.19');
    expect(eraDefines(era)).toContain('-DGPUVM_ERA_IMMEDIATE_MODE');
  });

  test('immediate mode without bo_defer (v6.18 itself) is not the v6.19 feature', () => {
    const era = detectEra(QUIET_CHECK + MADVISE, VM_BO + MAP_REQ + 'enum x {\n\tDRM_GPUVM_IMMEDIATE_MODE = BIT(1),\n};\n');
    expect(era.features.has('immediate_mode')).toBe(false);
    expect(era.label).toBe('v6.18');
  });

  test('a release plus a backported feature is labelled with a +', () => {
    const era = detectEra(QUIET_CHECK + MADVISE, VM_BO + MAP_REQ.replace('map_req', 'not_it'));
    expect([...era.features].sort()).toEqual(['madvise', 'quiet_range_check', 'vm_bo']);
    expect(era.label).toBe('v6.8+');
  });

  test('comments, calls and bare declarations are not telltales', () => {
    const prose = `/*\n * ${VM_BO}\n * ${MAP_REQ}\n * ${MADVISE}\n */\n// ${VM_BO.split('\n')[0]}\n`;
    const calls = 'void f(void)\n{\n\tops = drm_gpuvm_madvise_ops_create(gpuvm, &req);\n}\n';
    const declaration = 'struct drm_gpuva_ops *drm_gpuvm_madvise_ops_create(struct drm_gpuvm *gpuvm, const struct drm_gpuvm_map_req *req);\n';
    const era = detectEra(LOUD_CHECK + prose + calls + declaration, prose + 'struct drm_gpuvm_bo;\n');
    expect([...era.features]).toEqual([]);
  });

  test('a WARN in a comment inside the overflow check does not make it loud', () => {
    const commented = QUIET_CHECK.replace('{\n\treturn check_add', '{\n\t/* no WARN here */\n\treturn check_add');
    expect(detectEra(commented, '').features.has('quiet_range_check')).toBe(true);
  });

  test.skipIf(!seedExists)('the seed with our clean-room header is the v6.7 era', () => {
    const era = detectEra(readFileSync(SEED_PATH, 'utf8'), readFileSync(CLEAN_ROOM_HEADER, 'utf8'));
    expect(era.label).toBe('v6.7');
    expect([...era.features]).toEqual([]);
  });
});
