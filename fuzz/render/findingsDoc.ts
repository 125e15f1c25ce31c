/**
 * Links from a report to the FINDINGS.md entry of a registered finding: the file relative to
 * the report's directory, and the anchor GitHub (and most Markdown viewers) give the entry's
 * heading, `## GPUVM-004: <title>` (properties/findings/publish.ts writes it).
 */
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../../src/backends/c/paths.ts';
import { ALL_FINDINGS } from '../../properties/findings/registry.ts';

/**
 * The anchor of a Markdown heading as GitHub makes it: the text without code-span backticks,
 * lower-cased, punctuation other than `-` and `_` dropped, spaces as `-`.
 * @public
 */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** A registered finding's entry: its id, title and link. @public */
export interface FindingsDocEntry {
  readonly id: string;
  readonly title: string;
  /** FINDINGS.md relative to the report's directory, with the entry's anchor. */
  readonly href: string;
}

/**
 * The FINDINGS.md entries of `known` (`GPUVM-004`, or `GPUVM-001+GPUVM-004` when only several
 * fixes together remove a violation), linked from the report in `reportDir`. Ids the registry
 * does not hold (a report from another version) are left out.
 * @public
 */
export function findingsDocEntries(reportDir: string, known: string): FindingsDocEntry[] {
  const file = relative(reportDir, join(REPO_ROOT, 'FINDINGS.md')).split(sep).join('/');
  return known.split('+').flatMap((id) => {
    const entry = ALL_FINDINGS.find((f) => f.id === id);
    return entry ? [{ id, title: entry.title, href: `${file}#${headingAnchor(`${id}: ${entry.title}`)}` }] : [];
  });
}
