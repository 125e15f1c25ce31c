/**
 * The campaign directory: findings written atomically the moment they arrive (a temporary
 * directory renamed into place, so a SIGKILL leaves either the whole finding or none of it),
 * the resumable state, and the report files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobFailure, StoredFinding } from './types.ts';

/** Writes `text` to `path` atomically (temporary file + rename). @public */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The findings of one campaign directory. @public */
export class FindingStore {
  readonly dir: string;

  /**
   * @param cSource - the C source the campaign checks, named in the replay commands
   * @param cHeader - the header it is compiled with, when one was named
   */
  constructor(
    readonly campaignDir: string,
    private readonly cSource: string | null = null,
    private readonly cHeader: string | null = null,
  ) {
    this.dir = join(campaignDir, 'findings');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Every finding on disk (half-written temporaries are ignored). */
  load(): StoredFinding[] {
    return readdirSync(this.dir)
      .filter((name) => !name.startsWith('.') && existsSync(join(this.dir, name, 'finding.json')))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(this.dir, name, 'finding.json'), 'utf8')) as StoredFinding);
  }

  /**
   * Stores a failure under its signature unless one is stored already; when the stored one came
   * from a later job, the earlier job's replaces it, so the result does not depend on which
   * worker finished first.
   * @returns the stored finding and whether it replaced one of the same signature, or null when
   *   an earlier one is kept
   */
  save(failure: JobFailure): { finding: StoredFinding; replaced: boolean } | null {
    const target = join(this.dir, failure.signature);
    const existing = existsSync(join(target, 'finding.json'))
      ? (JSON.parse(readFileSync(join(target, 'finding.json'), 'utf8')) as StoredFinding)
      : null;
    if (existing && existing.firstSeenJob <= failure.job) return null;
    const relTrace = join(target, 'repro.trace');
    const finding: StoredFinding = {
      signature: failure.signature,
      class: failure.class,
      what: failure.what,
      detail: failure.detail,
      known: failure.known,
      requests: failure.trace.split('\n').filter(Boolean).length,
      firstSeenAt: new Date().toISOString(),
      firstSeenJob: failure.job,
      replay:
        failure.class === 'invariant'
          ? `npx gpuvm-check run ${relTrace}`
          : `npx gpuvm-check diff ${this.cSource ? `--c-source ${this.cSource} ` : ''}${this.cHeader ? `--c-header ${this.cHeader} ` : ''}${relTrace}`,
    };
    const tmp = join(this.dir, `.tmp-${failure.signature}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'repro.trace'), `# ${failure.class} ${failure.what}: ${failure.detail}\n${failure.trace}`);
    for (const [name, text] of Object.entries(failure.files)) writeFileSync(join(tmp, name), text);
    writeFileSync(join(tmp, 'finding.json'), `${JSON.stringify(finding, null, 2)}\n`);
    if (existing) rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
    return { finding, replaced: existing !== null };
  }
}
