/**
 * The function definitions of a tokenised C file: a `{` at file scope right after the `)` of
 * `name(...)` opens the body of function `name`. Other file-scope braces (struct, union and enum
 * definitions, initialisers) are skipped.
 */
import type { Token } from './tokenize.ts';

/** One function definition. @public */
export interface CFunction {
  readonly name: string;
  /** Token indices of the body's `{` and its matching `}`. */
  readonly open: number;
  readonly close: number;
}

/** Index of the token that closes the bracket opened at `open` (`(`, `[` or `{`). @public */
export function matching(tokens: readonly Token[], open: number): number {
  const opener = tokens[open]!.text;
  const closer = opener === '(' ? ')' : opener === '[' ? ']' : '}';
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k]!.text;
    if (t === opener) depth++;
    else if (t === closer && --depth === 0) return k;
  }
  throw new Error(`line ${tokens[open]!.line}: unbalanced '${opener}'`);
}

/** Index of the `(` that the `)` at `close` closes. */
function matchingBackwards(tokens: readonly Token[], close: number): number {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    const t = tokens[k]!.text;
    if (t === ')') depth++;
    else if (t === '(' && --depth === 0) return k;
  }
  throw new Error(`line ${tokens[close]!.line}: unbalanced ')'`);
}

/** Every function definition of `tokens`, in source order. @public */
export function findFunctions(tokens: readonly Token[]): CFunction[] {
  const functions: CFunction[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]!.text !== '{') continue;
    const close = matching(tokens, k);
    const before = tokens[k - 1];
    if (before?.text === ')') {
      const name = tokens[matchingBackwards(tokens, k - 1) - 1];
      if (name?.kind === 'ident') functions.push({ name: name.text, open: k, close });
    }
    k = close;
  }
  return functions;
}
