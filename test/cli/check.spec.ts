/**
 * `gpuvm-check check`: the regression gate. Every registered finding's trace fails on the seed
 * and passes on a source that fixes it; a finding directory of a real campaign reproduces with
 * its recorded check, and is gone when that check no longer holds; a clean trace passes; bad
 * input is refused with exit 2 before anything runs.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCampaign } from '../../fuzz/campaign.ts';
import type { FailureCheck } from '../../fuzz/failureCheck.ts';
import { findingPath } from '../../properties/findings/files.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { checkCommand } from '../../src/cli/check.ts';
import { brokenSeedCopy } from '../backends/c/brokenSeed.ts';
import type { BrokenSeed } from '../backends/c/brokenSeed.ts';
import { seedExists } from '../backends/c/seed.ts';
import { campaignOptions } from '../fuzz/__helpers__/campaignOptions.ts';

async function check(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await checkCommand(argv, (t) => void (out += t), (l) => void (err += `${l}\n`));
  return { code, out, err };
}

const CLEAN = 'test/fixtures/traces/format-example.trace';

describe('gpuvm-check check on traces, port only', () => {
  it.each(FINDINGS.map((f) => f.id))('fails on %s and names the finding', async (id) => {
    const { code, out } = await check(['--backend', 'ts', findingPath(id, 'trace')]);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`^FAIL \\S+${id}\\.trace: .* \\(${id}\\)$`, 'm'));
  });

  it('passes a clean trace, and sums up several', async () => {
    expect(await check(['--backend', 'ts', CLEAN])).toMatchObject({ code: 0, out: `PASS ${CLEAN}\n` });
    const two = await check(['--backend', 'ts', CLEAN, findingPath('GPUVM-002', 'trace')]);
    expect(two.code).toBe(1);
    expect(two.out).toMatch(/^PASS .*\nFAIL .*GPUVM-002\.trace: invariant lookups at request 3 \(GPUVM-002\)\n2 checked: 1 failing, 1 passing\n$/);
  });

  it.each([
    [['--backend', 'ts'], /no trace or finding directory given/],
    [['--backend', 'ts', '/no/such.trace'], /no such trace or finding directory '\/no\/such\.trace'/],
    [['--backend', 'zz', CLEAN], /--backend/],
    [['--backend', 'ts', '--c-source', CLEAN, CLEAN], /--backend ts checks the port only/],
    [['--backend', 'ts', tmpdir()], /not a finding directory \(no finding\.json\)/],
  ])('refuses %j as a usage error', async (argv, message) => {
    await expect(check(argv)).rejects.toThrow(message);
  });

  it('refuses a malformed trace, naming its line, before checking the good ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuvm-check-'));
    const bad = join(dir, 'bad.trace');
    writeFileSync(bad, 'init 0 0x10000 0 0\nmap 0 nonsense\n');
    await expect(check(['--backend', 'ts', CLEAN, bad])).rejects.toThrow(/bad\.trace:2/);
  });
});

describe('gpuvm-check check on finding directories of a campaign', () => {
  let findingDir: string;
  beforeAll(async () => {
    const campaign = await runCampaign(campaignOptions({ maxJobs: 3 }));
    const known = campaign.report.findings.find((f) => f.class === 'invariant' && f.known !== null);
    expect(known, 'a short campaign on the faithful port meets a registered finding').toBeDefined();
    findingDir = join(campaign.dir, 'findings', known!.signature);
  }, 120_000);

  it('replays it with its recorded check: reproduces, exit 1, as its replay command says', async () => {
    const stored = JSON.parse(readFileSync(join(findingDir, 'finding.json'), 'utf8')) as { replay: string; what: string; known: string };
    expect(stored.replay).toBe(`npx gpuvm-check check ${findingDir}`);
    const { code, out } = await check([findingDir]);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`^FAIL ${findingDir}: reproduces: invariant ${stored.what} at request \\d+ \\(${stored.known}\\)\\n$`));
  });

  it('says gone, exit 0, once its recorded check no longer holds (another failure of the trace does not count)', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'gpuvm-check-')), 'finding');
    mkdirSync(copy);
    cpSync(findingDir, copy, { recursive: true });
    const recorded = JSON.parse(readFileSync(join(copy, 'check.json'), 'utf8')) as FailureCheck;
    expect(recorded).toMatchObject({ kind: 'invariant', fixes: 'none' });
    // A known finding: with every registered fix the port no longer breaks the invariant.
    writeFileSync(join(copy, 'check.json'), JSON.stringify({ ...recorded, fixes: 'all' }));
    expect(await check([copy])).toMatchObject({ code: 0, out: `PASS ${copy}: gone\n` });
  });
});

describe.skipIf(!seedExists)('gpuvm-check check on the C code', () => {
  let fixed002: BrokenSeed;
  beforeAll(async () => {
    fixed002 = await brokenSeedCopy('start - 1, start);', 'start - 1, start - 1);');
  });
  afterAll(async () => fixed002?.remove());

  it('fails on every registered finding trace with the default backends (both, on the seed)', async () => {
    const { code, out, err } = await check(FINDINGS.map((f) => findingPath(f.id, 'trace')));
    expect(err).toMatch(/^C source: .*drm_gpuvm\.c \(v6\.7 era\)$/m);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`^${FINDINGS.length} checked: ${FINDINGS.length} failing, 0 passing$`, 'm'));
  }, 120_000);

  it('passes the GPUVM-002 trace on a source that fixes it (its own way), and still fails GPUVM-003 there', async () => {
    const { code, out } = await check(['--c-source', fixed002.path, findingPath('GPUVM-002', 'trace')]);
    expect(out).toMatch(/^PASS \S+GPUVM-002\.trace\n$/);
    expect(code).toBe(0);
    const still = await check(['--c-source', fixed002.path, findingPath('GPUVM-003', 'trace')]);
    expect(still.code).toBe(1);
    expect(still.out).toMatch(/^FAIL \S+GPUVM-003\.trace: invariant lookups at request 3 on C \(GPUVM-003\)\n$/);
  }, 120_000);

  it('resolves a C source recorded relative to the campaign directory from there, not from the working directory', async () => {
    const example = 'reports/example/findings/invariant-c-lookups-find_prev-gpuvm-002';
    expect(JSON.parse(readFileSync(join(example, 'finding.json'), 'utf8')).cSource).toBe('../../../shared/seed/drm_gpuvm.c');
    expect((await check([example])).out).toBe(`FAIL ${example}: reproduces: invariant lookups (GPUVM-002)\n`);
    // The same finding in a campaign elsewhere, recorded against a source that fixes GPUVM-002.
    const campaign = mkdtempSync(join(tmpdir(), 'gpuvm-check-relative-'));
    const moved = join(campaign, 'findings', 'f');
    cpSync(example, moved, { recursive: true });
    const finding = JSON.parse(readFileSync(join(moved, 'finding.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(moved, 'finding.json'), JSON.stringify({ ...finding, cSource: relative(campaign, fixed002.path) }));
    expect(await check([moved])).toMatchObject({ code: 0, out: `PASS ${moved}: gone\n` });
  }, 120_000);

  it('passes a clean trace on both backends', async () => {
    expect(await check([CLEAN])).toMatchObject({ code: 0, out: `PASS ${CLEAN}\n` });
  }, 120_000);
});
