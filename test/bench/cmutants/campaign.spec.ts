import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignArgs, campaignSecondsOf, newFinding, newFindings, runCampaign, type CampaignRun } from '../../../bench/cmutants/campaign.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function storeFinding(out: string, signature: string, known: string | null, firstSeenAt = '2026-01-01T00:00:02.500Z'): void {
  mkdirSync(path.join(out, 'findings', signature), { recursive: true });
  const [cls, what] = signature.split('-');
  writeFileSync(path.join(out, 'findings', signature, 'finding.json'), JSON.stringify({ signature, class: cls, what, known, firstSeenAt }));
}

describe('newFinding', () => {
  it('sees the first new finding on disk, not known ones, half-written ones or none', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-campaign-'));
    expect(newFinding(dir)).toBeNull();
    storeFinding(dir, 'invariant-validity-map-gpuvm-004', 'GPUVM-004');
    mkdirSync(path.join(dir, 'findings', 'a-being-written'));
    writeFileSync(path.join(dir, 'findings', 'a-being-written', 'finding.json'), '{"signa');
    expect(newFinding(dir)).toBeNull();
    // A job that threw is stored as a crash of the (unmutated) port: the harness's failure, no kill.
    storeFinding(dir, 'crash-ts-job-new', null);
    expect(newFinding(dir)).toBeNull();
    // The store's dot directory before its rename: the same finding, not yet in place.
    storeFinding(dir, '.tmp-divergence-map-map-new-1', null);
    expect(newFinding(dir)).toBeNull();
    storeFinding(dir, 'divergence-map-map-new', null);
    expect(newFinding(dir)).toBe('divergence-map-map-new');
    expect(newFindings(dir)).toEqual({ c: ['divergence-map-map-new'], harness: ['crash-ts-job-new'] });
  });

  it("times a finding on the campaign's own clock", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-campaign-'));
    storeFinding(dir, 'crash-c-map-new', null);
    expect(campaignSecondsOf(dir, 'crash-c-map-new')).toBeNull();
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ startedAt: '2026-01-01T00:00:01.000Z' }));
    expect(campaignSecondsOf(dir, 'crash-c-map-new')).toBe(1.5);
  });
});

describe('runCampaign', () => {
  const base = (out: string, script: string): CampaignRun => ({
    cSource: 'unused.c',
    cHeader: 'unused.h',
    out,
    budgetMs: 1000,
    graceMs: 1500,
    seed: 1,
    runsPerJob: 10,
    walkRequests: 2000,
    pollMs: 20,
    nodeArgs: ['-e', script],
  });

  it("runs the product on the mutant with its source's header, one worker, the seed, the budget and the campaign shape", () => {
    const args = campaignArgs({ ...base('/tmp/o', ''), budgetMs: 30_000 });
    expect(args.slice(1).join(' ')).toBe('fuzz --backend c --c-source unused.c --c-header unused.h --duration 30s --workers 1 --seed 1 --out /tmp/o --runs-per-job 10 --max-requests 2000');
  });

  it('stops a campaign at its first new finding, before it ends by itself', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-campaign-'));
    const out = path.join(dir, 'campaign');
    const finding = path.join(out, 'findings', 'divergence-map-map-new');
    // Stores a finding after 200 ms, then would run for a minute.
    const script = `const fs=require('fs');setTimeout(()=>{fs.mkdirSync(${JSON.stringify(finding)},{recursive:true});fs.writeFileSync(${JSON.stringify(path.join(finding, 'finding.json'))},JSON.stringify({known:null}))},200);setTimeout(()=>{},60000)`;
    const outcome = await runCampaign(base(out, script));
    expect(outcome.kind).toBe('finding');
    expect(outcome.kind === 'finding' && outcome.signature).toBe('divergence-map-map-new');
    expect(outcome.seconds).toBeLessThan(30);
  });

  it('reads a clean end, one with only harness failures, and a refusal from the exit code', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-campaign-'));
    expect(await runCampaign(base(path.join(dir, 'a'), 'process.exitCode = 0'))).toMatchObject({ kind: 'clean', harness: [] });
    const lost = path.join(dir, 'h');
    storeFinding(lost, 'crash-ts-job-new', null);
    expect(await runCampaign(base(lost, 'process.exitCode = 1'))).toMatchObject({ kind: 'clean', harness: ['crash-ts-job-new'] });
    const refused = await runCampaign(base(path.join(dir, 'b'), "console.error('fuzz: --c-source does not compile'); process.exitCode = 2"));
    expect(refused).toMatchObject({ kind: 'error', detail: 'exit 2: fuzz: --c-source does not compile' });
  });

  it('kills a campaign that outlives its budget and grace, and its children, and calls it a timeout', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-campaign-'));
    const pidFile = path.join(dir, 'child.pid');
    // Ignores SIGINT, like a campaign stuck in a job; its child stands for a hung C driver.
    const script = `process.on('SIGINT',()=>{});const c=require('child_process').spawn(process.execPath,['-e','setTimeout(()=>{},60000)']);require('fs').writeFileSync(${JSON.stringify(pidFile)},String(c.pid));setTimeout(()=>{},60000)`;
    const outcome = await runCampaign(base(path.join(dir, 'c'), script));
    expect(outcome.kind).toBe('timeout');
    expect(outcome.seconds).toBeGreaterThanOrEqual(2.5);
    const child = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    const alive = (() => {
      try {
        process.kill(child, 0);
        return existsSync(`/proc/${child}`) && !readFileSync(`/proc/${child}/stat`, 'utf8').split(' ')[2]!.startsWith('Z');
      } catch {
        return false;
      }
    })();
    expect(alive).toBe(false);
  });
});
