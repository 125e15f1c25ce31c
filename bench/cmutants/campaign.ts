/**
 * Runs the product against one mutant: `gpuvm-check fuzz --backend c --c-source <mutant>
 * --c-header <its source's header>` as a
 * child process, stopped as soon as a new finding shows up under `<out>/findings/` (polled, so it
 * works whether findings are written when found or when their job ends) or read from the exit
 * code when the campaign ends by itself. A campaign still running `graceMs` after its duration is
 * stopped and reported as a timeout: that is a finding about the product.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../../src/backends/c/paths.ts';
import { SOURCES, type Product } from './product.ts';

/** How a campaign against a mutant ended. @public */
export type CampaignOutcome =
  | {
      readonly kind: 'finding';
      readonly seconds: number;
      readonly signature: string;
      /** The campaign's own count, from its start to the finding's `firstSeenAt` (start-up excluded); null when unknown. */
      readonly campaignSeconds: number | null;
      /** Failures the campaign stored about itself before it (see {@link newFindings}). */
      readonly harness: readonly string[];
    }
  | {
      readonly kind: 'clean';
      readonly seconds: number;
      /** Failures the campaign stored about itself (`crash-ts-...`), which a clean end does not excuse. */
      readonly harness: readonly string[];
    }
  | { readonly kind: 'timeout'; readonly seconds: number }
  /** The campaign refused to run or failed (exit code 2 or a signal): `detail` says what it printed last. */
  | { readonly kind: 'error'; readonly seconds: number; readonly detail: string };

/** One campaign. @public */
export interface CampaignRun {
  readonly cSource: string;
  /** The header to compile it with (the era is detected from both, as `fuzz` does). */
  readonly cHeader: string;
  readonly out: string;
  readonly budgetMs: number;
  readonly graceMs: number;
  readonly seed: number;
  readonly runsPerJob: number;
  readonly walkRequests: number;
  /** How often to look for findings. */
  readonly pollMs?: number;
  /** The build of the product to run (product.ts); default its sources. */
  readonly product?: Product;
  /** Arguments of `node` instead of {@link campaignArgs}: a stand-in product (tests of the stopping logic). */
  readonly nodeArgs?: readonly string[];
}

/** What the campaign of {@link campaignArgs} is, as far as building its C code goes. @public */
export const CAMPAIGN_IDENTITY = { backend: 'c', sanitize: false, coverage: false } as const;

/** The command line of a campaign (after `node`). @public */
export function campaignArgs(run: CampaignRun): string[] {
  return [
    ...(run.product ?? SOURCES).nodeArgs, 'fuzz', '--backend', 'c', '--c-source', run.cSource, '--c-header', run.cHeader,
    '--duration', `${Math.max(1, Math.round(run.budgetMs / 1000))}s`,
    '--workers', '1', '--seed', String(run.seed), '--out', run.out,
    '--runs-per-job', String(run.runsPerJob), '--max-requests', String(run.walkRequests),
  ];
}

/**
 * A finding the campaign stored about itself rather than about the C code: with `--backend c`
 * and a mutated C source the TypeScript port is the seed's, so a `crash` of `ts` (the campaign
 * reports a job that threw as one) says the harness failed, not that the mutant was caught.
 */
function isHarnessFailure(finding: { class?: unknown; what?: unknown }): boolean {
  return finding.class === 'crash' && finding.what === 'ts';
}

/** The new findings stored under `<out>/findings/`: those about the C code, and the harness's own. @public */
export function newFindings(out: string): { readonly c: string[]; readonly harness: string[] } {
  const dir = path.join(out, 'findings');
  const found = { c: [] as string[], harness: [] as string[] };
  if (!existsSync(dir)) return found;
  for (const signature of readdirSync(dir).sort()) {
    // The store writes a finding into a dot directory and renames it into place.
    if (signature.startsWith('.')) continue;
    const json = path.join(dir, signature, 'finding.json');
    if (!existsSync(json)) continue;
    try {
      const finding = JSON.parse(readFileSync(json, 'utf8')) as { known?: unknown; class?: unknown; what?: unknown };
      if (finding.known !== null && finding.known !== undefined) continue;
      (isHarnessFailure(finding) ? found.harness : found.c).push(signature);
    } catch {
      // Being written by a campaign that does not rename into place: the next poll reads it.
    }
  }
  return found;
}

/** The signature of the first new finding about the C code on disk, or null. @public */
export function newFinding(out: string): string | null {
  return newFindings(out).c[0] ?? null;
}

/**
 * Seconds from the start the campaign recorded (`state.json`'s `startedAt`) to the
 * `firstSeenAt` of its finding `signature`; null when either is not on disk yet.
 * @public
 */
export function campaignSecondsOf(out: string, signature: string): number | null {
  try {
    const { startedAt } = JSON.parse(readFileSync(path.join(out, 'state.json'), 'utf8')) as { startedAt?: unknown };
    const { firstSeenAt } = JSON.parse(readFileSync(path.join(out, 'findings', signature, 'finding.json'), 'utf8')) as { firstSeenAt?: unknown };
    if (typeof startedAt !== 'string' || typeof firstSeenAt !== 'string') return null;
    const seconds = (Date.parse(firstSeenAt) - Date.parse(startedAt)) / 1000;
    return Number.isFinite(seconds) ? Math.round(seconds * 100) / 100 : null;
  } catch {
    return null;
  }
}

/** How long a stopped campaign gets to exit after SIGINT before its process group is killed. */
const STOP_GRACE_MS = 3_000;

/** Runs one campaign; never throws for what the campaign does. @public */
export function runCampaign(run: CampaignRun): Promise<CampaignOutcome> {
  const log = path.join(path.dirname(run.out), 'campaign.log');
  const fd = openSync(log, 'w');
  const t0 = performance.now();
  const child = spawn(process.execPath, run.nodeArgs ?? campaignArgs(run), { cwd: REPO_ROOT, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const seconds = (): number => Math.round((performance.now() - t0) / 10) / 100;
  return new Promise((resolve) => {
    let outcome: CampaignOutcome | null = null;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      try {
        process.kill(child.pid!, 'SIGINT');
      } catch {
        // Already gone.
      }
      killTimer = setTimeout(killGroup, STOP_GRACE_MS);
    };
    // The C drivers the campaign spawned are in its process group: none outlives it.
    const killGroup = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const poll = setInterval(() => {
      if (outcome) return;
      const found = newFindings(run.out);
      const signature = found.c[0];
      if (signature) {
        outcome = { kind: 'finding', seconds: seconds(), signature, campaignSeconds: campaignSecondsOf(run.out, signature), harness: found.harness };
        stop();
      }
    }, run.pollMs ?? 100);
    const deadline = setTimeout(() => {
      if (outcome) return;
      outcome = { kind: 'timeout', seconds: seconds() };
      stop();
    }, run.budgetMs + run.graceMs);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(deadline);
      clearTimeout(killTimer);
      killGroup();
      if (!outcome) {
        const found = newFindings(run.out);
        const signature = found.c[0];
        if (signature) outcome = { kind: 'finding', seconds: seconds(), signature, campaignSeconds: campaignSecondsOf(run.out, signature), harness: found.harness };
        else if (code === 0 || (code === 1 && found.harness.length > 0)) outcome = { kind: 'clean', seconds: seconds(), harness: found.harness };
        else {
          const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' | ') : '';
          outcome = { kind: 'error', seconds: seconds(), detail: `exit ${code ?? signal}: ${tail}` };
        }
      }
      resolve(outcome);
    });
  });
}
