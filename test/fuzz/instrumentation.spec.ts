import { describe, expect, it } from 'vitest';
import { campaignInstrumentation, measuresCoverage, measuresEdges } from '../../fuzz/instrumentation.ts';

describe('campaign instrumentation', () => {
  it('edges with C and no sanitizers; gcov with --coverage and C; nothing for the port alone', () => {
    expect(campaignInstrumentation({ backend: 'c', sanitize: false })).toEqual(['edges']);
    expect(campaignInstrumentation({ backend: 'both', sanitize: false, coverage: true })).toEqual(['edges', 'gcov']);
    expect(campaignInstrumentation({ backend: 'c', sanitize: true, coverage: true })).toEqual(['gcov']);
    expect(campaignInstrumentation({ backend: 'ts', sanitize: false, coverage: true })).toEqual([]);
    expect(measuresEdges({ backend: 'both', sanitize: true })).toBe(false);
    expect(measuresCoverage({ backend: 'c', sanitize: false })).toBe(false);
  });
});
