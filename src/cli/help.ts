/**
 * `--help` texts, generated from the command tables (command.ts): a command's usage, what it does,
 * every flag with its value, meaning and default, and its exit codes; and the top-level usage
 * listing the commands.
 */
import type { Command, Flag } from './command.ts';

/** The width help is wrapped to: readable in any terminal, and stable in tests and docs. */
const HELP_WIDTH = 80;
/** Flag names are padded to this column; longer ones put their description on the next line. */
const FLAG_COLUMN = 26;

/** `text` wrapped at word boundaries into lines of `room` columns, those after the first indented by `indent`. */
function wrap(text: string, room: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function flagName(name: string, f: Flag): string {
  const long = `--${name}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`;
  return f.short === undefined ? `    ${long}` : `-${f.short}, ${long}`;
}

function flagLine(name: string, f: Flag): string {
  const left = `  ${flagName(name, f)}`;
  const text = wrap(`${f.help}${f.default === undefined ? '' : ` (default: ${f.default})`}`, HELP_WIDTH - FLAG_COLUMN, 0).split('\n');
  const pad = ' '.repeat(FLAG_COLUMN);
  const first = left.length < FLAG_COLUMN - 1 ? `${left.padEnd(FLAG_COLUMN)}${text[0]}` : `${left}\n${pad}${text[0]}`;
  return [first, ...text.slice(1).map((t) => `${pad}${t}`)].join('\n');
}

const paragraphs = (text: string): string => text.split(/\n\s*\n/).map((p) => wrap(p, HELP_WIDTH, 0)).join('\n\n');

/** The usage line of a command. @public */
export function usageLine(c: Command): string {
  return `gpuvm-check ${c.name}${Object.keys(c.flags).length > 0 ? ' [options]' : ''}${c.args === '' ? '' : ` ${c.args}`}`;
}

/**
 * The `--help` of one command.
 * @public
 */
export function commandHelp(c: Command): string {
  const flags = [...Object.entries(c.flags).map(([name, f]) => flagLine(name, f)), flagLine('help', { type: 'boolean', short: 'h', help: 'print this help and exit' })];
  return [
    `usage: ${usageLine(c)}`,
    '',
    paragraphs(c.summary.replace(/^./, (ch) => ch.toUpperCase()) + (c.summary.endsWith('.') ? '' : '.')),
    ...(c.about ? ['', paragraphs(c.about)] : []),
    '',
    'options:',
    ...flags,
    ...(c.exits ? ['', paragraphs(`exit status: ${c.exits}`)] : []),
    '',
  ].join('\n');
}

/** The top-level `gpuvm-check --help`: the commands, one line each. @public */
export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  return [
    'usage: gpuvm-check <command> [options] [arguments]',
    '       gpuvm-check <command> --help   every option of a command and its default',
    '       gpuvm-check --version',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${wrap(c.summary, HELP_WIDTH - width - 2, width + 2)}`),
    '',
    paragraphs(
      'Commands that test C code take --kernel-tree DIR, or --c-source FILE [--c-header FILE] (else $GPUVM_KERNEL_TREE, $GPUVM_C_SOURCE, $GPUVM_C_HEADER; default the seed).',
    ),
    paragraphs('Exit status: 0 nothing found, 1 something found (see each command), 2 usage error.'),
    '',
  ].join('\n');
}
