/** The Markdown report of the C mutation benchmark. */
import type { ProductKind } from './product.ts';
import type { MutantEntry, Summary } from './results.ts';

const fmt = (x: number | null): string => (x === null ? '-' : String(x));

/** `text` as one Markdown table cell in a code span. */
function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

/** The table of every mutant of the run. @public */
export function renderTable(entries: readonly MutantEntry[]): string {
  return [
    '| mutant | function | status | s to kill | campaign s | finding or verdict | original | mutated |',
    '| --- | --- | --- | ---: | ---: | --- | --- | --- |',
    ...entries.map(
      (e) =>
        `| ${e.id} | ${e.function} | ${e.status === 'killed' ? 'killed' : `**${e.status}**`} | ${fmt(e.secondsToKill)} | ${fmt(e.campaignSeconds)} | ${(e.signature ?? e.detail ?? '').replace(/\|/g, '\\|')} | ${code(e.original)} | ${code(e.mutated)} |`,
    ),
  ].join('\n');
}

/** What the run was. @public */
export interface RunDescription {
  readonly command: string;
  readonly generated: number;
  readonly selection: string;
  readonly budgetSeconds: number;
  readonly seed: number;
  /** The build of the product the campaigns ran (product.ts). */
  readonly product: ProductKind;
  /** The machine's 1-minute load averages recorded with the measurements (null: none recorded). */
  readonly load: { readonly min: number; readonly median: number; readonly max: number } | null;
}

/** The whole Markdown report. @public */
export function renderMarkdown(entries: readonly MutantEntry[], s: Summary, run: RunDescription): string {
  const pct = s.score === null ? '-' : `${(s.score * 100).toFixed(1)} %`;
  return [
    '# C mutation score',
    '',
    `\`${run.command}\` (bench/cMutants.ts) on ${new Date().toISOString()}: ${run.selection} of the ${run.generated} first-order mutants of the seed's functions; ` +
      `each compiled mutant is checked by a one-worker \`--backend c\` campaign, seed ${run.seed}, budget ${run.budgetSeconds} s, stopped at its first new finding. ` +
      `"s to kill" counts from spawning the product (${run.product === 'compiled' ? 'the compiled CLI of `npm run build`, as the installed package runs it' : 'the CLI from its sources through tsx'}; ` +
      'Node start-up included, the C build excluded) to the finding on disk; "campaign s" from the campaign\'s own start to the finding. ' +
      (run.load ? `Load average (1 min) as the mutants were measured: median ${run.load.median}, from ${run.load.min} to ${run.load.max}.` : 'No load average was recorded.'),
    '',
    `- mutants: ${s.total}; compiled: ${s.compiled}; no-compile: ${s.noCompile}`,
    `- killed: ${s.killed}; equivalent: ${s.equivalent}; survivors: ${s.survivors}; timeouts: ${s.timeouts}; errors: ${s.errors}`,
    `- score (killed / non-equivalent compiled): ${pct}`,
    `- median seconds to kill: ${fmt(s.medianSecondsToKill)}; p95: ${fmt(s.p95SecondsToKill)} (on the campaigns' own clocks, start-up excluded: median ${fmt(s.medianCampaignSeconds)}, p95 ${fmt(s.p95CampaignSeconds)})`,
    ...(s.killedButArguedEquivalent.length ? [`- **killed although argued equivalent** (wrong verdicts): ${s.killedButArguedEquivalent.join(', ')}`] : []),
    '',
    renderTable(entries),
    '',
  ].join('\n');
}
