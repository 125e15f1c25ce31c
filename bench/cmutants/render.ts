/** The Markdown report of the C mutation benchmark. */
import type { ProductKind } from './product.ts';
import type { MutantEntry, Summary } from './results.ts';

const fmt = (x: number | null): string => (x === null ? '-' : String(x));

/** `text` as one Markdown table cell in a code span. */
function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

/** The table of every mutant of the run: the source's lines when the entries quote them, else the change in a few words. @public */
export function renderTable(entries: readonly MutantEntry[]): string {
  const quoted = entries.every((e) => e.original !== null && e.mutated !== null);
  const edit = (e: MutantEntry): string => (quoted ? `${code(e.original!)} | ${code(e.mutated!)}` : e.change.replace(/\|/g, '\\|'));
  return [
    `| mutant | function | status | s to kill | campaign s | finding or verdict | ${quoted ? 'original | mutated' : 'change'} |`,
    `| --- | --- | --- | ---: | ---: | --- | ${quoted ? '--- | ---' : '---'} |`,
    ...entries.map(
      (e) =>
        `| ${e.id} | ${e.function} | ${e.status === 'killed' ? 'killed' : `**${e.status}**`} | ${fmt(e.secondsToKill)} | ${fmt(e.campaignSeconds)} | ${(e.signature ?? e.detail ?? '').replace(/\|/g, '\\|')} | ${edit(e)} |`,
    ),
  ].join('\n');
}

/** The source a run mutated, as its reports describe it (never by its path). @public */
export interface SourceDescription {
  readonly label: string;
  readonly sha256: string;
  readonly headerSha256: string;
  /** `v6.18 era: vm_bo, ...` */
  readonly era: string;
  /** Whether bench/cmutants/verdicts.md has verdicts on this source. */
  readonly judged: boolean;
  /** The unmutated source's own campaign (null for the seed, which CI checks); `survived` means clean. */
  readonly baseline: { readonly status: string; readonly signature: string | null; readonly detail: string | null } | null;
}

/** What the run was. @public */
export interface RunDescription {
  readonly command: string;
  readonly source: SourceDescription;
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
  const pct = (score: number | null): string => (score === null ? '-' : `${(score * 100).toFixed(1)} %`);
  const src = run.source;
  const baseline =
    src.baseline === null
      ? []
      : src.baseline.status === 'survived'
        ? ['- baseline: the unmutated source passes the same campaign (no new finding)']
        : [`- **baseline ${src.baseline.status}**: the unmutated source does not pass the same campaign (${src.baseline.signature ?? src.baseline.detail ?? '?'}): a kill may be that finding, not the mutant`];
  return [
    `# C mutation score: ${src.label}`,
    '',
    `Source: ${src.label === 'seed' ? 'the seed' : `\`${src.label}\``} (${src.era}), \`drm_gpuvm.c\` sha256 \`${src.sha256.slice(0, 16)}\`, its header's \`${src.headerSha256.slice(0, 16)}\`. ` +
      (src.judged ? 'Survivors are judged in bench/cmutants/verdicts.md.' : 'bench/cmutants/verdicts.md has no verdicts on this source: its survivors are unjudged.'),
    '',
    `\`${run.command}\` (bench/cMutants.ts) on ${new Date().toISOString()}: ${run.selection} of the ${run.generated} first-order mutants of the source's functions; ` +
      `each compiled mutant is checked by a one-worker \`--backend c\` campaign, seed ${run.seed}, budget ${run.budgetSeconds} s, stopped at its first new finding. ` +
      `"s to kill" counts from spawning the product (${run.product === 'compiled' ? 'the compiled CLI of `npm run build`, as the installed package runs it' : 'the CLI from its sources through tsx'}; ` +
      'Node start-up included, the C build excluded) to the finding on disk; "campaign s" from the campaign\'s own start to the finding. ' +
      (run.load ? `Load average (1 min) as the mutants were measured: median ${run.load.median}, from ${run.load.min} to ${run.load.max}.` : 'No load average was recorded.'),
    '',
    `- mutants: ${s.total}; compiled: ${s.compiled}; no-compile: ${s.noCompile}`,
    `- killed: ${s.killed}; equivalent: ${s.equivalent}; survivors: ${s.survivors}; unreached (the C driver never calls the function; no campaign run): ${s.unreached}; timeouts: ${s.timeouts}; errors: ${s.errors}`,
    `- score (killed / non-equivalent compiled): ${pct(s.score)}; where the driver reaches (unreached left out): ${pct(s.reachedScore)}`,
    ...baseline,
    `- median seconds to kill: ${fmt(s.medianSecondsToKill)}; p95: ${fmt(s.p95SecondsToKill)} (on the campaigns' own clocks, start-up excluded: median ${fmt(s.medianCampaignSeconds)}, p95 ${fmt(s.p95CampaignSeconds)})`,
    ...(s.killedButArguedEquivalent.length ? [`- **killed although argued equivalent** (wrong verdicts): ${s.killedButArguedEquivalent.join(', ')}`] : []),
    '',
    renderTable(entries),
    '',
  ].join('\n');
}
