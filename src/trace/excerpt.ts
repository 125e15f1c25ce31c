/**
 * Quoting bad input in error messages: a short excerpt, with every byte that could upset a
 * terminal or a log written as `\xNN`, so that a 50 MB junk line or a binary file gives one
 * readable line of stderr.
 */

/** Characters of input an error message quotes at most. @public */
export const EXCERPT_CHARS = 60;

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\\') return '\\\\';
  if (code >= 0x20 && code < 0x7f) return ch;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/**
 * `text` escaped (control bytes, DEL, non-ASCII and `\` as escapes) and cut after `max` input
 * characters, a cut marked with `…`.
 * @public
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count++ === max) return `${out}…`;
    out += escapeChar(ch);
  }
  return out;
}
