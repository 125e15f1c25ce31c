/**
 * Escaping for Markdown table cells (GitHub-flavoured). Report strings become either plain
 * text, where Markdown and HTML syntax is neutralised, or code spans, which show text verbatim;
 * in both, `|` is escaped (it would end the cell) and line breaks become spaces.
 */

const oneLine = (text: string): string => text.replace(/\r?\n|\r/g, ' ');

/**
 * Plain text: the characters that open emphasis, code, links or strikethrough or end a cell
 * backslash-escaped, `< > &` as entities (so no HTML passes through).
 * @public
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span around `text`, fenced with more backticks than `text` contains in a row. @public */
export function mdCode(text: string): string {
  const body = oneLine(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
