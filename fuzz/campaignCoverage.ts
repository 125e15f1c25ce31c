/**
 * The coverage of a `--coverage` campaign: its workers' drivers write gcov counts under
 * `<campaign>/gcov/` (one directory per worker, see pool.ts); at the end they are read, added to
 * what earlier runs of the campaign gathered (`coverage.json`, so that `--resume` adds up) and
 * removed. Counts a run killed before its end left behind are read by the next `--resume`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDriver } from '../src/backends/c/build.ts';
import type { Coverage } from '../src/coverage/coverage.ts';
import { mergeCoverage } from '../src/coverage/coverage.ts';
import { readCountsDirs } from '../src/coverage/gcovRun.ts';
import type { WorkerSetup } from './pool.ts';
import { cBackendOptions } from './pool.ts';
import { writeFileAtomic } from './store.ts';

/** Where the workers' drivers write counts, under the campaign directory. @public */
export const COUNTS_DIR = 'gcov';

/** The campaign's coverage so far, kept between runs. @public */
export const COVERAGE_FILE = 'coverage.json';

/**
 * Reads the counts of this run into the campaign's coverage and returns it (null: no counts at
 * all). Directories gcov cannot read, and earlier counts of another build, are passed to `lost`
 * (their counts are gone); neither ends the campaign.
 * @public
 */
export async function gatherCampaignCoverage(dir: string, setup: WorkerSetup, lost: (detail: string) => void): Promise<Coverage | null> {
  const built = await buildDriver(cBackendOptions(setup));
  const { coverage, unreadable } = await readCountsDirs(built.binary, built.cSource, join(dir, COUNTS_DIR));
  for (const u of unreadable) lost(`coverage counts lost: ${u}`);
  const file = join(dir, COVERAGE_FILE);
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Coverage) : null;
  const parts = [earlier, coverage].filter((c): c is Coverage => c !== null);
  if (parts.length === 0) return null;
  let total: Coverage;
  try {
    total = mergeCoverage(parts);
  } catch (error) {
    // Earlier runs counted another build (native/ or the compiler changed in between).
    lost(`coverage of earlier runs dropped: ${(error as Error).message}`);
    total = coverage ?? earlier!;
  }
  writeFileAtomic(file, `${JSON.stringify(total)}\n`);
  rmSync(join(dir, COUNTS_DIR), { recursive: true, force: true });
  return total;
}
