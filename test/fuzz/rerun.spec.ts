/**
 * The rerun command of a job spells out every flag that defines the job, quoting paths for the shell.
 */
import { describe, expect, it } from 'vitest';
import { rerunCommand } from '../../fuzz/rerun.ts';
import type { CampaignIdentity } from '../../fuzz/state.ts';

const ts: CampaignIdentity = { seed: 42, shard: { index: 1, count: 4 }, backend: 'ts', cSource: null, sanitize: false, walkRequests: 500, runsPerJob: 7 };

describe('rerunCommand', () => {
  it('a TS campaign of the seed\'s era: seed, backend, walk length, runs per job; no shard', () => {
    expect(rerunCommand(ts, 13)).toBe('npx gpuvm-check fuzz --job 13 --seed 42 --backend ts --max-requests 500 --runs-per-job 7');
    expect(rerunCommand({ ...ts, era: { label: 'v6.7', features: [] } }, 0)).not.toContain('--era');
  });

  it('a TS campaign of another era names its features', () => {
    expect(rerunCommand({ ...ts, era: { label: 'v6.18', features: ['vm_bo', 'quiet_range_check', 'map_req', 'madvise'] } }, 1)).toContain(
      ' --era vm_bo,quiet_range_check,map_req,madvise ',
    );
  });

  it('a C campaign: its source and header quoted, the sanitizer, no era (the source has its own)', () => {
    const c: CampaignIdentity = { ...ts, backend: 'both', cSource: "/home/me/my tree/drm_gpuvm.c", cHeader: "/it's/drm_gpuvm.h", sanitize: true, era: { label: 'v6.8', features: ['vm_bo'] } };
    expect(rerunCommand(c, 5)).toBe(
      "npx gpuvm-check fuzz --job 5 --seed 42 --backend both --c-source '/home/me/my tree/drm_gpuvm.c' --c-header '/it'\\''s/drm_gpuvm.h' --sanitize --max-requests 500 --runs-per-job 7",
    );
  });

  it('a blind campaign with C code says --no-guided; a guided one has no rerun for its guided jobs', () => {
    const c: CampaignIdentity = { ...ts, backend: 'c', cSource: '/s.c', guided: false };
    expect(rerunCommand(c, 1)).toBe('npx gpuvm-check fuzz --job 1 --seed 42 --backend c --c-source /s.c --no-guided --max-requests 500 --runs-per-job 7');
    const guided = { ...c, guided: true };
    // Of every five jobs: two property (slots 0 and 2), two guided (1 and 3), one walk (4).
    expect([0, 1, 2, 3, 4].map((k) => rerunCommand(guided, k) !== null)).toEqual([true, false, true, false, true]);
    expect(rerunCommand(guided, 2)).toBe('npx gpuvm-check fuzz --job 2 --seed 42 --backend c --c-source /s.c --max-requests 500 --runs-per-job 7');
  });
});
