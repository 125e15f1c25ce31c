/**
 * A small C tokeniser for the mutant generator: enough of C to find function bodies and the
 * operators, literals and keywords inside them. Comments, string and character literals and
 * preprocessor lines (with their `\` continuations) produce no tokens, so nothing in them is
 * ever mutated.
 */

/** What a token is. @public */
export type TokenKind = 'ident' | 'number' | 'punct';

/** One token of the source, with where it is. @public */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based offset of its first character in the source. */
  readonly offset: number;
  /** 1-based line and column of its first character. */
  readonly line: number;
  readonly column: number;
}

// Longest first, so that `<<=` wins over `<<` and `<`.
const PUNCTUATORS = [
  '<<=', '>>=', '...',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##',
  '{', '}', '(', ')', '[', ']', ';', ',', '.', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', '!', '~', '?', ':', '=', '#',
];

/** A source the tokeniser cannot read (an unterminated comment or literal, a stray character). @public */
export class TokenizeError extends Error {
  override name = 'TokenizeError';
}

/**
 * The tokens of `source`, in order.
 * @throws TokenizeError naming the line of an unterminated comment or literal or a stray character
 * @public
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // True while only blanks were seen since the start of the line: a `#` there starts a directive.
  let atLineStart = true;
  const advanceTo = (end: number): void => {
    for (let k = i; k < end; k++) {
      if (source[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    i = end;
  };
  const fail = (what: string): never => {
    throw new TokenizeError(`line ${line}: ${what}`);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      advanceTo(i + 1);
      atLineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated comment');
      advanceTo(end + 2);
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      advanceTo(end < 0 ? source.length : end);
      continue;
    }
    if (c === '#' && atLineStart) {
      // A directive runs to the first newline not escaped by a backslash; comments inside it
      // are skipped with it.
      let k = i;
      while (k < source.length && !(source[k] === '\n' && source[k - 1] !== '\\')) {
        if (source[k] === '/' && source[k + 1] === '*') {
          const end = source.indexOf('*/', k + 2);
          if (end < 0) fail('unterminated comment');
          k = end + 2;
        } else k++;
      }
      advanceTo(k);
      continue;
    }
    atLineStart = false;
    if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < source.length && source[k] !== c) {
        if (source[k] === '\n') fail(`unterminated ${c === '"' ? 'string' : 'character'} literal`);
        k += source[k] === '\\' ? 2 : 1;
      }
      if (k >= source.length) fail('unterminated literal');
      advanceTo(k + 1);
      continue;
    }
    const column = i - lineStart + 1;
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 256));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], offset: i, line, column });
      i += ident[0].length;
      continue;
    }
    const number = /^(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*/.exec(source.slice(i, i + 64));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], offset: i, line, column });
      i += number[0].length;
      continue;
    }
    const punct = PUNCTUATORS.find((p) => source.startsWith(p, i));
    if (!punct) return fail(`unexpected character '${c}'`);
    tokens.push({ kind: 'punct', text: punct, offset: i, line, column });
    i += punct.length;
  }
  return tokens;
}
