/**
 * The `gpuvm-check` command: dispatches subcommands and maps errors to exit codes.
 */
import { exportCommand } from '../export/kunitCommand.ts';
import { checkCommand } from './check.ts';
import { coverageCommand } from './coverage.ts';
import { diffCommand } from './diff.ts';
import { findingsCommand } from './findings.ts';
import { fuzzCommand } from './fuzz.ts';
import { reportCommand } from './report.ts';
import { runCommand } from './run.ts';
import { EXIT_USAGE, UsageError } from './usage.ts';

const USAGE = `usage: gpuvm-check <command> [options]

commands:
  run [--backend ts|c] [--era ERA] [--out DIR] [C] [--sanitize] <trace>...
      print the transcript of each trace
  diff [C] [--sanitize] <trace>...
      run each trace on the TS port and on the C code; show the first divergence
      (exit 1 if any trace differs)
  fuzz [--duration 60s] [--seed N] [--workers N] [--backend ts|c|both] [C | --era ERA]
       [--sanitize] [--out DIR] [--resume DIR] [--shard i/N] [--max-requests N] [--jobs N]
       [--junit FILE] [--no-guided] [--corpus DIR]
      run a fuzz campaign (exit 1 if it found anything new); see FUZZING.md
  report merge [--out DIR] <campaign-dir>...
      merge the reports of campaign shards
  findings [C] [--json]
      replay every registered finding on the C code, in its era: present or fixed (exit 1 if
      any code finding is present; doc findings, matched by their wrong text, are listed but
      never change the exit code)
  check [C] [--sanitize] [--backend ts|c|both] <trace|finding-dir>...
      CI regression gate: FAIL or PASS per input (exit 1 while any still fails). A finding
      directory of a campaign is replayed with its recorded check (on its recorded C source
      unless C is given); a trace is checked for any failure (default backend: c when C is
      named, else both)
  coverage [C] [--out DIR] <trace>...
      line and branch coverage of the C code's drm_gpuvm.c reached by the traces (gcov);
      --out DIR writes coverage.json and coverage.html (the source annotated)
  export kunit [--out DIR] <trace>...
      a KUnit test (C) per trace, expecting what the documented contract demands

C (the C code under test; default the seed with our header):
  --kernel-tree DIR                DIR/drivers/gpu/drm/drm_gpuvm.c with DIR/include/drm/drm_gpuvm.h
  --c-source FILE [--c-header FILE]  a drm_gpuvm.c, with its drm_gpuvm.h (default: its tree's, else ours)
  (or GPUVM_KERNEL_TREE, GPUVM_C_SOURCE, GPUVM_C_HEADER)
`;

type Command = (argv: string[], out: (text: string) => void, err: (line: string) => void) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  diff: diffCommand,
  fuzz: fuzzCommand,
  report: reportCommand,
  findings: findingsCommand,
  check: checkCommand,
  export: exportCommand,
  coverage: coverageCommand,
};

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 * @public
 */
export async function main(argv: string[]): Promise<number> {
  const out = (text: string): void => void process.stdout.write(text);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    out(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`gpuvm-check: unknown command '${name}'\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`gpuvm-check ${error.message}`);
      return EXIT_USAGE;
    }
    // Environment problems (no compiler, a --c-source that does not compile) arrive here as
    // errors whose message already says what to do; a stack trace would only hide it.
    err(`gpuvm-check ${name}: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.GPUVM_DEBUG && error instanceof Error) err(error.stack ?? '');
    return EXIT_USAGE;
  }
}
