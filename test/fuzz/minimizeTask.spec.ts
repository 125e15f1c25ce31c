/**
 * A finding whose failure does not happen when its trace is replayed alone (it needed what ran
 * before it in the same backend process) is kept whole and said to be so, not lost to an error.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { runMinimizeTask } from '../../fuzz/minimizeTask.ts';

/** A "C" backend that agrees with the port: whatever diverged in the job does not diverge now. */
const agreeing: Backend = {
  name: 'c',
  runTraces: async (traces) => traces.map((t) => runRequests(parseTrace(t).map((p) => p.request))),
  close: async () => undefined,
};

describe('runMinimizeTask', () => {
  it('keeps a finding that does not reproduce alone whole, and says why', async () => {
    const trace = 'init 0x0 0x10000 0x0 0x0\nmap 0x1000 0x1000 1 0x0\ndump\n';
    const outcome = await runMinimizeTask(
      { signature: 'divergence-VA-dump-new', check: { kind: 'c', class: 'divergence', what: 'VA', avoidKnown: false }, trace, known: null, stopAt: Date.now() + 10_000 },
      agreeing,
      () => false,
    );
    expect(outcome.trace).toBe(trace);
    expect(outcome.signature).toBe('divergence-VA-dump-new');
    expect(outcome.detail).toMatch(/did not fail when replayed alone/);
    expect(outcome.files['c.transcript']).toContain('> dump');
  });
});
