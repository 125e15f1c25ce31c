/**
 * replayFindings follows the source's era: on the port of every era every finding is present,
 * judged by that era's model (so a vm_bo era is not charged with the seed era's vm_bo count)
 * and compared with that era's fixed port.
 */
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/backends/create.ts';
import { hasFeature } from '../../../src/era/era.ts';
import { ERA_PRESETS } from '../../../src/era/presets.ts';
import { replayFindings } from '../../../properties/findings/replay.ts';
import { FINDINGS } from '../../../properties/findings/registry.ts';

/** The invariant each finding breaks where the model speaks for its whole trace, in every era. */
const OWN_INVARIANT: Record<string, string | null> = {
  'GPUVM-002': 'lookups',
  'GPUVM-003': 'lookups',
  'GPUVM-004': 'validity',
  'GPUVM-005': 'lookups',
  'GPUVM-006': 'validity',
  'GPUVM-008': 'ops',
  'GPUVM-009': 'lookups',
};

describe('replayFindings', () => {
  for (const era of ERA_PRESETS) {
    it(`judges the ${era.label} port by the ${era.label} contract`, async () => {
      const backend = await createBackend('ts', { era });
      try {
        const statuses = await replayFindings(backend, { era });
        expect(statuses.map((s) => [s.finding.id, s.status])).toEqual(FINDINGS.map((f) => [f.id, 'present']));
        for (const s of statuses) {
          if (s.judgedBy === 'contract') expect([s.finding.id, s.invariant]).toEqual([s.finding.id, OWN_INVARIANT[s.finding.id]]);
          // The fixed port of the same era is what it is compared with: same vm_bo count, no leak.
          if (s.finding.id === 'GPUVM-001') {
            expect(s.firstDifference).toContain(hasFeature(era, 'vm_bo') ? "expected 'ALLOCS live=0 vm_bo=1', got 'ALLOCS live=1 vm_bo=1'" : "expected 'ALLOCS live=0', got 'ALLOCS live=1'");
          }
        }
      } finally {
        await backend.close();
      }
    });
  }
});
