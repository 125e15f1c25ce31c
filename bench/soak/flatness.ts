/**
 * Whether a campaign's RSS and throughput stayed flat over its samples (see bench/soak.ts).
 */
import type { ThroughputSample } from '../../fuzz/report.ts';

/** The highest RSS after warm-up may be this many times the early median. @public */
export const FLAT_RSS_GROWTH = 1.3;

/** The late median throughput must be at least this share of the early one. @public */
export const FLAT_RATE_SHARE = 0.5;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

/** The verdict and a line saying why. @public */
export function flatness(samples: readonly ThroughputSample[]): { flat: boolean; summary: string } {
  // The last sample is taken after the workers stopped: not part of the steady state.
  const all = samples.slice(0, -1).filter((s) => s.rssMb !== undefined);
  const end = all.at(-1)?.t ?? 0;
  const steady = all.filter((s) => s.t >= Math.max(20, end / 5));
  if (steady.length < 6) return { flat: false, summary: `too few samples after warm-up (${steady.length}); run longer` };
  const third = Math.floor(steady.length / 3);
  const earlyRss = median(steady.slice(0, Math.floor(steady.length / 2)).map((s) => s.rssMb!));
  const peakRss = Math.max(...steady.map((s) => s.rssMb!));
  const earlyRate = median(steady.slice(0, third).map((s) => s.requestsPerSec));
  const lateRate = median(steady.slice(-third).map((s) => s.requestsPerSec));
  const rssFlat = peakRss <= FLAT_RSS_GROWTH * earlyRss;
  const rateFlat = lateRate >= FLAT_RATE_SHARE * earlyRate;
  return {
    flat: rssFlat && rateFlat,
    summary:
      `RSS after warm-up: median ${earlyRss} MB early, peak ${peakRss} MB (${rssFlat ? 'flat' : `GREW past ${FLAT_RSS_GROWTH}x`}); ` +
      `throughput median ${earlyRate} req/s early, ${lateRate} req/s late (${rateFlat ? 'flat' : `FELL below ${FLAT_RATE_SHARE}x`})`,
  };
}
