/**
 * Commands printed for people to paste: arguments quoted for a POSIX shell only where needed.
 */

/** `text` as one shell word: as is when it is plainly safe, else in single quotes. @public */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
