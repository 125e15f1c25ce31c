/**
 * The campaign status line: never wider than the terminal (widths 40, 80, 200), rewritten in
 * place on a terminal, plain periodic lines elsewhere, numbers grouped by thousands.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignProgress } from '../../fuzz/campaign.ts';
import { statusLine, StatusWriter } from '../../src/cli/statusLine.ts';

const busy: CampaignProgress = {
  elapsedSeconds: 1234.4,
  durationSeconds: 28_800,
  requests: 123_456_789,
  requestsPerSec: 45_678.9,
  jobsDone: 12_345,
  maxLiveVas: 1_024,
  findings: 17,
  newFindings: 2,
  rssMb: 1_234,
  minimizing: [
    { signature: 'invariant-c-validity-gem_unmap-new', tests: 12_345, requests: 17 },
    { signature: 'divergence-warn-map-new', tests: 3, requests: 0 },
  ],
  minimizeQueued: 4,
};

/** A terminal of `columns` that records what is written. */
function terminal(columns: number | undefined, isTTY = true) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (text: string) => void writes.push(text) } };
}

describe('statusLine', () => {
  it('has everything, numbers grouped, when there is room', () => {
    expect(statusLine(busy)).toBe(
      '[#...................] 1,234/28,800s 45,679 req/s, 123,456,789 requests, 12,345 jobs, max 1,024 live VAs, findings 17 (2 new), 1,234 MB' +
        '; minimizing invariant-c-validity-gem_unmap-new: 12,345 tests, 17 requests; minimizing divergence-warn-map-new: 3 tests, ? requests; 4 to minimize',
    );
  });

  it.each([40, 80, 200])('fits %i columns, dropping the least important parts first', (width) => {
    const line = statusLine(busy, width);
    expect(line.length).toBeLessThanOrEqual(width);
    // Time and findings are what a narrow terminal keeps longest.
    expect(line).toContain('1,234/28,800s');
    expect(line).toContain('findings 17 (2 new)');
    if (width >= 80) expect(line).toContain('45,679 req/s');
    if (width >= 200) expect(line).toContain('123,456,789 requests, 12,345 jobs');
  });

  it('cuts with an ellipsis what no dropping makes fit', () => {
    expect(statusLine(busy, 10)).toBe('1,234/28,…');
  });
});

describe('StatusWriter', () => {
  it.each([40, 80, 200])('on a terminal of %i columns: in place, one column spare, no newline', (columns) => {
    const { writes, stream } = terminal(columns);
    const status = new StatusWriter(stream);
    status.update(busy);
    status.update({ ...busy, requests: busy.requests + 1 });
    expect(writes).toHaveLength(2);
    for (const w of writes) {
      expect(w).toMatch(/^\r[^\r\n]*\x1b\[K$/);
      expect(w.length - '\r\x1b[K'.length).toBeLessThanOrEqual(columns - 1);
    }
  });

  it('clears its line before other output and ends with a newline', () => {
    const { writes, stream } = terminal(80);
    const status = new StatusWriter(stream);
    status.clear();
    expect(writes).toEqual([]);
    status.update(busy);
    status.clear();
    status.end();
    expect(writes.slice(1)).toEqual(['\r\x1b[K']);
    status.update(busy);
    status.end();
    expect(writes.at(-1)).toBe('\n');
  });

  it('assumes 80 columns on a terminal that does not say', () => {
    const { writes, stream } = terminal(undefined);
    new StatusWriter(stream).update(busy);
    expect(writes[0]!.length - 4).toBeLessThanOrEqual(79);
  });

  it('not on a terminal: whole plain lines, at most one every 10 s', () => {
    const { writes, stream } = terminal(40, false);
    let now = 0;
    const status = new StatusWriter(stream, () => now);
    status.update(busy);
    now = 5_000;
    status.update(busy);
    now = 10_000;
    status.update(busy);
    status.clear();
    status.end();
    expect(writes).toEqual([`${statusLine(busy)}\n`, `${statusLine(busy)}\n`]);
  });
});
