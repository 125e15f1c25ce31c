/**
 * code-eras.json, the committed upstream status of code findings by era: it covers every code
 * finding in every tree, and (where the trees are on this machine) one tree of each era it lists
 * still gives what it records.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeEra, committedCodeEras } from '../../../properties/findings/codeEras.ts';
import { defaultTrees } from '../../../properties/findings/docEras.ts';
import { FINDINGS } from '../../../properties/findings/registry.ts';
import { ERA_PRESETS } from '../../../src/era/presets.ts';

describe('code findings by era (properties/findings/code-eras.json)', () => {
  const committed = committedCodeEras();
  const trees = defaultTrees();
  // One tree per era listed, by its own name (trees paired with another's header are not re-run).
  const rechecked = [...new Map(committed.filter((e) => trees.some((t) => t.endsWith(`/${e.tree}`))).map((e) => [e.era, e])).values()];
  if (rechecked.length === 0) console.warn('!!! code-eras.json NOT re-checked: none of its trees is here ($GPUVM_KERNEL_TREES or /work/trees); only its form is.');

  it('gives every code finding a verdict in every tree, of an era we know', () => {
    expect(committed.length).toBeGreaterThan(0);
    const labels = ERA_PRESETS.map((e) => e.label);
    for (const era of committed) {
      expect(labels, era.tree).toContain(era.era.replace(/\+$/, ''));
      expect(Object.keys(era.findings).sort(), era.tree).toEqual(FINDINGS.map((f) => f.id));
      for (const v of Object.values(era.findings)) expect(['present', 'fixed']).toContain(v.status);
    }
  });

  it.skipIf(rechecked.length === 0)('is what the kernel trees on this machine say, one tree per era (run `npm run findings:code-eras`)', async () => {
    for (const era of rechecked) {
      const dir = trees.find((t) => t.endsWith(`/${era.tree}`))!;
      expect(existsSync(join(dir, 'include/drm/drm_gpuvm.h'))).toBe(true);
      expect(await codeEra({ dir, header: null }, (line) => console.warn(line)), era.tree).toEqual(era);
    }
  }, 300_000);
});
