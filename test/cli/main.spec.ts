/**
 * Hostile and careless input to the CLI entry (`main(argv)`), in-process: a table of bad traces,
 * bad flags and bad directories, each of which must end in exit 2 with a message that names what
 * is wrong (the file and line, or the flag) and quotes at most a short, escaped excerpt of it.
 * A few rows also go through the real binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './__helpers__/cli.ts';
import { nativeCacheDir } from '../../src/backends/c/cacheDir.ts';

const root = mkdtempSync(join(tmpdir(), 'gpuvm-bad-'));
let count = 0;
/** A fresh file with `content` (text or bytes); its path. */
function file(content: string | Buffer, name = 'bad.trace'): string {
  const dir = join(root, `f${count++}`);
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
/** A fresh directory (optionally with files); its path. */
function dir(files: Record<string, string> = {}): string {
  const path = join(root, `d${count++}`);
  mkdirSync(path);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

const INIT = 'init 0 0x100000 0 0\n';
/** A trace row: the file's text, the line the error must name, what it must say. */
type TraceRow = [what: string, text: string | Buffer, line: number, message: RegExp];

const syntaxAndNumbers: TraceRow[] = [
  ['negative number', `${INIT}unmap -1 1\n`, 2, /not a number: '-1'/],
  ['plus sign', `${INIT}unmap +1 1\n`, 2, /not a number: '\+1'/],
  ['decimal point', `${INIT}unmap 1.5 1\n`, 2, /not a number: '1\.5'/],
  ['exponent', `${INIT}unmap 1e3 1\n`, 2, /not a number: '1e3'/],
  ['binary literal', `${INIT}unmap 0b101 1\n`, 2, /not a number: '0b101'/],
  ['octal-ish 0o', `${INIT}unmap 0o7 1\n`, 2, /not a number: '0o7'/],
  ['0x without digits', `${INIT}find 0x 1\n`, 2, /not a number: '0x'/],
  ['upper-case 0X', `${INIT}find 0X10 1\n`, 2, /not a number: '0X10'/],
  ['bad hex digit', `${INIT}find 0x1g 1\n`, 2, /not a number: '0x1g'/],
  ['decimal above 2^64-1', `${INIT}find 18446744073709551616 1\n`, 2, /number above 2\^64-1: '18446744073709551616'/],
  ['hex above 2^64-1', `${INIT}find 0x10000000000000000 1\n`, 2, /number above 2\^64-1/],
  ['a 100-digit number, quoted short', `${INIT}find ${'9'.repeat(100)} 1\n`, 2, /number above 2\^64-1: '9{60}…'/],
  ['junk word as number', `${INIT}empty zero 1\n`, 2, /not a number: 'zero'/],
  ['comma-separated numbers', `${INIT}find 1,2 3\n`, 2, /not a number: '1,2'/],
  ['unicode digits', `${INIT}find １ 1\n`, 2, /not a number: '\\xef\\xbc\\x91'/],
  ['obj above 65535', `${INIT}map 0 1 65536 0\n`, 2, /object handle must be 0\.\.65535, got '65536'/],
  ['obj far above 65535', `${INIT}insert 0 1 0xffffffffffffffff 0\n`, 2, /object handle must be 0\.\.65535/],
  ['gem 0', `${INIT}gem 0\n`, 2, /object handle must be 1\.\.65535, got '0'/],
  ['gem_unmap 0x0', `${INIT}gem_unmap 0x0\n`, 2, /object handle must be 1\.\.65535, got '0x0'/],
  ['gem 65536', `${INIT}gem 65536\n`, 2, /object handle must be 1\.\.65535/],
  ['fail_alloc above 2^64-1', `${INIT}fail_alloc 18446744073709551617\n`, 2, /number above 2\^64-1/],
  ['fail_alloc negative', `${INIT}fail_alloc -1\n`, 2, /not a number: '-1'/],
  ['bad mode', 'mode fast\n', 1, /mode must be 'list' or 'cb', got 'fast'/],
  ['mode in capitals', 'mode LIST\n', 1, /mode must be 'list' or 'cb', got 'LIST'/],
  ['mode as a number', 'mode 1\n', 1, /mode must be 'list' or 'cb', got '1'/],
  ['control byte in a number', `${INIT}find 1\x07 1\n`, 2, /not a number: '1\\x07'/],
  ['escape sequence in a word', `${INIT}\x1b[31mmap 0 1 1 0\n`, 2, /unknown request '\\x1b\[31mmap'/],
];

const arityAndOrder: TraceRow[] = [
  ['unknown request', `${INIT}frobnicate 1\n`, 2, /unknown request 'frobnicate'/],
  ['request in capitals', `${INIT}MAP 0 1 1 0\n`, 2, /unknown request 'MAP'/],
  ['a transcript line as a request', `${INIT}> map 0 1 1 0\n`, 2, /unknown request '>'/],
  ['an OK line as a request', `${INIT}OK\n`, 2, /unknown request 'OK'/],
  ['the batch separator', `${INIT}@@end\n`, 2, /unknown request '@@end'/],
  ['madvise-like unknown word, very long', `${INIT}${'x'.repeat(500)} 1\n`, 2, /unknown request 'x{60}…'/],
  ['map with 3 arguments', `${INIT}map 0 1 1\n`, 2, /'map' takes 4 argument\(s\), got 3/],
  ['map with 5 arguments', `${INIT}map 0 1 1 0 0\n`, 2, /'map' takes 4 argument\(s\), got 5/],
  ['init with 3 arguments', 'init 0 1 0\n', 1, /'init' takes 4 argument\(s\), got 3/],
  ['unmap with 1 argument', `${INIT}unmap 0\n`, 2, /'unmap' takes 2 argument\(s\), got 1/],
  ['prefetch with 3 arguments', `${INIT}prefetch 0 1 2\n`, 2, /'prefetch' takes 2/],
  ['insert with 2 arguments', `${INIT}insert 0 1\n`, 2, /'insert' takes 4/],
  ['find_prev with 2 arguments', `${INIT}find_prev 0 1\n`, 2, /'find_prev' takes 1/],
  ['find_next without argument', `${INIT}find_next\n`, 2, /'find_next' takes 1 argument\(s\), got 0/],
  ['dump with an argument', `${INIT}dump 1\n`, 2, /'dump' takes 0 argument\(s\), got 1/],
  ['fini with an argument', `${INIT}fini now\n`, 2, /'fini' takes 0/],
  ['allocs with an argument', `${INIT}allocs 1\n`, 2, /'allocs' takes 0/],
  ['gem without argument', `${INIT}gem\n`, 2, /'gem' takes 1/],
  ['mode without argument', 'mode\n', 1, /'mode' takes 1/],
  ['map before init', 'map 0 1 1 0\n', 1, /'map' before 'init'/],
  ['dump after mode only', 'mode cb\ndump\n', 2, /'dump' before 'init'/],
  ['request after fini', `${INIT}fini\nallocs\n`, 3, /'allocs' before 'init' \(or after 'fini'\)/],
  ['fini before init', 'fini\n', 1, /'fini' before 'init'/],
  ['second fini', `${INIT}fini\nfini\n`, 3, /'fini' before 'init'/],
  ['comment hides the request word', `# init 0 1 0 0\nmap 0 1 1 0\n`, 2, /'map' before 'init'/],
  ['error far down a long trace', `${INIT}${'dump\n'.repeat(5000)}dump x\n`, 5002, /'dump' takes 0/],
];

const fileLevel: TraceRow[] = [
  ['a NUL byte', Buffer.from(`${INIT}dump\0\n`), 2, /NUL byte at column 5 \(a binary file\?\): 'dump\\x00'/],
  ['a binary file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x0a, 0xff, 0xfe]), 1, /NUL byte at column 8 .*'\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00'/],
  ['a gzip file', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]), 1, /NUL byte.*'\\x1f\\x8b\\x08\\x00/],
  ['CR-only line ends', 'init 0 1 0 0\rdump\rdump\r', 1, /carriage return at column 13 inside a line \(CR-only line ends\? lines end with LF or CRLF\): 'init 0 1 0 0\\x0ddump\\x0ddump'/],
  ['a lone CR in a line', `${INIT}dump\r # x\r\n`, 2, /carriage return at column 5/],
  ['a 5 MB line', `${INIT}${'a'.repeat(5_000_000)}\n`, 2, /line longer than 4096 characters: 'a{60}…'/],
  ['a 5 MB line without a line end', `${INIT}${'7'.repeat(5_000_000)}`, 2, /line longer than 4096 characters/],
  ['a long comment line', `${INIT}#${' '.repeat(5000)}\n`, 2, /line longer than 4096 characters/],
  ['a UTF-16 file', Buffer.from('\ufeffinit 0 1 0 0\n', 'utf16le'), 1, /NUL byte at column 4/],
  ['a UTF-8 BOM', `\ufeff${INIT}`, 1, /unknown request '\\xef\\xbb\\xbfinit'/],
];

const emptyAndMissing: [what: string, path: () => string, message: RegExp][] = [
  ['an empty file', () => file(''), /: no requests \(empty, or only blank and comment lines\)/],
  ['only comments', () => file('# nothing\n\n   # here\n'), /: no requests/],
  ['only blanks', () => file('\n \t\n\n'), /: no requests/],
  ['a directory', () => dir(), /: is a directory, not a trace file/],
  ['a missing file', () => join(root, 'missing.trace'), /missing\.trace: no such file/],
];

const runBad = (text: string | Buffer) => file(text);

describe('bad traces: exit 2, file and line named, excerpt short and escaped', () => {
  describe.each([
    ['trace syntax and numbers', syntaxAndNumbers],
    ['request arity and order', arityAndOrder],
    ['file level', fileLevel],
  ] as const)('%s', (_group, rows) => {
    it.each(rows)('%s', async (_what, text, line, message) => {
      const path = runBad(text);
      const { code, out, err } = await cli(['run', path]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.startsWith(`${path}:${line}: `)).toBe(true);
      expect(err).toMatch(message);
      expect(err.length).toBeLessThan(path.length + 400);
      expect(err.slice(0, -1)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    });
  });

  it.each(emptyAndMissing)('%s', async (_what, path, message) => {
    const { code, out, err } = await cli(['run', path()]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('the same rules on diff: a bad trace is named, the good ones compared', async () => {
    const bad = runBad(`${INIT}dump 1\n`);
    const { code, out, err } = await cli(['diff', bad]);
    expect(code).toBe(2);
    expect(err).toContain(`\n${bad}:2: 'dump' takes 0 argument(s), got 1\n`);
    expect(out).toBe('0 trace(s), 0 differ\n');
  });

  it('CRLF line ends are line ends: the trace runs', async () => {
    const { code, out, err } = await cli(['run', file('init 0 0x1000 0 0\r\nempty 0 0x1000\r\n')]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('> init 0x0 0x1000 0x0 0x0\nOK\n> empty 0x0 0x1000\nEMPTY 1\n');
  });
});

const good = file(`${INIT}dump\n`, 'good.trace');

/** A flag row: argv after the command, and what the message must say. */
type FlagRow = [argv: () => string[], message: RegExp];

const runFlags: FlagRow[] = [
  [() => ['--bogus', good], /run: Unknown option '--bogus'/],
  [() => ['--backend', 'rust', good], /--backend must be one of ts, c, got 'rust'/],
  [() => ['--backend', '', good], /--backend must be one of ts, c, got ''/],
  [() => [], /run: no trace file given/],
  [() => ['--out'], /run: Option '--out <value>' argument missing/],
  [() => ['--out', good, good], /--out: '.*good\.trace' exists and is not a directory/],
  [() => ['--out', '/proc/x', good], /--out: '\/proc\/x' is in a kernel pseudo-filesystem/],
  [() => ['--out', join(good, 'sub'), good], /--out: the directory '.*' cannot be created: '.*good\.trace' is not a directory/],
  [() => ['--out', dir(), good, good], /--out: '.*good\.trace' and '.*good\.trace' would both write good\.transcript/],
  [() => ['--c-source', '/x.c', good], /--c-source applies to the C backend only; add --backend c/],
  [() => ['--sanitize', good], /--sanitize applies to the C backend only/],
  [() => ['--backend', 'c', '--c-source', dir(), good], /--c-source: '.*' is a directory; give a file/],
  [() => ['--backend', 'c', '--c-source', join(root, 'none.c'), good], /--c-source: no such file '.*none\.c'/],
  [() => ['--sanitize=yes', good], /run: Option '--sanitize' does not take an argument/],
  [() => [`--\x1b[2J${'z'.repeat(100_000)}`, good], /^gpuvm-check run: Unknown option '--\\x1b\[2Jz{54}…' \(see gpuvm-check run --help\)\n$/],
  [() => ['--backend', `c\x00${'q'.repeat(1000)}`, good], /--backend must be one of ts, c, got 'c\\x00q{58}…'\n$/],
];

const diffFlags: FlagRow[] = [
  [() => [], /diff: no trace file given/],
  [() => ['--backend', 'c', good], /diff: Unknown option '--backend'/],
  [() => ['--c-source', dir(), good], /--c-source: '.*' is a directory; give a file/],
  [() => ['--c-source', join(root, 'none.c'), good], /--c-source: no such file/],
  [() => ['--c-source'], /diff: Option '--c-source <value>' argument missing/],
  [() => ['--out', dir(), good], /diff: Unknown option '--out'/],
  [() => ['-x', good], /diff: Unknown option '-x'/],
];

const findingsFlags: FlagRow[] = [
  [() => ['--c-source', dir()], /--c-source: '.*' is a directory; give a file/],
  [() => ['--c-source', join(root, 'none.c')], /--c-source: no such file/],
  [() => ['extra'], /findings: unexpected argument 'extra'/],
  [() => ['--json=1'], /findings: Option '--json' does not take an argument/],
];

const fuzzFlags: FlagRow[] = [
  [() => ['--duration', '5x'], /--duration must be a duration like 30s/],
  [() => ['--duration', '0'], /--duration must be more than 0 and at most 7d, got '0'/],
  [() => ['--duration', '0s'], /--duration must be more than 0/],
  [() => ['--duration', '8d'], /--duration must be more than 0 and at most 7d, got '8d'/],
  [() => ['--duration=-5s'], /--duration must be a duration/],
  [() => ['--duration', ''], /--duration must be a duration/],
  [() => ['--seed=-3'], /--seed must be an integer from 0 to 2147483647, got '-3'/],
  [() => ['--seed', '2147483648'], /--seed must be an integer from 0 to 2147483647/],
  [() => ['--seed', '0x10'], /--seed must be an integer/],
  [() => ['--seed', '1e3'], /--seed must be an integer/],
  [() => ['--workers', '0'], /--workers must be an integer from 1 to 256, got '0'/],
  [() => ['--workers', '257'], /--workers must be an integer from 1 to 256/],
  [() => ['--workers', 'many'], /--workers must be an integer/],
  [() => ['--workers', `1\r${'9'.repeat(10_000)}`], /--workers must be an integer from 1 to 256, got '1\\x0d9{58}…'\n$/],
  [() => ['--duration', `\x07${'m'.repeat(10_000)}`], /--duration must be a duration like .*, got '\\x07m{59}…'\n$/],
  [() => ['--backend', 'rust'], /--backend must be one of ts, c, both, got 'rust'/],
  [() => ['--shard', '3/2'], /--shard must be i\/N with 1 <= i <= N/],
  [() => ['--shard', '0/2'], /--shard must be i\/N/],
  [() => ['--shard', '1/0'], /--shard must be i\/N/],
  [() => ['--shard', '1'], /--shard must be i\/N/],
  [() => ['--shard', '99999999999999999999/3'], /--shard must be i\/N with 1 <= i <= N <= 100000/],
  [() => ['--shard', '1/200000'], /--shard must be i\/N with 1 <= i <= N <= 100000/],
  [() => ['--max-requests', '0'], /--max-requests must be an integer from 1 to 10000000, got '0'/],
  [() => ['--max-requests', '10000001'], /--max-requests must be an integer from 1 to 10000000/],
  [() => ['--jobs', '0'], /--jobs must be an integer from 1/],
  [() => ['--jobs=-1'], /--jobs must be an integer/],
  [() => ['--runs-per-job', '0'], /--runs-per-job must be an integer from 1 to 1000000/],
  [() => ['--runs-per-job', '1.5'], /--runs-per-job must be an integer/],
  [() => ['--junit', join(root, 'no-such-dir', 'j.xml')], /--junit: cannot write '.*j\.xml': the directory '.*no-such-dir' does not exist/],
  [() => ['--junit', dir()], /--junit: '.*' is a directory; give a file name/],
  [() => ['--junit', '/proc/j.xml'], /--junit: '\/proc\/j\.xml' is in a kernel pseudo-filesystem/],
  [() => ['--out', '/proc/x'], /--out: '\/proc\/x' is in a kernel pseudo-filesystem/],
  [() => ['--out', good], /--out: '.*good\.trace' exists and is not a directory/],
  [() => ['--backend', 'ts', '--c-source', '/x.c'], /--c-source applies to the C backend only; use --backend c or both/],
  [() => ['--backend', 'ts', '--sanitize'], /--sanitize applies to the C backend only/],
  [() => ['--backend', 'ts', '--coverage'], /--coverage measures the C code; use --backend c or both/],
  [() => ['--c-source', dir()], /--c-source: '.*' is a directory; give a file/],
  [() => ['--c-source', join(root, 'none.c')], /--c-source: no such file/],
  [() => ['--resume', join(root, 'no-campaign')], /--resume: no such directory '.*no-campaign'/],
  [() => ['--resume', good], /--resume: '.*good\.trace' is not a directory/],
  [() => ['--resume', dir()], /--resume: '.*' is not a campaign directory \(no state\.json\)/],
  [() => ['--resume', dir(), '--out', dir()], /fuzz: --resume DIR continues DIR; do not give --out too/],
  [() => ['extra'], /fuzz: unexpected argument 'extra'/],
  [() => ['--frobnicate'], /fuzz: Unknown option '--frobnicate'/],
  [() => ['--job', '3'], /--job K reruns job K of the campaign of seed S: give --seed S too/],
  [() => ['--job', '-1', '--seed', '3'], /fuzz: Option '--job' argument is ambiguous/],
  [() => ['--job', 'x', '--seed', '3'], /--job must be an integer from 0 to \d+, got 'x'/],
  [() => ['--job', '3', '--seed', '3', '--duration', '5s'], /--duration applies to a campaign, not to a rerun of one job \(--job\)/],
  [() => ['--job', '3', '--seed', '3', '--resume', dir()], /--resume applies to a campaign, not to a rerun of one job/],
  [() => ['--job', '3', '--seed', '3', '--shard', '1/2'], /--shard applies to a campaign/],
  [() => ['--job', '3', '--seed', '3', '--out', '/proc/x'], /--out: '\/proc\/x' is in a kernel pseudo-filesystem/],
  [() => ['--job', '3', '--seed', '3', '--corpus', dir()], /--corpus applies to a campaign, not to a rerun of one job/],
  [() => ['--job', '1', '--seed', '3', '--backend', 'c'], /--job 1: in a coverage-guided campaign job 1 is a guided job, .*; replay its finding with `check <finding-dir>`/],
];

const stateJson = (text: string) => dir({ 'state.json': text });
const directories: FlagRow[] = [
  [() => ['--resume', stateJson('{"version":1,"identity":{"seed":')], /--resume: .*state\.json is damaged \(.*JSON.*\); the campaign cannot be resumed from it/],
  [() => ['--resume', stateJson('')], /--resume: .*state\.json is damaged/],
  [() => ['--resume', stateJson('null')], /--resume: .*state\.json is damaged \(not a campaign state\)/],
  [() => ['--resume', stateJson('{"version":2}')], /--resume: .*state\.json has unknown version 2/],
  [() => ['--resume', stateJson('{"version":1}')], /--resume: .*state\.json is damaged \(fields missing/],
  [() => ['--out', dir({ 'state.json': '{}' })], /--out: '.*' already holds a campaign; continue it with --resume/],
  [() => ['--out', dir({ 'report.json': '{}' })], /--out: '.*' already holds a campaign/],
];

describe('bad flags: exit 2 before any work, the flag named', () => {
  describe.each([
    ['run', runFlags],
    ['diff', diffFlags],
    ['findings', findingsFlags],
    ['fuzz', fuzzFlags],
    ['fuzz (directories)', directories],
  ] as const)('%s', (command, rows) => {
    it.each(rows.map(([argv, message]) => [message.source, argv, message] as const))('%s', async (_name, argv, message) => {
      const { code, out, err } = await cli([command.split(' ')[0]!, ...argv()]);
      expect(err).toMatch(message);
      expect(code).toBe(2);
      expect(out).toBe('');
    });
  });
});

describe('report merge: bad inputs and outputs', () => {
  let shard1: string;
  let shard2: string;
  beforeAll(async () => {
    shard1 = join(root, 'shard1');
    shard2 = join(root, 'shard2');
    for (const [i, path] of [[1, shard1], [2, shard2]] as const) {
      const r = await cli(['fuzz', '--backend', 'ts', '--workers', '1', '--seed', '3', '--shard', `${i}/2`, '--jobs', '1', '--max-requests', '50', '--runs-per-job', '1', '--out', path]);
      expect(r.code).toBeLessThan(2);
    }
  }, 120_000);

  const rows: FlagRow[] = [
    [() => [], /report: unknown verb '' \(expected 'merge'\)/],
    [() => ['combine'], /report: unknown verb 'combine'/],
    [() => ['merge'], /report merge: no campaign directory given/],
    [() => ['merge', join(root, 'nope')], /report merge: no such campaign directory '.*nope'/],
    [() => ['merge', good], /report merge: '.*good\.trace' is not a directory; give campaign directories/],
    [() => ['merge', dir()], /report merge: '.*' has no report\.json/],
    [() => ['merge', '--out', shard1, shard1, shard2], /--out: '.*shard1' is one of the inputs .*; merging would overwrite it/],
    [() => ['merge', '--out', `${shard2}/.`, shard1, shard2], /--out: '.*shard2\/\.' is one of the inputs/],
    [() => ['merge', '--out', dir({ 'state.json': '{}' }), shard1, shard2], /--out: '.*' is the directory of a campaign/],
    [() => ['merge', '--out', '/proc/m', shard1, shard2], /--out: '\/proc\/m' is in a kernel pseudo-filesystem/],
    [() => ['merge', '--out', good, shard1, shard2], /--out: '.*good\.trace' exists and is not a directory/],
    [() => ['merge', '--bogus', shard1], /report merge: Unknown option '--bogus'/],
    [() => ['merge', shard1, dir({ 'report.json': '{"schema":' })], /report\.json: not valid JSON/],
  ];
  it.each(rows.map(([argv, message]) => [message.source, argv, message] as const))('%s', async (_name, argv, message) => {
    const { code, out, err } = await cli(['report', ...argv()]);
    expect(err).toMatch(message);
    expect(code).toBe(2);
    expect(out).toBe('');
  });

  it('merges into a new directory', async () => {
    const target = join(root, 'merged');
    const { code, out } = await cli(['report', 'merge', '--out', target, shard1, shard2]);
    expect(code).toBe(0);
    expect(out).toMatch(/merged 2 report\(s\), shards 1\/2, 2\/2/);
  });

  it('--resume names the resumed campaign with its own seed, shard and backend', async () => {
    const { code, err } = await cli(['fuzz', '--resume', shard1, '--jobs', '1', '--workers', '1']);
    expect(code).toBeLessThan(2);
    expect(err).toMatch(/^gpuvm-check fuzz: resuming shard1 \(\d+s done\), seed 3, shard 1\/2, backend ts, 1 worker\(s\)/);
  });
});

describe('through the real binary', () => {
  const bin = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync('node', ['bin/gpuvm-check.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('a binary trace: exit 2, one short escaped line', () => {
    const path = file(Buffer.from([0x00, 0x01, 0x02, 0x0a]));
    const r = bin(['run', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${path}:1: NUL byte at column 1 (a binary file?): '\\x00\\x01\\x02'\n`);
  });

  it('fuzz --junit to a directory that does not exist: exit 2 at once, no campaign', () => {
    const out = join(root, 'never');
    const r = bin(['fuzz', '--backend', 'ts', '--out', out, '--junit', join(root, 'nope', 'j.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^gpuvm-check --junit: cannot write/);
    expect(r.stderr).not.toMatch(/gpuvm-check fuzz: seed/);
  });

  it('fuzz with a C source that does not compile, 2 workers: exit 2, the compiler\'s error, no stack, no temp dirs left', () => {
    // A cache of its own: the user's is shared with every other build running on the machine.
    const env = { GPUVM_CACHE_DIR: join(root, 'private-cache') };
    const cache = nativeCacheDir(env);
    const temps = () => (existsSync(cache) ? readdirSync(cache).filter((n) => n.startsWith('.tmp-')) : []);
    const source = file('int x = ;\n', 'broken.c');
    const r = bin(['fuzz', '--c-source', source, '--workers', '2', '--duration', '5s', '--out', join(root, 'uncompiled')], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^gpuvm-check fuzz: gcc failed to compile .*broken\.c/m);
    expect(r.stderr).toContain("error: expected expression before ';' token");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toMatch(/Unhandled|unhandled/);
    expect(existsSync(cache)).toBe(true);
    expect(temps()).toEqual([]);
    expect(existsSync(join(root, 'uncompiled'))).toBe(false);
  }, 120_000);

  it('diff: a lone CR is refused with file and line', () => {
    const path = file('init 0 1 0 0\rdump\n');
    const r = bin(['diff', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${path}:1: carriage return at column 13`, 'm'));
  });
});

it('the table holds at least 100 bad inputs', () => {
  const rows =
    syntaxAndNumbers.length + arityAndOrder.length + fileLevel.length + emptyAndMissing.length +
    runFlags.length + diffFlags.length + findingsFlags.length + fuzzFlags.length + directories.length + 13;
  expect(rows).toBeGreaterThanOrEqual(100);
});
