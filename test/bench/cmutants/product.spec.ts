/**
 * Which build of the product the mutation benchmark runs: the compiled CLI only when it is not
 * older than anything it is built from, the sources when asked or when there is no build.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignArgs } from '../../../bench/cmutants/campaign.ts';
import { canBuild, COMPILED, compiledIsFresh, prepareProduct, SOURCES } from '../../../bench/cmutants/product.ts';

describe('the product the benchmark runs', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const checkout = (scripts: Record<string, string>): { main: string; source: string } => {
    root = mkdtempSync(path.join(tmpdir(), 'cmutants-product-'));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ scripts }));
    mkdirSync(path.join(root, 'src', 'cli'), { recursive: true });
    const source = path.join(root, 'src', 'cli', 'main.ts');
    writeFileSync(source, '');
    const main = path.join(root, 'dist', 'src', 'cli', 'main.js');
    mkdirSync(path.dirname(main), { recursive: true });
    return { main, source };
  };
  const age = (file: string, secondsAgo: number): void => {
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(file, t, t);
  };

  it('is compiled only when the build is there and newer than every input', () => {
    const { main, source } = checkout({ build: 'node scripts/build.mjs' });
    expect(canBuild(root)).toBe(true);
    expect(compiledIsFresh(root, main)).toBe(false);
    writeFileSync(main, '');
    for (const file of [source, path.join(root, 'src', 'cli'), path.join(root, 'src'), path.join(root, 'package.json')]) age(file, 60);
    age(main, 30);
    expect(compiledIsFresh(root, main)).toBe(true);
    age(source, 10);
    expect(compiledIsFresh(root, main)).toBe(false);
  });

  it('has no build without a build script', () => {
    checkout({ test: 'vitest run' });
    expect(canBuild(root)).toBe(false);
  });

  it('runs the sources when asked, and starts the campaign with the entry of the product', () => {
    expect(prepareProduct(true, () => expect.unreachable('no build for the sources'))).toBe(SOURCES);
    const run = { cSource: 'm.c', cHeader: 'm.h', out: '/tmp/o', budgetMs: 1000, graceMs: 1000, seed: 1, runsPerJob: 10, walkRequests: 2000 };
    expect(campaignArgs({ ...run, product: COMPILED })[0]).toMatch(/bench\/cmutants\/compiledCli\.mjs$/);
    expect(campaignArgs(run)[0]).toMatch(/bin\/gpuvm-check\.mjs$/);
    expect(campaignArgs(run)[1]).toBe('fuzz');
  });
});
