/**
 * `gpuvm-check report merge [--out DIR] <campaign-dir>...`: merges shard reports into one.
 * Every input must be a campaign directory with a report; the output may be none of them, nor
 * the directory of a campaign.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeReport } from '../../fuzz/campaign.ts';
import { mergeReports, readReport } from '../../fuzz/merge.ts';
import { parseFlags } from './args.ts';
import { defineCommand } from './command.ts';
import { prepareOutputDir, quotePath } from './paths.ts';
import { EXIT_OK, UsageError } from './usage.ts';

/** The real path of `path`, or its absolute path if it does not exist yet. */
function identity(path: string): string {
  return existsSync(path) ? realpathSync(path) : resolve(path);
}

function checkInput(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`report merge: no such campaign directory ${quotePath(dir)}`);
  }
  if (!isDir) throw new UsageError(`report merge: ${quotePath(dir)} is not a directory; give campaign directories`);
  if (!existsSync(join(dir, 'report.json'))) throw new UsageError(`report merge: ${quotePath(dir)} has no report.json (not a finished campaign?)`);
}

/** The `report merge` command. */
export const REPORT_MERGE = defineCommand({
  name: 'report merge',
  args: '<campaign-dir>...',
  summary: 'merge the reports of campaign shards into one',
  exits: '0 merged, 2 an input is not a finished campaign or --out would overwrite one.',
  flags: { out: { type: 'string', value: 'DIR', help: 'where the merged report.json, summary.md and report.html go', default: 'reports/<campaign>-merged' } },
  run: reportMergeCommand,
});

/** Runs `report merge` (its arguments after the verb). */
export async function reportMergeCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, REPORT_MERGE);
  if (positionals.length === 0) throw new UsageError('report merge: no campaign directory given');
  positionals.forEach(checkInput);
  if (values.out !== undefined) {
    const target = identity(values.out);
    const input = positionals.find((dir) => identity(dir) === target);
    if (input !== undefined) throw new UsageError(`--out: ${quotePath(values.out)} is one of the inputs (${quotePath(input)}); merging would overwrite it`);
    if (existsSync(join(values.out, 'state.json'))) throw new UsageError(`--out: ${quotePath(values.out)} is the directory of a campaign; give a new directory`);
  }
  const paths = positionals.map((dir) => join(dir, 'report.json'));
  const merged = mergeReports(paths.map(readReport), paths);
  const dir = values.out ?? join('reports', `${merged.campaign}-merged`);
  prepareOutputDir('out', dir);
  writeReport(dir, merged);
  out(`merged ${positionals.length} report(s), shards ${merged.shards.join(', ')}: ${join(dir, 'report.json')}, ${join(dir, 'summary.md')}, ${join(dir, 'report.html')}\n`);
  return EXIT_OK;
}
