/**
 * Which functions of the source under test the C driver can ever run: a mutant in a function
 * nothing calls cannot be told from the source by any campaign, so it is reported `unreached`
 * (a gap of the harness: the API it belongs to is not driven) without spending a campaign on
 * it. Later eras add API the driver does not call (drm_exec locking, validation, fences).
 *
 * The call graph over-approximates: an identifier anywhere in a function body, a macro's
 * replacement text or a file-scope initialiser (an ops table) is an edge to whatever carries
 * that name, and the roots are every identifier of our native code (driver and shims, comments
 * included). Only the header under test is read by its structure, since its prototypes name
 * every function: its inline function bodies and macros are nodes, not roots.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NATIVE_DIR } from '../../src/backends/c/paths.ts';
import { findFunctions, matching } from './functions.ts';
import { tokenize, type Token } from './tokenize.ts';

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

function identifiersOf(text: string): string[] {
  return text.match(IDENTIFIER) ?? [];
}

type Graph = Map<string, Set<string>>;

function addEdges(graph: Graph, from: string, to: Iterable<string>): void {
  const edges = graph.get(from) ?? new Set<string>();
  for (const t of to) edges.add(t);
  graph.set(from, edges);
}

/** `#define NAME ...` (continuation lines joined): NAME → the identifiers of the rest. */
function addMacros(graph: Graph, text: string): void {
  for (const m of text.replace(/\\\r?\n/g, ' ').matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(.*)$/gm)) addEdges(graph, m[1]!, identifiersOf(m[2]!));
}

const idents = (tokens: readonly Token[], from: number, to: number): string[] =>
  tokens.slice(from, to).filter((t) => t.kind === 'ident').map((t) => t.text);

/**
 * Function bodies, and file-scope declarations with an initialiser (`name = ...;`, e.g. an ops
 * table of function pointers): name → the identifiers they use.
 */
function addDefinitions(graph: Graph, text: string): void {
  const tokens = tokenize(text);
  const bodies = new Map(findFunctions(tokens).map((f) => [f.open, f]));
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    const fn = bodies.get(k);
    if (fn) {
      addEdges(graph, fn.name, idents(tokens, fn.open, fn.close));
      k = fn.close;
      start = k + 1;
      continue;
    }
    const t = tokens[k]!.text;
    if (t === '{' || t === '(' || t === '[') {
      k = matching(tokens, k);
      continue;
    }
    if (t !== ';') continue;
    const eq = tokens.slice(start, k).findIndex((x) => x.text === '=');
    if (eq >= 0) {
      const name = tokens.slice(start, start + eq).filter((x) => x.kind === 'ident').at(-1);
      if (name) addEdges(graph, name.text, idents(tokens, start + eq, k));
    }
    start = k + 1;
  }
}

/** Every file under `dir` (recursively) whose name ends in `.c` or `.h`. */
function cFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return cFilesUnder(file);
    return /\.[ch]$/.test(name) ? [file] : [];
  });
}

/**
 * The identifiers our native code uses (the driver and the shims it is built with); our
 * clean-room header, our KUnit port and the native tests are left out (not part of the driver).
 * @public
 */
export function driverRoots(nativeDir = NATIVE_DIR): Set<string> {
  const skipped = ['api', 'kunit', 'tests'].map((d) => path.join(nativeDir, d) + path.sep);
  const files = cFilesUnder(nativeDir).filter((f) => !skipped.some((s) => f.startsWith(s)));
  return new Set(files.flatMap((f) => identifiersOf(readFileSync(f, 'utf8'))));
}

/**
 * The functions defined in `source` that the driver can reach from `roots` through the source
 * and its `header`.
 * @throws TokenizeError for a source or header the tokeniser cannot read
 * @public
 */
export function reachableFunctions(source: string, header: string, roots: Iterable<string>): Set<string> {
  const graph: Graph = new Map();
  for (const text of [source, header]) {
    addDefinitions(graph, text);
    addMacros(graph, text);
  }
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const next of graph.get(name) ?? []) if (!seen.has(next)) todo.push(next);
  }
  return new Set(findFunctions(tokenize(source)).map((f) => f.name).filter((name) => seen.has(name)));
}
