import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace, TraceParseError } from '../../src/trace/parse.ts';
import { checkTraceFile, readTraceFile, TraceFileError } from '../../src/trace/readFile.ts';
import type { Request } from '../../src/trace/request.ts';

const dir = mkdtempSync(join(tmpdir(), 'gpuvm-read-'));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `t${n++}.trace`);
  writeFileSync(path, content);
  return path;
}

async function all(path: string): Promise<Request[]> {
  const out: Request[] = [];
  for await (const batch of readTraceFile(path)) out.push(...batch);
  return out;
}

async function error(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('readTraceFile', () => {
  it('reads a trace of many chunks exactly as parseTrace reads the text, CRLF split across chunks included', async () => {
    const lines = ['init 0 0x100000000 0 0'];
    for (let i = 0; i < 80_000; i++) lines.push(i % 3 === 0 ? `map ${i * 16} 16 ${i % 9} 0 # c` : i % 3 === 1 ? '' : `find ${i} 1`);
    const text = `${lines.join('\r\n')}\r\n`;
    expect(text.length).toBeGreaterThan(3 * 256 * 1024);
    expect(await all(file(text))).toEqual(parseTrace(text).map((p) => p.request));
  });

  it('a CRLF whose CR ends one read chunk and whose LF starts the next is one line end', async () => {
    let text = 'init 0 1 0 0\n';
    while (text.length < 256 * 1024 - 2000) text += `#${'c'.repeat(998)}\n`;
    text += `${' '.repeat(256 * 1024 - 1 - text.length - 4)}dump\r\ndump\n`;
    expect(text[256 * 1024 - 1]).toBe('\r');
    expect(await checkTraceFile(file(text))).toBe(3);
  });

  it('refuses a huge line as soon as it passes the limit, with its line number, before the rest is read', async () => {
    const path = file(`init 0 1 0 0\ndump\n${'z'.repeat(3_000_000)}\ndump x\n`);
    const e = await error(all(path));
    expect(e).toBeInstanceOf(TraceParseError);
    expect(e.message).toMatch(new RegExp(`^${path}:3: line longer than 4096 characters: 'z{60}…'$`));
  });

  it('reports the first bad line even when a huge line follows it in the same chunk', async () => {
    const path = file(`init 0 1 0 0\nfrob\n${'z'.repeat(5000)}`);
    expect((await error(all(path))).message).toBe(`${path}:2: unknown request 'frob'`);
  });

  it('a last line without LF is read', async () => {
    expect(await checkTraceFile(file('init 0 1 0 0\ndump'))).toBe(2);
  });

  it.each([
    ['missing', () => join(dir, 'nope.trace'), /nope\.trace: no such file$/],
    ['a directory', () => dir, /: is a directory, not a trace file$/],
    ['empty', () => file(''), /: no requests \(empty, or only blank and comment lines\)$/],
  ])('checkTraceFile: %s', async (_what, path, message) => {
    const e = await error(checkTraceFile(path()));
    expect(e).toBeInstanceOf(TraceFileError);
    expect(e.message).toMatch(message);
  });
});
