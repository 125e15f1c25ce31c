/**
 * The mutation operators: each looks at one token of a function body and proposes edits of the
 * source text (replace `[start, end)` with `replacement`). An edit never changes how many lines
 * the source has, so line numbers of the rest of the file stay those of the seed.
 */
import { matching } from './functions.ts';
import type { Token } from './tokenize.ts';

/** The operators, in the order their mutants are listed at one site. @public */
export const OPERATORS = ['ror', 'aor', 'const', 'break-continue', 'negate', 'logic', 'call-delete', 'goto-label'] as const;

/** The name of an operator. @public */
export type Operator = (typeof OPERATORS)[number];

/** One proposed change of the source. @public */
export interface Edit {
  readonly operator: Operator;
  /** The token the change is anchored at (its line and column make the mutant's id). */
  readonly site: Token;
  /** Which of the operator's variants at this site (0-based). */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** What an operator sees: the tokens, the function's body range and its labels. @public */
export interface SiteContext {
  readonly source: string;
  readonly tokens: readonly Token[];
  /** Token index of the site. */
  readonly at: number;
  /** Labels defined in the enclosing function, in source order. */
  readonly labels: readonly string[];
}

const RELATIONAL = ['<', '<=', '>', '>=', '==', '!='];

/** Binary arithmetic and bitwise operators and their replacements (`*` is left out: it is also a pointer declarator). */
const ARITHMETIC: Readonly<Record<string, readonly string[]>> = {
  '+': ['-'],
  '-': ['+'],
  '/': ['*'],
  '%': ['/'],
  '<<': ['>>'],
  '>>': ['<<'],
  '&': ['|'],
  '|': ['&'],
  '^': ['|'],
};

/** Compound assignments and increments, which are never unary-ambiguous. */
const COMPOUND: Readonly<Record<string, readonly string[]>> = {
  '+=': ['-='],
  '-=': ['+='],
  '*=': ['/='],
  '/=': ['*='],
  '<<=': ['>>='],
  '>>=': ['<<='],
  '&=': ['|='],
  '|=': ['&='],
  '++': ['--'],
  '--': ['++'],
};

const KEYWORDS = new Set(['return', 'case', 'sizeof', 'if', 'while', 'for', 'switch', 'else', 'do', 'goto', 'break', 'continue', 'default']);

/** True when the token before `at` ends an operand, so the operator at `at` is binary. */
function afterOperand(tokens: readonly Token[], at: number): boolean {
  const prev = tokens[at - 1];
  if (!prev) return false;
  if (prev.kind === 'number') return true;
  if (prev.kind === 'ident') return !KEYWORDS.has(prev.text);
  return prev.text === ')' || prev.text === ']';
}

/** The integer value, base and suffix of a literal. */
function parseInteger(text: string): { value: bigint; hex: boolean; suffix: string } {
  const m = /^(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)$/.exec(text)!;
  return { value: BigInt(m[1]!), hex: /^0[xX]/.test(m[1]!), suffix: m[2]! };
}

function replaceToken(operator: Operator, site: Token, replacements: readonly string[]): Edit[] {
  return replacements.map((replacement, index) => ({ operator, site, index, start: site.offset, end: site.offset + site.text.length, replacement }));
}

/** Index of the `(` matched by the `)` at `close`. */
function openerOf(tokens: readonly Token[], close: number): number {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    if (tokens[k]!.text === ')') depth++;
    else if (tokens[k]!.text === '(' && --depth === 0) return k;
  }
  return -1;
}

/**
 * True when a statement may start at token `at`: after `;`, `{`, `}`, `else`, a label's colon, or
 * the `)` closing the head of `if`, `while` or `for`.
 * @public
 */
export function isStatementStart(tokens: readonly Token[], at: number): boolean {
  const prev = tokens[at - 1];
  if (!prev) return false;
  if ([';', '{', '}', 'else'].includes(prev.text)) return true;
  if (prev.text === ':') {
    const label = tokens[at - 2];
    return label?.kind === 'ident' && isStatementStart(tokens, at - 2);
  }
  if (prev.text === ')') {
    const head = tokens[openerOf(tokens, at - 1) - 1];
    return head !== undefined && ['if', 'while', 'for'].includes(head.text);
  }
  return false;
}

/** `name(...);`, `a->b(...);` or `a.b(...);` starting at `at`: the index of its `;`, or -1. */
function callStatementEnd(tokens: readonly Token[], at: number): number {
  let k = at;
  if (tokens[k]?.kind !== 'ident' || KEYWORDS.has(tokens[k]!.text)) return -1;
  k++;
  while ((tokens[k]?.text === '->' || tokens[k]?.text === '.') && tokens[k + 1]?.kind === 'ident') k += 2;
  if (tokens[k]?.text !== '(') return -1;
  const close = matching(tokens, k);
  return tokens[close + 1]?.text === ';' ? close + 1 : -1;
}

/** The newlines of `text`, so that an edit keeps the line count. */
const newlinesOf = (text: string): string => text.replace(/[^\n]/g, '');

/** Every edit the operators propose at `ctx.at`, in operator order. @public */
export function editsAt(ctx: SiteContext): Edit[] {
  const { tokens, at, source } = ctx;
  const token = tokens[at]!;
  const t = token.text;
  const edits: Edit[] = [];
  if (RELATIONAL.includes(t)) edits.push(...replaceToken('ror', token, RELATIONAL.filter((r) => r !== t)));
  if (ARITHMETIC[t] && afterOperand(tokens, at)) edits.push(...replaceToken('aor', token, ARITHMETIC[t]));
  if (COMPOUND[t]) edits.push(...replaceToken('aor', token, COMPOUND[t]));
  if (token.kind === 'number') {
    const { value, hex, suffix } = parseInteger(t);
    const write = (v: bigint): string => `${hex ? `0x${v.toString(16)}` : v.toString()}${suffix}`;
    edits.push(...replaceToken('const', token, value > 0n ? [write(value + 1n), write(value - 1n)] : [write(value + 1n)]));
  }
  if (t === 'break') edits.push(...replaceToken('break-continue', token, ['continue']));
  if (t === 'continue') edits.push(...replaceToken('break-continue', token, ['break']));
  if ((t === 'if' || t === 'while') && tokens[at + 1]?.text === '(') {
    const open = tokens[at + 1]!;
    const close = tokens[matching(tokens, at + 1)]!;
    const inner = source.slice(open.offset + 1, close.offset);
    edits.push({ operator: 'negate', site: token, index: 0, start: open.offset, end: close.offset + 1, replacement: `(!(${inner}))` });
  }
  if (t === '&&') edits.push(...replaceToken('logic', token, ['||']));
  if (t === '||') edits.push(...replaceToken('logic', token, ['&&']));
  if (isStatementStart(tokens, at)) {
    const semicolon = callStatementEnd(tokens, at);
    if (semicolon >= 0) {
      const end = tokens[semicolon]!.offset + 1;
      edits.push({ operator: 'call-delete', site: token, index: 0, start: token.offset, end, replacement: `;${newlinesOf(source.slice(token.offset, end))}` });
    }
  }
  if (t === 'goto' && tokens[at + 1]?.kind === 'ident') {
    const target = tokens[at + 1]!;
    const others = ctx.labels.filter((l) => l !== target.text);
    edits.push(...others.map((label, index) => ({ operator: 'goto-label' as const, site: token, index, start: target.offset, end: target.offset + target.text.length, replacement: label })));
  }
  return edits;
}
