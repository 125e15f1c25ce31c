/**
 * The campaign directory: findings written atomically the moment they are detected, then
 * improved in place as they are minimized, the resumable state, and the report files.
 *
 * Crash safety: a finding directory is built under a temporary name and renamed into place. An
 * improved version replaces it by two renames (the old one aside, the new one in), and `load`
 * puts an old one back if a kill came between them, so a SIGKILL at any moment leaves every
 * detected finding complete, as detected or as improved.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailureCheck } from './failureCheck.ts';
import type { MinimizeOutcome } from './minimizeTask.ts';
import type { JobFailure, StoredFinding } from './types.ts';

/** Writes `text` to `path` atomically (temporary file + rename). @public */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The file beside a finding that says how to recognise it (for minimizing it on --resume). */
const CHECK_FILE = 'check.json';

const TMP_PREFIX = '.tmp-';
const OLD_PREFIX = '.old-';

/** A stored finding that can be minimized further. @public */
export interface Unfinished {
  readonly finding: StoredFinding;
  readonly check: FailureCheck;
  /** The stored trace, canonical text. */
  readonly trace: string;
}

/** The findings of one campaign directory. @public */
export class FindingStore {
  readonly dir: string;

  /**
   * @param cSource - the C source the campaign checks, recorded in each finding for `check`
   * @param cHeader - the header it is compiled with, when one was named
   * @param rerunOf - the command that reruns a job of the campaign, null for a job that cannot be (`fuzz/rerun.ts`)
   */
  constructor(
    readonly campaignDir: string,
    private readonly cSource: string | null = null,
    private readonly cHeader: string | null = null,
    private readonly rerunOf: ((job: number) => string | null) | null = null,
  ) {
    this.dir = join(campaignDir, 'findings');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Every finding on disk; half-written temporaries are removed, an interrupted replacement undone. */
  load(): StoredFinding[] {
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith(TMP_PREFIX)) rmSync(join(this.dir, name), { recursive: true, force: true });
      if (!name.startsWith(OLD_PREFIX)) continue;
      const signature = name.slice(OLD_PREFIX.length);
      if (existsSync(join(this.dir, signature, 'finding.json'))) rmSync(join(this.dir, name), { recursive: true, force: true });
      else renameSync(join(this.dir, name), join(this.dir, signature));
    }
    return readdirSync(this.dir)
      .filter((name) => !name.startsWith('.') && existsSync(join(this.dir, name, 'finding.json')))
      .sort()
      .map((name) => this.read(name))
      .sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.signature.localeCompare(b.signature));
  }

  /** The stored findings still to be minimized, with what recognises them. */
  unfinished(): Unfinished[] {
    return this.load()
      .filter((f) => f.partial && existsSync(join(this.dir, f.signature, CHECK_FILE)))
      .map((finding) => {
        const at = join(this.dir, finding.signature);
        const text = readFileSync(join(at, 'repro.trace'), 'utf8');
        return { finding, check: JSON.parse(readFileSync(join(at, CHECK_FILE), 'utf8')) as FailureCheck, trace: text };
      });
  }

  private read(signature: string): StoredFinding {
    const finding = JSON.parse(readFileSync(join(this.dir, signature, 'finding.json'), 'utf8')) as StoredFinding;
    // Findings stored before minimization was bounded have no `partial`: they were minimized.
    return { ...finding, partial: finding.partial ?? false };
  }

  /**
   * Stores a detected failure as it is (partial, to be minimized) unless its signature is
   * stored already.
   * @returns the stored finding, or null when the signature was there
   */
  saveDetected(failure: JobFailure): StoredFinding | null {
    if (existsSync(join(this.dir, failure.signature, 'finding.json'))) return null;
    const finding = this.findingOf(failure.signature, failure, failure.trace, failure.check !== null, new Date().toISOString(), failure.job);
    this.write(finding, failure.trace, failure.files, failure.check);
    return finding;
  }

  /**
   * Replaces `finding`'s trace and files with a minimization's outcome; under the outcome's
   * signature when that differs (and is not stored yet; otherwise the finding was a sighting of
   * that one and goes).
   * @returns the finding as now stored, or null when it went
   */
  improve(finding: StoredFinding, taskCheck: FailureCheck, outcome: MinimizeOutcome): StoredFinding | null {
    const renamed = outcome.signature !== finding.signature;
    const check = outcome.check ?? taskCheck;
    // A difference the contract decided once minimized is that invariant broken on C.
    const judged = outcome.check?.kind === 'c-invariant' ? { class: 'invariant' as const, what: outcome.check.invariant, backend: 'c' as const } : {};
    const what = { ...finding, ...judged, detail: outcome.detail, known: outcome.known };
    const improved = this.findingOf(outcome.signature, what, outcome.trace, !outcome.complete, finding.firstSeenAt, finding.firstSeenJob);
    if (renamed) {
      const there = existsSync(join(this.dir, outcome.signature, 'finding.json'));
      if (!there) this.write(improved, outcome.trace, outcome.files, check);
      rmSync(join(this.dir, finding.signature), { recursive: true, force: true });
      return there ? null : improved;
    }
    this.write(improved, outcome.trace, outcome.files, check);
    return improved;
  }

  private findingOf(
    signature: string,
    what: Pick<StoredFinding, 'class' | 'what' | 'detail' | 'known' | 'backend'>,
    trace: string,
    partial: boolean,
    firstSeenAt: string,
    firstSeenJob: number,
  ): StoredFinding {
    const rerun = this.rerunOf?.(firstSeenJob) ?? null;
    return {
      signature,
      class: what.class,
      what: what.what,
      detail: what.detail,
      known: what.known,
      ...(what.backend ? { backend: what.backend } : {}),
      requests: trace.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length,
      partial,
      firstSeenAt,
      firstSeenJob,
      // The recorded check and C source say how: the command needs nothing else.
      replay: `npx gpuvm-check check ${join(this.dir, signature)}`,
      ...(rerun ? { rerun } : {}),
      ...(this.cSource ? { cSource: this.cSource } : {}),
      ...(this.cHeader ? { cHeader: this.cHeader } : {}),
    };
  }

  /** Writes a finding's directory under a temporary name and swaps it into place. */
  private write(finding: StoredFinding, trace: string, files: Readonly<Record<string, string>>, check: FailureCheck | null): void {
    const target = join(this.dir, finding.signature);
    const tmp = join(this.dir, `${TMP_PREFIX}${finding.signature}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    const body = trace.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    writeFileSync(join(tmp, 'repro.trace'), `# ${finding.class} ${finding.what}: ${finding.detail}${finding.partial ? ' (not yet minimal)' : ''}\n${body}`);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
    if (check) writeFileSync(join(tmp, CHECK_FILE), `${JSON.stringify(check)}\n`);
    writeFileSync(join(tmp, 'finding.json'), `${JSON.stringify(finding, null, 2)}\n`);
    const old = join(this.dir, `${OLD_PREFIX}${finding.signature}`);
    const replacing = existsSync(target);
    if (replacing) {
      rmSync(old, { recursive: true, force: true });
      renameSync(target, old);
    }
    renameSync(tmp, target);
    if (replacing) rmSync(old, { recursive: true, force: true });
  }
}
