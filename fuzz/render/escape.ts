/**
 * Escaping for HTML and SVG text and attribute values. Every string that comes from a report
 * goes through `escapeHtml` before it lands in `report.html`, so no report content can open a
 * tag, close an attribute or start an entity.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '` (safe in text and in quoted attributes). @public */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
