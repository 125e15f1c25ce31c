/** The bounded corpus of coverage-guided campaigns (fuzz/corpus.ts). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Corpus, readSeedCorpus } from '../../fuzz/corpus.ts';

const trace = (n: number): string => `init 0x0 0x100000 0x0 0x0\nmap 0x${n.toString(16)}000 0x1000 1 0x0\n`;
const traceFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.trace'));

describe('Corpus', () => {
  it('keeps a trace only for edges never reached before', () => {
    const corpus = new Corpus(null);
    expect(corpus.offer(trace(1), [1, 2, 3])).toEqual([1, 2, 3]);
    expect(corpus.offer(trace(2), [2, 3])).toEqual([]);
    expect(corpus.offer(trace(3), [3, 4, 4])).toEqual([4]);
    expect(corpus.entries().map((e) => e.edges)).toEqual([[1, 2, 3], [4]]);
    expect([...corpus.edges].sort()).toEqual([1, 2, 3, 4]);
  });

  it('stays within its entry bound, evicting the entry that brought fewest edges (oldest first); its edges stay reached', () => {
    const corpus = new Corpus(null, { maxEntries: 3, maxBytes: 1 << 20 });
    corpus.offer(trace(1), [1, 2]);
    corpus.offer(trace(2), [3]);
    corpus.offer(trace(3), [4]);
    corpus.offer(trace(4), [5, 6, 7]);
    expect(corpus.entries().map((e) => e.trace)).toEqual([trace(1), trace(3), trace(4)]);
    corpus.offer(trace(5), [8, 9]);
    expect(corpus.entries().map((e) => e.trace)).toEqual([trace(1), trace(4), trace(5)]);
    expect(corpus.edges.size).toBe(9);
    expect(corpus.size.entries).toBe(3);
  });

  it('stays within its byte bound', () => {
    const one = trace(1).length;
    const corpus = new Corpus(null, { maxEntries: 100, maxBytes: 2 * one });
    for (let i = 1; i <= 5; i++) corpus.offer(trace(i), [i]);
    expect(corpus.size.bytes).toBeLessThanOrEqual(2 * one);
    expect(corpus.entries().map((e) => e.trace)).toEqual([trace(4), trace(5)]);
  });

  it('lives in its directory: evicted traces are deleted, and a new Corpus on it (a resume) has the same entries and edges', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gpuvm-corpus-')), 'corpus');
    const corpus = new Corpus(dir, { maxEntries: 2, maxBytes: 1 << 20 });
    corpus.offer(trace(1), [1]);
    corpus.offer(trace(2), [2, 3]);
    corpus.offer(trace(3), [4, 5]);
    corpus.save();
    expect(traceFiles(dir)).toHaveLength(2);
    const again = new Corpus(dir, { maxEntries: 2, maxBytes: 1 << 20 });
    expect(again.entries()).toEqual(corpus.entries());
    expect([...again.edges].sort()).toEqual([1, 2, 3, 4, 5]);
    // A trace written after the last index (a kill in between) is ignored, not half-loaded.
    writeFileSync(join(dir, 'ffffffffffffffff.trace'), trace(9));
    expect(new Corpus(dir).entries()).toHaveLength(2);
  });

  it('refuses a damaged index, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuvm-corpus-'));
    writeFileSync(join(dir, 'index.json'), '{"version": 1');
    expect(() => new Corpus(dir)).toThrow(/index\.json is damaged/);
  });
});

describe('readSeedCorpus (--corpus DIR)', () => {
  it('reads every *.trace file in name order, as canonical text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuvm-seeds-'));
    writeFileSync(join(dir, 'b.trace'), 'init 0 4096 0 0 # c\nmap 0 16 1 0\n');
    writeFileSync(join(dir, 'a.trace'), 'init 0 1 0 0\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a trace');
    expect(readSeedCorpus(dir)).toEqual(['init 0x0 0x1 0x0 0x0\n', 'init 0x0 0x1000 0x0 0x0\nmap 0x0 0x10 1 0x0\n']);
  });

  it('names the file and line of a bad trace, and refuses a missing or empty folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuvm-seeds-'));
    writeFileSync(join(dir, 'ok.trace'), 'init 0 1 0 0\n');
    writeFileSync(join(dir, 'bad.trace'), 'init 0 1 0 0\nmap 0 -1 1 0\n');
    expect(() => readSeedCorpus(dir)).toThrow(`${join(dir, 'bad.trace')}:2: `);
    expect(() => readSeedCorpus(join(dir, 'nope'))).toThrow(/--corpus: .*nope: no such directory/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(() => readSeedCorpus(empty)).toThrow(/holds no \*\.trace files/);
    expect(existsSync(join(dir, 'index.json'))).toBe(false);
  });
});
