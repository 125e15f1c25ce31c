/**
 * The `gpuvm-check` command: dispatches subcommands (from the table COMMANDS), answers `--help`
 * and `--version`, and maps errors to exit codes.
 */
import { EXPORT_KUNIT } from '../export/kunitCommand.ts';
import { excerpt } from '../trace/excerpt.ts';
import { wantsHelp } from './args.ts';
import { CHECK } from './check.ts';
import { COVERAGE } from './coverage.ts';
import type { Command } from './command.ts';
import { DIFF } from './diff.ts';
import { FINDINGS_COMMAND } from './findings.ts';
import { FUZZ } from './fuzz.ts';
import { commandHelp, mainHelp } from './help.ts';
import { REPORT_MERGE } from './report.ts';
import { RUN } from './run.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage.ts';
import { packageVersion } from './version.ts';

/**
 * Every command, in the order `--help` lists them. A command is one entry (its table, see
 * command.ts); a two-word name (`report merge`) is a verb of a command group.
 */
export const COMMANDS: readonly Command[] = [RUN, DIFF, FUZZ, CHECK, FINDINGS_COMMAND, COVERAGE, REPORT_MERGE, EXPORT_KUNIT];

/**
 * The command `argv` names and the arguments after its name; a group's verbs when `argv` asks
 * for the group's help; null for an unknown command.
 * @throws UsageError for an unknown verb of a group
 */
function resolve(argv: readonly string[]): { command: Command; rest: string[] } | { group: string; verbs: Command[] } | null {
  const [name = '', verb, ...after] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return { command, rest: argv.slice(1) };
  const verbs = COMMANDS.filter((c) => c.name.startsWith(`${name} `));
  if (verbs.length === 0) return null;
  const chosen = verbs.find((c) => c.name === `${name} ${verb}`);
  if (chosen) return { command: chosen, rest: after };
  if (verb === '--help' || verb === '-h') return { group: name, verbs };
  const expected = verbs.map((c) => `'${c.name.split(' ')[1]}'`).join(', ');
  throw new UsageError(`${name}: unknown verb '${excerpt(verb ?? '')}' (expected ${expected}); see gpuvm-check ${name} --help`);
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 * @public
 */
export async function main(argv: string[]): Promise<number> {
  const out = (text: string): void => void process.stdout.write(text);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    (first === undefined ? err : out)(mainHelp(COMMANDS).trimEnd());
    if (first !== undefined) out('\n');
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    out(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  let name = first;
  try {
    const found = resolve(argv);
    if (found === null) {
      err(`gpuvm-check: unknown command '${excerpt(first)}' (see gpuvm-check --help)`);
      return EXIT_USAGE;
    }
    if ('group' in found) {
      out(found.verbs.map(commandHelp).join('\n'));
      return EXIT_OK;
    }
    name = found.command.name;
    if (wantsHelp(found.rest)) {
      out(commandHelp(found.command));
      return EXIT_OK;
    }
    return await found.command.run(found.rest, out, err);
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
