/**
 * A subcommand as one table: its name, arguments, one-line summary and flags. Parsing
 * (args.ts), `--help` (help.ts) and the top-level usage (main.ts) are all generated from it, so
 * a new flag or command is one entry and its help cannot drift from what is parsed.
 */

/** One flag: how it parses and how `--help` shows it. @public */
export interface Flag {
  readonly type: 'string' | 'boolean';
  /** A one-letter alias (`-h` is taken by `--help`). */
  readonly short?: string;
  /** The placeholder of a string flag's value in help (`DIR`, `N`); default `VALUE`. */
  readonly value?: string;
  /** What the flag does, one sentence. */
  readonly help: string;
  /** The default as help shows it; absent when there is none (or a boolean flag, off). */
  readonly default?: string;
}

/** A command's flags by long name (without `--`). @public */
export type FlagTable = Readonly<Record<string, Flag>>;

/** The parsed values of a flag table: strings, booleans, undefined when absent. @public */
export type FlagValues<F extends FlagTable> = { readonly [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string };

/** How a command writes: `out` takes text as is, `err` one line (a newline is added). @public */
export type CommandRun = (argv: string[], out: (text: string) => void, err: (line: string) => void) => Promise<number>;

/** A subcommand. @public */
export interface Command<F extends FlagTable = FlagTable> {
  /** `run`, or two words for a verb of a command group (`report merge`). */
  readonly name: string;
  /** The positional arguments as usage shows them (`<trace>...`); empty for none. */
  readonly args: string;
  /** One line for the command list of `gpuvm-check --help`. */
  readonly summary: string;
  /** More of what it does, shown by its `--help` (paragraphs separated by blank lines). */
  readonly about?: string;
  /** What its exit codes mean, shown by its `--help`. */
  readonly exits?: string;
  readonly flags: F;
  /** Runs the command with its arguments (after the name). */
  readonly run: CommandRun;
}

/**
 * A command, its flag types kept literal so that parsing it gives typed values.
 * @public
 */
export function defineCommand<const F extends FlagTable>(command: Command<F>): Command<F> {
  return command;
}
