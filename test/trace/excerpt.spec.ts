import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/trace/excerpt.ts';

describe('excerpt', () => {
  it.each([
    ['plain', 'map 0 1 2 3', 'map 0 1 2 3'],
    ['control bytes, DEL, NUL', 'a\x00b\x07c\x1b[0m\x7f', 'a\\x00b\\x07c\\x1b[0m\\x7f'],
    ['tab, CR, LF', '\t\r\n', '\\x09\\x0d\\x0a'],
    ['latin1 bytes', '\xff\xfe', '\\xff\\xfe'],
    ['non-latin1 characters', '→', '\\u{2192}'],
    ['backslash', 'a\\x00', 'a\\\\x00'],
    ['exactly 60', 'x'.repeat(60), 'x'.repeat(60)],
    ['61 cut with an ellipsis', 'x'.repeat(61), `${'x'.repeat(60)}…`],
  ])('%s', (_what, text, expected) => expect(excerpt(text)).toBe(expected));

  it('a 50 MB string gives a short excerpt, at once', () => {
    expect(excerpt('\x00'.repeat(50_000_000)).length).toBe(60 * 4 + 1);
  });
});
