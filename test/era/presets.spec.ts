import { describe, expect, it } from 'vitest';
import { hasFeature, SEED_ERA } from '../../src/era/era.ts';
import { ERA_FEATURES, ERA_PRESETS, NEWEST_ERA, parseEra, V6_18_ERA, V6_19_ERA, V6_8_ERA } from '../../src/era/presets.ts';

describe('era presets', () => {
  it('grow by release: each preset has every feature of the one before', () => {
    for (let i = 1; i < ERA_PRESETS.length; i++) {
      for (const f of ERA_PRESETS[i - 1]!.features) expect(hasFeature(ERA_PRESETS[i]!, f), `${ERA_PRESETS[i]!.label} ${f}`).toBe(true);
      expect(ERA_PRESETS[i]!.features.size).toBeGreaterThan(ERA_PRESETS[i - 1]!.features.size);
    }
    expect(NEWEST_ERA.features.size).toBe(ERA_FEATURES.length);
  });

  it('parses preset names, v7.0 as v6.19, and feature lists (a known set gives its preset)', () => {
    expect(parseEra('seed')).toBe(SEED_ERA);
    expect(parseEra('none')).toBe(SEED_ERA);
    expect(parseEra('v6.8')).toBe(V6_8_ERA);
    expect(parseEra('v7.0')).toBe(V6_19_ERA);
    expect(parseEra('quiet_range_check,vm_bo,madvise,map_req')).toBe(V6_18_ERA);
    const custom = parseEra('vm_bo, madvise');
    expect([...custom.features]).toEqual(['vm_bo', 'madvise']);
    expect(custom.label).toBe('features vm_bo,madvise');
  });

  it('names the unknown word and what it takes', () => {
    expect(() => parseEra('vm_bo,madvice')).toThrow(/unknown era 'madvice': give one of seed, v6.7, v6.8, v6.18, v6.19, v7.0 or features from vm_bo, /);
    expect(() => parseEra('')).toThrow(RangeError);
  });
});
