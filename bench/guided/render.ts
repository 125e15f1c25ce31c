/**
 * The result of `npm run bench:guided` (bench/guided.ts) and its Markdown rendering.
 */

/** The two campaigns of each comparison. @public */
export const MODES = ['guided', 'blind'] as const;

/** What one campaign of the edge comparison reached. @public */
export interface ModeRun {
  /** Distinct edges of drm_gpuvm.c reached at the end. */
  readonly edges: number;
  /** Edges reached over time (seconds since the campaign's start). */
  readonly series: readonly { readonly t: number; readonly edges: number }[];
  readonly jobs: number;
  readonly requests: number;
  readonly corpusEntries: number;
}

/** Time to the first new finding of one campaign (null: none within the budget). @public */
export interface Detection {
  readonly seconds: number | null;
  readonly signature: string | null;
}

/** reports/bench/guided.json. @public */
export interface GuidedBench {
  readonly command: string;
  readonly date: string;
  readonly seed: number;
  readonly durationSeconds: number;
  readonly bugDurationSeconds: number;
  /** `--max-requests` of the campaigns (walk length). */
  readonly walkRequests: number;
  readonly wallSeconds: number;
  readonly machine: { readonly cpus: number; readonly loadAverage: number };
  readonly edges: Readonly<Record<(typeof MODES)[number], ModeRun>>;
  readonly bugs: readonly { readonly bug: string; readonly guided: Detection; readonly blind: Detection }[];
}

/** Edges reached by `t` seconds: the last sample at or before it (0 before the first). @public */
export function edgesAt(run: ModeRun, t: number): number {
  return run.series.filter((s) => s.t <= t).at(-1)?.edges ?? 0;
}

/** Checkpoints of the edge table, within the campaigns' duration. */
function checkpoints(duration: number): number[] {
  return [2.5, 5, 10, 20, 30, 60, 120, 300].filter((t) => t < duration).concat([duration]);
}

const seconds = (d: Detection): string => (d.seconds === null ? 'not found' : `${d.seconds.toFixed(1)} s`);

/** The Markdown report. @public */
export function renderGuidedBench(r: GuidedBench): string {
  const ts = checkpoints(r.durationSeconds);
  const lines = [
    '# Coverage-guided against blind generation',
    '',
    `\`${r.command}\` (${r.date.slice(0, 10)}; ${r.machine.cpus} CPUs, load average ${r.machine.loadAverage} at the end; ${r.wallSeconds} s wall in all).`,
    `Each comparison runs two campaigns side by side, \`fuzz --backend c --workers 1 --max-requests ${r.walkRequests}\` with the same seed, the blind one with \`--no-guided\`.`,
    '',
    `## Edges of drm_gpuvm.c reached (${r.durationSeconds} s each)`,
    '',
    `| mode | ${ts.map((t) => `by ${t} s`).join(' | ')} | jobs | requests | corpus |`,
    `| --- | ${ts.map(() => '---').join(' | ')} | --- | --- | --- |`,
    ...(['guided', 'blind'] as const).map((m) => {
      const run = r.edges[m];
      return `| ${m} | ${ts.map((t) => (t === r.durationSeconds ? run.edges : edgesAt(run, t))).join(' | ')} | ${run.jobs} | ${run.requests} | ${run.corpusEntries} |`;
    }),
    '',
    `## Time to detect (seed: ${r.durationSeconds} s; seeded bugs: ${r.bugDurationSeconds} s budget each)`,
    '',
    "Seconds from a campaign's start to its first new finding; for a seeded bug, the first whose trace the patched C code runs differently from the seed.",
    '',
    '| bug | guided | blind |',
    '| --- | --- | --- |',
    ...r.bugs.map((b) => `| ${b.bug} | ${seconds(b.guided)} | ${seconds(b.blind)} |`),
    '',
  ];
  return lines.join('\n');
}
