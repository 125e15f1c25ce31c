/**
 * `npm run bench:bugs-campaign [-- --only 13,17] [--shards 1/1,1/5,...|all] [--duration 15s]`:
 * issue 11's acceptance check for every seeded bug of `bench/bugs/`. For each patch and shard,
 * runs `gpuvm-check fuzz --backend c --c-source <patched seed> --duration D --seed 1 --shard S`
 * through the CLI and checks that it exits 1 within D + STOP_GRACE_MS + START_UP_MS, with a
 * new finding on disk that is minimized (not partial) and no hang recorded. Prints one row per
 * run; exit 0 when every run passes, 1 otherwise. Slow (about 20 s per run): not part of
 * `npm test`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { STOP_GRACE_MS } from '../fuzz/campaign.ts';
import type { StoredFinding } from '../fuzz/types.ts';
import { buildDriver } from '../src/backends/c/build.ts';
import { DEFAULT_C_SOURCE } from '../src/backends/c/cTarget.ts';
import { parseDuration } from '../src/cli/duration.ts';
import { applyPatch } from './seededBugs/applyPatch.ts';
import { BUGS_DIR } from './seededBugs.ts';

/** Allowance for start-up (worker threads, the cached C build) and writing the report. */
const START_UP_MS = 10_000;

const { values } = parseArgs({ options: { only: { type: 'string' }, shards: { type: 'string' }, duration: { type: 'string' }, seed: { type: 'string' } } });
const durationMs = parseDuration('duration', values.duration ?? '15s');
const shards = values.shards === 'all' ? ['1/1', '1/5', '2/5', '3/5', '4/5', '5/5'] : (values.shards ?? '1/1').split(',');
const only = values.only?.split(',');
const patches = readdirSync(BUGS_DIR)
  .filter((n) => n.endsWith('.patch'))
  .filter((n) => !only || only.some((o) => n.startsWith(o)))
  .sort();
const work = mkdtempSync(join(tmpdir(), 'gpuvm-bugs-campaign-'));
const seed = readFileSync(DEFAULT_C_SOURCE, 'utf8');

function run(args: string[]): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/gpuvm-check.mjs', 'fuzz', ...args], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, ms: Date.now() - started })));
}

let failures = 0;
const limitMs = durationMs + STOP_GRACE_MS + START_UP_MS;
console.log(`each run must exit 1 within ${limitMs / 1000} s (duration ${durationMs / 1000} s + grace ${STOP_GRACE_MS / 1000} s + start-up ${START_UP_MS / 1000} s)`);
console.log('bug                                          shard  exit   wall s  detected s  finding (requests)');
for (const patch of patches) {
  const cSource = join(work, patch.replace('.patch', '.c'));
  writeFileSync(cSource, applyPatch(seed, readFileSync(join(BUGS_DIR, patch), 'utf8'), patch).text);
  await buildDriver({ cSource }); // cached; not part of the campaign's time
  for (const shard of shards) {
    const out = join(work, `${patch}-${shard.replace('/', 'of')}`);
    const started = Date.now();
    const { code, ms } = await run(['--backend', 'c', '--c-source', cSource, '--duration', `${durationMs / 1000}s`, '--seed', values.seed ?? '1', '--shard', shard, '--out', out]);
    const findings = readdirSync(join(out, 'findings'))
      .filter((n) => !n.startsWith('.'))
      .map((n) => JSON.parse(readFileSync(join(out, 'findings', n, 'finding.json'), 'utf8')) as StoredFinding);
    const fresh = findings.filter((f) => f.known === null);
    const first = fresh.sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt))[0];
    const ok = code === 1 && ms <= limitMs && first !== undefined && fresh.every((f) => !f.partial) && !findings.some((f) => f.class === 'hang');
    if (!ok) failures++;
    const detected = first ? ((Date.parse(first.firstSeenAt) - started) / 1000).toFixed(1) : '-';
    const what = first ? `${first.signature} (${first.requests}${first.partial ? ', PARTIAL' : ''})${fresh.length > 1 ? ` +${fresh.length - 1}` : ''}` : 'NONE';
    console.log(`${ok ? '  ' : '!!'} ${patch.padEnd(42)} ${shard.padEnd(5)} ${String(code).padStart(4)} ${(ms / 1000).toFixed(1).padStart(8)} ${detected.padStart(11)}  ${what}`);
  }
}
console.log(failures === 0 ? 'every run passed' : `${failures} run(s) failed`);
process.exit(failures === 0 ? 0 : 1);
