/**
 * `gpuvm-check report merge [--out DIR] <campaign-dir>...`: merges shard reports into one.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from '../../fuzz/campaign.ts';
import { mergeReports, readReport } from '../../fuzz/merge.ts';
import { parseFlags } from './args.ts';
import { EXIT_OK, UsageError } from './usage.ts';

/** Runs the `report` subcommand. */
export async function reportCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'merge') throw new UsageError(`report: unknown verb '${verb ?? ''}' (expected 'merge')`);
  const { values, positionals } = parseFlags(rest, { out: { type: 'string' } }, 'report merge');
  if (positionals.length === 0) throw new UsageError('report merge: no campaign directory given');
  const paths = positionals.map((dir) => join(dir, 'report.json'));
  const merged = mergeReports(paths.map(readReport), paths);
  const dir = values.out ?? join('reports', `${merged.campaign}-merged`);
  mkdirSync(dir, { recursive: true });
  writeReport(dir, merged);
  out(`merged ${positionals.length} report(s), shards ${merged.shards.join(', ')}: ${join(dir, 'report.json')}, ${join(dir, 'summary.md')}, ${join(dir, 'report.html')}\n`);
  return EXIT_OK;
}
