/**
 * Every first-order mutant of the functions of a C source: the edits of bench/cmutants/
 * operators.ts at every token of every function body, in source order, without the ones whose
 * mutated file is textually identical to an earlier one.
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { findFunctions } from './functions.ts';
import { editsAt, isStatementStart, type Edit, type Operator } from './operators.ts';
import { tokenize, type Token } from './tokenize.ts';

/** One mutant: a single edit of the source. @public */
export interface Mutant {
  /** `<operator>-<line>:<column>-<index>`: the operator, where its site is, and which variant. */
  readonly id: string;
  readonly operator: Operator;
  /** The function whose body it changes. */
  readonly function: string;
  /** 1-based line and column of the site. */
  readonly line: number;
  readonly column: number;
  /** The source lines the edit touches, before and after (joined with `\n` when several). */
  readonly original: string;
  readonly mutated: string;
  /**
   * The edit in a few words, quoting no more of the source than the token replaced or the callee
   * deleted (`\`<\` → \`<=\``, `deletes the call of \`kfree\``): what a committed report of a
   * kernel source other than the seed shows instead of its lines.
   */
  readonly change: string;
  /** The edit: `[start, end)` of the source replaced by `replacement`. */
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** The labels defined in the body `[open, close]`, in source order. */
function labelsOf(tokens: readonly Token[], open: number, close: number): string[] {
  const labels: string[] = [];
  for (let k = open + 1; k < close; k++) {
    const t = tokens[k]!;
    if (t.kind === 'ident' && t.text !== 'default' && tokens[k + 1]?.text === ':' && isStatementStart(tokens, k)) labels.push(t.text);
  }
  return labels;
}

/** The source with the mutant's edit applied. @public */
export function applyMutant(source: string, mutant: Pick<Mutant, 'start' | 'end' | 'replacement'>): string {
  return source.slice(0, mutant.start) + mutant.replacement + source.slice(mutant.end);
}

/** {@link Mutant.change} of an edit. */
function changeOf(source: string, edit: Edit): string {
  const replaced = source.slice(edit.start, edit.end);
  if (edit.operator === 'call-delete') return `deletes the call of \`${replaced.slice(0, replaced.indexOf('(')).replace(/\s+/g, '')}\``;
  if (edit.operator === 'negate') return `negates the \`${edit.site.text}\` condition`;
  return `\`${replaced}\` → \`${edit.replacement}\``;
}

function describe(source: string, edit: Edit, fn: string): Mutant {
  const lineStart = source.lastIndexOf('\n', edit.start - 1) + 1;
  const nl = source.indexOf('\n', edit.end);
  const lineEnd = nl < 0 ? source.length : nl;
  return {
    id: `${edit.operator}-${edit.site.line}:${edit.site.column}-${edit.index}`,
    operator: edit.operator,
    function: fn,
    line: edit.site.line,
    column: edit.site.column,
    original: source.slice(lineStart, lineEnd),
    mutated: source.slice(lineStart, edit.start) + edit.replacement + source.slice(edit.end, lineEnd),
    change: changeOf(source, edit),
    start: edit.start,
    end: edit.end,
    replacement: edit.replacement,
  };
}

/**
 * Every mutant of the function bodies of `source`, in source order (then operator order, then
 * variant). A mutant that leaves the text unchanged, or makes a text an earlier mutant made, is
 * left out.
 * @throws TokenizeError for a source the tokeniser cannot read
 * @public
 */
export function generateMutants(source: string): Mutant[] {
  const tokens = tokenize(source);
  const edits: { edit: Edit; fn: string }[] = [];
  for (const fn of findFunctions(tokens)) {
    const labels = labelsOf(tokens, fn.open, fn.close);
    for (let at = fn.open + 1; at < fn.close; at++) {
      for (const edit of editsAt({ source, tokens, at, labels })) edits.push({ edit, fn: fn.name });
    }
  }
  return distinctEdits(source, edits).map(({ edit, fn }) => describe(source, edit, fn));
}

/**
 * `edits` without those that leave `source` unchanged or make the text an earlier one made.
 * @public
 */
export function distinctEdits<T extends { readonly edit: Pick<Edit, 'start' | 'end' | 'replacement'> }>(source: string, edits: readonly T[]): T[] {
  const hash = (text: string): string => createHash('sha1').update(text).digest('hex');
  const seen = new Set<string>([hash(source)]);
  return edits.filter(({ edit }) => {
    const key = hash(applyMutant(source, edit));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `n` mutants drawn without replacement by a `seed`ed shuffle, kept in source order; all of them
 * when `n` is at least their number.
 * @public
 */
export function sampleMutants<T>(mutants: readonly T[], n: number, seed: number): T[] {
  if (n >= mutants.length) return [...mutants];
  const rng = seedrandom(`cmutants-${seed}`);
  const indices = mutants.map((_, i) => i);
  for (let i = indices.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => mutants[i]!);
}
