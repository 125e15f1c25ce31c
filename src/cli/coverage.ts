/**
 * `gpuvm-check coverage [C] [--out DIR] <trace>...`: runs each trace on the C code built with
 * gcov instrumentation and prints the line and branch coverage of its `drm_gpuvm.c` that the
 * traces reach together (figures, then each function); `--out DIR` also writes `coverage.json`
 * (as a campaign report's `coverage`) and `coverage.html` (the source annotated).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamOnDriver } from '../backends/c/streamRunner.ts';
import { traceTimeLimitMs } from '../backends/c/timeLimit.ts';
import type { Coverage } from '../coverage/coverage.ts';
import { coverageLine, percent } from '../coverage/coverage.ts';
import { gcovEnv, readCountsDir } from '../coverage/gcovRun.ts';
import { readTraceFile } from '../trace/readFile.ts';
import { writeFileAtomic } from '../../fuzz/store.ts';
import { renderCoverageHtml } from '../../fuzz/render/sourceCoverage.ts';
import { parseFlags } from './args.ts';
import { defineCommand } from './command.ts';
import { cTargetOf } from './cSourceFlag.ts';
import { C_TARGET_FLAGS, prepareCTarget } from './cTarget.ts';
import { prepareOutputDir } from './paths.ts';
import { forEachCheckedTrace } from './traceFiles.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage.ts';

/** The table printed on stdout: figures, then one row per function. @public */
export function coverageTable(c: Coverage): string {
  const width = Math.max(8, ...c.functions.map((f) => f.name.length));
  const rows = c.functions.map(
    (f) => `${f.name.padEnd(width)}  ${String(f.calls).padStart(9)}  ${`${f.lines.hit}/${f.lines.total}`.padStart(9)}  ${`${f.branches.hit}/${f.branches.total}`.padStart(9)}  ${percent(f.branches).padStart(7)}`,
  );
  return [coverageLine(c), '', `${'function'.padEnd(width)}  ${'calls'.padStart(9)}  ${'lines'.padStart(9)}  ${'branches'.padStart(9)}  ${'share'.padStart(7)}`, ...rows, ''].join('\n');
}

/** The `coverage` command. */
export const COVERAGE = defineCommand({
  name: 'coverage',
  args: '<trace>...',
  summary: "line and branch coverage of the C code's drm_gpuvm.c reached by the traces (gcov)",
  about: 'Runs each trace on the C code built with gcov instrumentation and prints the figures the traces reach together, then one row per function.',
  exits: '0 all traces ran, 2 a trace or a flag is bad (the good traces still count).',
  flags: {
    out: { type: 'string', value: 'DIR', help: 'also write DIR/coverage.json and DIR/coverage.html (the source annotated)', default: 'stdout only' },
    ...C_TARGET_FLAGS,
  },
  run: coverageCommand,
});

/** Runs the `coverage` subcommand. */
export async function coverageCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, COVERAGE);
  if (positionals.length === 0) throw new UsageError('coverage: no trace file given');
  const target = cTargetOf(values);
  if (values.out !== undefined) prepareOutputDir('out', values.out);
  const driver = await prepareCTarget(target, false, err, 'gcov');
  const counts = mkdtempSync(join(tmpdir(), 'gpuvm-gcov-'));
  // This process starts the drivers: they inherit where to write their counts.
  Object.assign(process.env, gcovEnv(driver.binary, counts));
  try {
    const failed = await forEachCheckedTrace(positionals, err, async (path, requests) => {
      let last: string | undefined;
      for await (const lines of streamOnDriver(driver, readTraceFile(path), traceTimeLimitMs(requests))) last = lines.at(-1) ?? last;
      // A crash is counted up to it (the driver writes its counts from its signal handler).
      if (last?.startsWith('CRASH')) err(`${path}: ${last}`);
    });
    const coverage = await readCountsDir(driver.binary, driver.cSource, counts);
    if (!coverage) throw new Error(`the C driver wrote no coverage counts into ${counts}`);
    out(coverageTable(coverage));
    if (values.out !== undefined) {
      writeFileAtomic(join(values.out, 'coverage.json'), `${JSON.stringify(coverage, null, 2)}\n`);
      writeFileAtomic(join(values.out, 'coverage.html'), renderCoverageHtml(coverage));
      out(`written: ${join(values.out, 'coverage.json')}, ${join(values.out, 'coverage.html')}\n`);
    }
    return failed ? EXIT_USAGE : EXIT_OK;
  } finally {
    delete process.env.GCOV_PREFIX;
    delete process.env.GCOV_PREFIX_STRIP;
    rmSync(counts, { recursive: true, force: true });
  }
}
