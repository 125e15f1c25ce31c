/**
 * The corpus of a coverage-guided campaign (`<campaign>/corpus/`): the traces that reached edges
 * of the C code no earlier trace had reached, each with the edges it was first to reach, plus
 * the set of every edge reached so far. Guided jobs mutate and splice its traces.
 *
 * Bounded in entries and in bytes: when full, the entry that brought the fewest edges goes
 * first (the oldest of those), as libFuzzer's reduction keeps inputs for what only they reach.
 * An evicted entry's edges stay reached. On disk: one `<id>.trace` per entry (canonical trace
 * text; the id is a hash of it) and `index.json`, written atomically; a trace file the index
 * does not name (a kill between the two writes) is ignored, an index entry without its file
 * dropped, so a campaign killed at any moment resumes with a consistent corpus.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrace } from '../src/trace/parse.ts';
import { formatTrace } from '../src/trace/request.ts';
import { writeFileAtomic } from './store.ts';

/** One trace of the corpus. @public */
export interface CorpusEntry {
  /** Hash of the trace text; its file is `<id>.trace`. */
  readonly id: string;
  readonly trace: string;
  /** The edges this trace was the first to reach. */
  readonly edges: readonly number[];
  /** Order of addition (older entries have smaller numbers). */
  readonly added: number;
}

/** How large a corpus may grow. @public */
export interface CorpusLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/** Default bounds: enough for every edge of drm_gpuvm.c many times over, a few MB on disk. @public */
export const CORPUS_LIMITS: CorpusLimits = { maxEntries: 2000, maxBytes: 4 << 20 };

/** A trace longer than this is never kept (walk prefixes): mutants of it would be slow and long. @public */
export const MAX_CORPUS_REQUESTS = 200;

/** The corpus folder of a campaign directory. @public */
export const CORPUS_DIR = 'corpus';

const INDEX_FILE = 'index.json';

interface CorpusIndex {
  readonly version: 1;
  readonly edges: number[];
  readonly next: number;
  readonly entries: { id: string; edges: number[]; added: number }[];
}

const idOf = (trace: string): string => createHash('sha256').update(trace).digest('hex').slice(0, 16);

/** A bounded corpus, optionally kept in a directory. @public */
export class Corpus {
  private readonly byId = new Map<string, CorpusEntry>();
  private readonly reached = new Set<number>();
  private bytes = 0;
  private next = 0;

  /** @param dir - where it is kept (null: in memory only) */
  constructor(
    private readonly dir: string | null,
    private readonly limits: CorpusLimits = CORPUS_LIMITS,
  ) {
    if (dir !== null) this.load(dir);
  }

  /** Every edge reached so far. */
  get edges(): ReadonlySet<number> {
    return this.reached;
  }

  /** The entries, oldest first. */
  entries(): CorpusEntry[] {
    return [...this.byId.values()].sort((a, b) => a.added - b.added);
  }

  /** Bytes of trace text held. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.byId.size, bytes: this.bytes };
  }

  /**
   * Offers a trace with the edges it reached (any of them may be old): it joins when it reached
   * an edge not reached before, and the corpus is trimmed back to its bounds.
   * @returns the edges that were new (empty: not added)
   */
  offer(trace: string, edges: readonly number[]): number[] {
    const fresh = [...new Set(edges)].filter((e) => !this.reached.has(e));
    if (fresh.length === 0) return fresh;
    for (const e of fresh) this.reached.add(e);
    const id = idOf(trace);
    if (this.byId.has(id) || trace.length > this.limits.maxBytes) return fresh;
    const entry: CorpusEntry = { id, trace, edges: fresh, added: this.next++ };
    this.byId.set(id, entry);
    this.bytes += trace.length;
    if (this.dir !== null) writeFileAtomic(join(this.dir, `${id}.trace`), trace);
    this.trim();
    return fresh;
  }

  /** Writes `index.json` (the trace files are written as entries join). */
  save(): void {
    if (this.dir === null) return;
    const index: CorpusIndex = {
      version: 1,
      edges: [...this.reached].sort((a, b) => a - b),
      next: this.next,
      entries: this.entries().map((e) => ({ id: e.id, edges: [...e.edges], added: e.added })),
    };
    writeFileAtomic(join(this.dir, INDEX_FILE), `${JSON.stringify(index)}\n`);
  }

  private trim(): void {
    while (this.byId.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      let victim: CorpusEntry | null = null;
      for (const e of this.byId.values()) {
        if (!victim || e.edges.length < victim.edges.length || (e.edges.length === victim.edges.length && e.added < victim.added)) victim = e;
      }
      this.byId.delete(victim!.id);
      this.bytes -= victim!.trace.length;
      if (this.dir !== null) rmSync(join(this.dir, `${victim!.id}.trace`), { force: true });
    }
  }

  private load(dir: string): void {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, INDEX_FILE);
    if (!existsSync(path)) return;
    let index: CorpusIndex;
    try {
      index = JSON.parse(readFileSync(path, 'utf8')) as CorpusIndex;
      if (index.version !== 1 || !Array.isArray(index.edges) || !Array.isArray(index.entries)) throw new Error('not a corpus index');
    } catch (error) {
      throw new Error(`${path} is damaged (${(error as Error).message}); move the corpus folder away to start a new one`);
    }
    for (const e of index.edges) this.reached.add(e);
    this.next = index.next;
    for (const { id, edges, added } of index.entries) {
      const file = join(dir, `${id}.trace`);
      if (!existsSync(file)) continue;
      const trace = readFileSync(file, 'utf8');
      this.byId.set(id, { id, trace, edges, added });
      this.bytes += trace.length;
    }
  }
}

/**
 * The seed traces of `--corpus DIR`: every `*.trace` file in it (a campaign's `corpus/` folder
 * is one), parsed and returned as canonical text, in name order. Read only.
 * @throws Error naming the folder, or the file and line of a malformed trace
 * @public
 */
export function readSeedCorpus(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).filter((n) => n.endsWith('.trace')).sort();
  } catch (error) {
    throw new Error(`--corpus: ${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (error as Error).message}`);
  }
  if (names.length === 0) throw new Error(`--corpus: ${dir} holds no *.trace files`);
  return names.map((name) => {
    const file = join(dir, name);
    const parsed = parseTrace(readFileSync(file, 'latin1'), file);
    if (parsed.length === 0) throw new Error(`--corpus: ${file}: no requests`);
    return formatTrace(parsed.map((p) => p.request));
  });
}
