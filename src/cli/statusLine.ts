/**
 * The live status line of a campaign on stderr. On a terminal it is rewritten in place and never
 * wider than the terminal (less important parts are dropped first, then it is cut), so no update
 * leaves a stale wrapped line behind; elsewhere (CI logs, files) a plain line is printed every so
 * often instead.
 */
import type { CampaignProgress } from '../../fuzz/campaign.ts';
import { formatCount } from '../../fuzz/render/format.ts';

/** Where the status goes: stderr, or a stand-in in tests. */
export interface StatusStream {
  readonly isTTY?: boolean;
  /** The terminal's width; undefined when unknown. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** A part of the line and how long it survives a narrow terminal (higher: kept longer). */
interface Part {
  readonly text: string;
  readonly keep: number;
  /** What joins it to the part before. */
  readonly sep: string;
}

const BAR_WIDTH = 20;
/** The width assumed for a terminal that does not say. */
const DEFAULT_COLUMNS = 80;
/** How often a plain (not a terminal) status line is printed. */
const PLAIN_EVERY_MS = 10_000;

function parts(p: CampaignProgress): Part[] {
  const pct = Math.min(100, (100 * p.elapsedSeconds) / Math.max(1, p.durationSeconds));
  const filled = Math.round((pct / 100) * BAR_WIDTH);
  return [
    { text: `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`, keep: 2, sep: '' },
    { text: `${formatCount(p.elapsedSeconds)}/${formatCount(p.durationSeconds)}s`, keep: 9, sep: ' ' },
    { text: `${formatCount(p.requestsPerSec)} req/s`, keep: 7, sep: ' ' },
    { text: `${formatCount(p.requests)} requests`, keep: 5, sep: ', ' },
    { text: `${formatCount(p.jobsDone)} jobs`, keep: 4, sep: ', ' },
    { text: `max ${formatCount(p.maxLiveVas)} live VAs`, keep: 1, sep: ', ' },
    { text: `findings ${formatCount(p.findings)} (${formatCount(p.newFindings)} new)`, keep: 8, sep: ', ' },
    { text: `${formatCount(p.rssMb)} MB`, keep: 3, sep: ', ' },
    ...p.minimizing.map((m) => ({
      text: `minimizing ${m.signature}: ${formatCount(m.tests)} tests, ${m.requests === 0 ? '?' : formatCount(m.requests)} requests`,
      keep: 0,
      sep: '; ',
    })),
    ...(p.minimizeQueued > 0 ? [{ text: `${formatCount(p.minimizeQueued)} to minimize`, keep: 0, sep: '; ' }] : []),
  ];
}

const joined = (ps: readonly Part[]): string => ps.map((part, i) => (i === 0 ? part.text : part.sep + part.text)).join('');

/**
 * The status line in at most `width` characters (no limit: all of it): the least important
 * parts dropped until it fits, then cut with `…`.
 * @public
 */
export function statusLine(p: CampaignProgress, width = Number.POSITIVE_INFINITY): string {
  const shown = parts(p);
  while (joined(shown).length > width && shown.length > 1) {
    const least = shown.reduce((min, part, i) => (part.keep < shown[min]!.keep ? i : min), 0);
    shown.splice(least, 1);
  }
  const line = joined(shown);
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Writes the status to a stream: in place on a terminal, as plain periodic lines elsewhere.
 * @public
 */
export class StatusWriter {
  private lastPlain = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly stream: StatusStream,
    private readonly now: () => number = Date.now,
  ) {}

  /** Shows `p`. */
  update(p: CampaignProgress): void {
    if (this.stream.isTTY) {
      // One column spare: some terminals wrap a line that fills the last one.
      this.stream.write(`\r${statusLine(p, (this.stream.columns ?? DEFAULT_COLUMNS) - 1)}\x1b[K`);
      this.shown = true;
    } else if (this.now() - this.lastPlain >= PLAIN_EVERY_MS) {
      this.lastPlain = this.now();
      this.stream.write(`${statusLine(p)}\n`);
    }
  }

  /** Clears the line on a terminal, so that other output can be printed. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  /** Leaves the last status on its own line on a terminal. */
  end(): void {
    if (this.shown) this.stream.write('\n');
    this.shown = false;
  }
}
