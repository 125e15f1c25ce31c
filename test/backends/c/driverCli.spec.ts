/**
 * The driver binary itself: its command line, batch framing, and the trace syntax it accepts
 * and refuses (`line <n>: <message>` on stderr, exit 2, nothing on stdout for that trace).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../../src/backends/backend.ts';
import { buildDriver } from '../../../src/backends/c/build.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { MalformedTraceError } from '../../../src/backends/c/malformedTraceError.ts';
import { seedExists } from './seed.ts';

describe.skipIf(!seedExists)('gpuvm-driver', () => {
  let binary: string;
  beforeAll(async () => {
    binary = (await buildDriver({})).binary;
  });

  const run = (input: string, args: string[] = []) => {
    const r = spawnSync(binary, args, { input, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('one trace on stdin without --batch', () => {
    expect(run('init 0 0x1000 0 0\ndump\n')).toEqual({
      status: 0,
      stdout: '> init 0x0 0x1000 0x0 0x0\nOK\n> dump\nVAS 0\n',
      stderr: '',
    });
  });

  test('--batch: every trace ends in @@end, state does not carry over', () => {
    const out = run('mode cb\ninit 0 0x1000 0 0\ninsert 0 0x1000 3 0\n@@end\ninit 0 0x1000 0 0\ngem 3\n@@end\n', ['--batch']);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(
      '> mode cb\nOK\n> init 0x0 0x1000 0x0 0x0\nOK\n> insert 0x0 0x1000 3 0x0\nOK\n@@end\n' +
        '> init 0x0 0x1000 0x0 0x0\nOK\n> gem 3\nVAS 0\n@@end\n',
    );
  });

  test('canonical echo: blanks, comments, decimal and hex in any case', () => {
    const out = run('  init\t0 4096 0x0 0 # comment\n\n# another\nmap 0x10 0xA 65535 18446744073709551615\n');
    expect(out.stdout.split('\n').filter((l) => l.startsWith('>'))).toEqual([
      '> init 0x0 0x1000 0x0 0x0',
      '> map 0x10 0xa 65535 0xffffffffffffffff',
    ]);
  }, 10_000);

  test.each([
    ['number above 2^64-1', 'init 0 18446744073709551616 0 0', 1, /out of range/],
    ['hex above 2^64-1', 'init 0 0x10000000000000000 0 0', 1, /out of range/],
    ['negative number', 'init 0 -1 0 0', 1, /invalid number '-1'/],
    ['junk number', 'init 0 12ab 0 0', 1, /invalid number '12ab'/],
    ['0x without digits', 'init 0 0x 0 0', 1, /invalid number '0x'/],
    ['unknown request', 'init 0 1 0 0\nfrobnicate 1', 2, /unknown request 'frobnicate'/],
    ['wrong argument count', 'init 0 1 0 0\nmap 1 2 3', 2, /'map' takes 4 arguments, got 3/],
    ['obj above 65535', 'init 0 1 0 0\nmap 0 1 65536 0', 2, /obj 65536 out of range 0\.\.65535/],
    ['gem 0', 'init 0 1 0 0\ngem 0', 2, /obj 0 out of range 1\.\.65535/],
    ['gem_unmap 0', 'init 0 1 0 0\ngem_unmap 0x0', 2, /obj 0x0 out of range 1\.\.65535/],
    ['bad mode', 'mode fast', 1, /mode must be 'list' or 'cb'/],
    ['request before init', 'mode cb\n\ndump', 3, /'dump' before the first init/],
    ['request after fini', 'init 0 1 0 0\nfini\nallocs', 3, /'allocs' after fini without a new init/],
  ])('refuses %s', (_what, trace, line, message) => {
    const out = run(`${trace}\n`);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(new RegExp(`^line ${line}: `));
    expect(out.stderr).toMatch(message);
  });

  test('CRLF line ends are line ends, as in the TS parser', () => {
    expect(run('init 0 0x1000 0 0\r\ndump\r\n')).toEqual({ status: 0, stdout: '> init 0x0 0x1000 0x0 0x0\nOK\n> dump\nVAS 0\n', stderr: '' });
  });

  test.each([
    ['CR-only line ends', 'init 0 1 0 0\rdump\r', 1, "carriage return at column 13 inside a line (CR-only line ends? lines end with LF or CRLF): 'init 0 1 0 0\\x0ddump'"],
    ['a NUL byte', 'init 0 1 0 0\ndu\0mp', 2, "NUL byte at column 3 (a binary file?): 'du\\x00mp'"],
    ['a line over 4096 characters', `init 0 1 0 0\n${'q'.repeat(100_000)}`, 2, `line longer than 4096 characters: '${'q'.repeat(60)}\u2026'`],
    ['control bytes in a word', 'init 0 1 0 0\n\x1b[1mdump', 2, "unknown request '\\x1b[1mdump'"],
    ['a long junk number', `init 0 ${'9'.repeat(300)} 0 0`, 1, `number out of range (above 2^64-1) '${'9'.repeat(60)}\u2026'`],
  ])('refuses %s with the same rule as the TS parser, quoting a short escaped excerpt', (_what, trace, line, message) => {
    const out = run(`${trace}\n`);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(`line ${line}: ${message}\n`);
  });

  test('--stream runs each request as it is read; a bad line ends the run after the lines before it', () => {
    expect(run('init 0 0x1000 0 0\ndump\n', ['--stream'])).toEqual({ status: 0, stdout: '> init 0x0 0x1000 0x0 0x0\nOK\n> dump\nVAS 0\n', stderr: '' });
    const bad = run('init 0 0x1000 0 0\ndump\nfrob\n', ['--stream']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('> init 0x0 0x1000 0x0 0x0\nOK\n> dump\nVAS 0\n');
    expect(bad.stderr).toBe("line 3: unknown request 'frob'\n");
    expect(run('', ['--stream', '--batch']).status).toBe(64);
  });

  test('a malformed trace in a batch: the traces before it are answered, then exit 2', () => {
    const out = run('init 0 1 0 0\n@@end\ninit 0 1 0 0\nfini x\n@@end\n', ['--batch']);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('> init 0x0 0x1 0x0 0x0\nOK\n@@end\n');
    expect(out.stderr).toBe("line 2: 'fini' takes 0 arguments, got 1\n");
  });

  test('bad command line', () => {
    expect(run('', ['--frob']).status).toBe(64);
  });
});

describe.skipIf(!seedExists)('C backend and malformed traces', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await createCBackend({});
  });
  afterAll(async () => {
    await backend?.close();
  });

  test('throws with the driver’s line, then goes on working', async () => {
    const error = await backend
      .runTraces(['init 0 0x1000 0 0\n', 'init 0 0x1000 0 0\nmap 1 2 3\n'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedTraceError);
    expect((error as MalformedTraceError).traceIndex).toBe(1);
    expect((error as Error).message).toContain("line 2: 'map' takes 4 arguments, got 3");
    expect(await backend.runTraces(['init 0 0x1000 0 0\n'])).toEqual([['> init 0x0 0x1000 0x0 0x0', 'OK']]);
  });

  test('refuses a trace containing the batch separator', async () => {
    const error = await backend.runTraces(['init 0 1 0 0\n@@end\ndump\n']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedTraceError);
    expect((error as Error).message).toContain("line 2: '@@end'");
  });
});
