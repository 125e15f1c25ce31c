/**
 * `--help` of every command, generated from its flag table: exit 0, every flag with its value
 * and default, lines that fit 80 columns; the top-level help lists every command; unknown
 * commands, verbs and flags point at the help.
 */
import { describe, expect, it } from 'vitest';
import { commandHelp } from '../../src/cli/help.ts';
import { COMMANDS } from '../../src/cli/main.ts';
import { REPORT_MERGE } from '../../src/cli/report.ts';
import { cli } from './__helpers__/cli.ts';

describe('per-command --help', () => {
  it('covers every command', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['run', 'diff', 'fuzz', 'check', 'findings', 'report merge', 'export kunit']));
  });

  it.each(COMMANDS.flatMap((c) => ['--help', '-h'].map((flag) => [c.name, flag, c] as const)))('%s %s: exit 0, every flag, its value and default', async (name, flag, command) => {
    const { code, out, err } = await cli([...name.split(' '), flag]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(commandHelp(command));
    expect(out.startsWith(`usage: gpuvm-check ${name} `)).toBe(true);
    for (const [flagName, f] of Object.entries(command.flags)) {
      const shown = `--${flagName}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`;
      expect(out).toContain(shown);
      // The flag's line and its continuation lines, up to the next flag.
      const entry = out.slice(out.indexOf(shown)).split(/\n {2}(?=-)/)[0]!.replace(/\s+/g, ' ');
      expect(entry).toContain(f.help.split(' ').slice(0, 3).join(' '));
      if (f.default !== undefined) expect(entry).toContain(`(default: ${f.default})`);
    }
    expect(out).toContain('-h, --help');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('--help wins over other flags, even bad ones, but not after --', async () => {
    expect((await cli(['fuzz', '--bogus', '--help'])).code).toBe(0);
    const after = await cli(['run', '--', '--help']);
    expect(after.code).toBe(2);
    expect(after.err).toMatch(/--help: no such file/);
  });

  it('fuzz --help shows the defaults of the campaign, not copies of them', async () => {
    const { out } = await cli(['fuzz', '--help']);
    expect(out).toMatch(/--duration DUR +[^]*?\(default: 1m\)\n/);
    expect(out.replace(/\s+/g, ' ')).toContain('(default: 100,000)');
    expect(out).toMatch(/--job K/);
    expect(out).toMatch(/exit status: 0 nothing new found, 1 new findings/);
  });

  it('a command group shows the help of its verbs', async () => {
    const { code, out } = await cli(['report', '--help']);
    expect(code).toBe(0);
    expect(out).toBe(commandHelp(REPORT_MERGE));
  });
});

describe('gpuvm-check --help', () => {
  it('lists every command with its summary, exit 0', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    for (const c of COMMANDS) expect(out).toMatch(new RegExp(`^  ${c.name} +${c.summary.slice(0, 20).replace(/[()|]/g, '\\$&')}`, 'm'));
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('no command at all: the help on stderr, exit 2', async () => {
    const { code, out, err } = await cli([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^usage: gpuvm-check <command>/);
  });
});

describe('unknown commands, verbs and flags point at --help', () => {
  it.each([
    [['frob'], /^gpuvm-check: unknown command 'frob' \(see gpuvm-check --help\)\n$/],
    [['report', 'combine'], /^gpuvm-check report: unknown verb 'combine' \(expected 'merge'\); see gpuvm-check report --help\n$/],
    [['export', 'pdf'], /^gpuvm-check export: unknown verb 'pdf' \(expected 'kunit'\); see gpuvm-check export --help\n$/],
    [['fuzz', '--frobnicate'], /^gpuvm-check fuzz: Unknown option '--frobnicate' \(see gpuvm-check fuzz --help\)\n$/],
    [['check', '-x', 'a.trace'], /^gpuvm-check check: Unknown option '-x' \(see gpuvm-check check --help\)\n$/],
  ])('%j', async (argv, message) => {
    const { code, out, err } = await cli(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});
