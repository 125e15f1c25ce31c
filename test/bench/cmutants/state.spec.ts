import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Measured } from '../../../bench/cmutants/results.ts';
import { loadState, saveMeasured, SettingsMismatch, type RunSettings } from '../../../bench/cmutants/state.ts';

const settings: RunSettings = { sourceSha256: 'abc', headerSha256: 'def', seed: 1, budgetMs: 30_000, graceMs: 30_000, runsPerJob: 10, walkRequests: 2000, product: 'sources' };
const killed: Measured = { id: 'ror-1:1-0', status: 'killed', secondsToKill: 3, campaignSeconds: 1, signature: 'divergence-map-map-new', buildSeconds: 5, detail: null };

describe('the state file', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts empty, keeps what was measured, and is continued by a run with the same settings', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-state-'));
    const file = path.join(dir, 'state.json');
    const state = loadState(file, settings, false);
    expect(state.measured).toEqual({});
    saveMeasured(file, state, killed);
    expect(JSON.parse(readFileSync(file, 'utf8')).measured['ror-1:1-0']).toEqual(killed);
    expect(loadState(file, settings, false).measured).toEqual({ 'ror-1:1-0': killed });
  });

  it('refuses other settings, naming the first that differs, unless fresh', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-state-'));
    const file = path.join(dir, 'state.json');
    saveMeasured(file, loadState(file, settings, false), killed);
    const other = { ...settings, budgetMs: 60_000 };
    expect(() => loadState(file, other, false)).toThrow(SettingsMismatch);
    expect(() => loadState(file, other, false)).toThrow(/measured with budgetMs 30000, this run has 60000/);
    expect(loadState(file, other, true).measured).toEqual({});
  });

  it('never continues the measurements of another source or header under the same label', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cmutants-state-'));
    const file = path.join(dir, 'state.json');
    saveMeasured(file, loadState(file, settings, false), killed);
    expect(() => loadState(file, { ...settings, sourceSha256: 'abd' }, false)).toThrow(/measured with sourceSha256 abc, this run has abd/);
    expect(() => loadState(file, { ...settings, headerSha256: 'xyz' }, false)).toThrow(/measured with headerSha256 def, this run has xyz/);
  });
});
