/**
 * The C coverage part of `summary.md`: the figures and, per function, lines and branches, with
 * the functions not fully covered marked. The annotated source is in `report.html`.
 */
import type { Coverage } from '../../src/coverage/coverage.ts';
import { percent } from '../../src/coverage/coverage.ts';
import { formatCount } from './format.ts';
import { mdCode } from './markdown.ts';

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** The section's lines, none when the report has no C coverage. @public */
export function sourceCoverageMarkdown(coverage: Coverage | undefined): string[] {
  if (!coverage) return [];
  const partial = coverage.functions.filter((f) => f.lines.hit < f.lines.total || f.branches.hit < f.branches.total);
  return [
    `## C coverage of ${mdCode(coverage.file)}`,
    '',
    row(['', 'Hit', 'Total', 'Share']),
    row(['---', '--:', '--:', '--:']),
    row(['Lines', formatCount(coverage.lines.hit), formatCount(coverage.lines.total), percent(coverage.lines)]),
    row(['Branches', formatCount(coverage.branches.hit), formatCount(coverage.branches.total), percent(coverage.branches)]),
    row(['Functions entered', formatCount(coverage.functions.filter((f) => f.calls > 0).length), formatCount(coverage.functions.length), percent({ hit: coverage.functions.filter((f) => f.calls > 0).length, total: coverage.functions.length })]),
    '',
    ...(partial.length === 0
      ? ['Every line and branch reached.', '']
      : [
          `${partial.length} function(s) with a line or branch never reached (the annotated source is in \`report.html\`):`,
          '',
          row(['Function', 'Line', 'Calls', 'Lines hit', 'Branches taken']),
          row(['---', '--:', '--:', '--:', '--:']),
          ...partial.map((f) => row([mdCode(f.name), String(f.startLine), formatCount(f.calls), `${f.lines.hit}/${f.lines.total}`, `${f.branches.hit}/${f.branches.total}`])),
          '',
        ]),
  ];
}
