/**
 * docs/contract.md covers the seed: a row for every exported function and a section for every
 * DOC section, and everything it cites exists (invariants, findings, files).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUEST_INVARIANTS } from '../../properties/invariants/requestInvariants.ts';
import { ALL_FINDINGS } from '../../properties/findings/registry.ts';
import { SEED_PATH, seedExists } from '../backends/c/seed.ts';

const contract = readFileSync('docs/contract.md', 'utf8');

describe.skipIf(!seedExists)('docs/contract.md against the seed', () => {
  const seed = seedExists ? readFileSync(SEED_PATH, 'utf8') : '';

  it('has a row for every EXPORT_SYMBOL of the seed', () => {
    const exported = [...seed.matchAll(/^EXPORT_SYMBOL(?:_GPL)?\((\w+)\)/gm)].map((m) => m[1]!);
    expect(exported).toHaveLength(21);
    for (const name of exported) expect(contract, name).toContain(`| \`${name}\` |`);
  });

  it('has a section for every DOC section', () => {
    const sections = [...seed.matchAll(/^ \* DOC: (.+)$/gm)].map((m) => m[1]!);
    expect(sections).toEqual(['Overview', 'Split and Merge', 'Locking', 'Examples']);
    for (const s of sections) expect(contract).toMatch(new RegExp(`^## DOC: ${s} \\(`, 'm'));
  });
});

it('every invariant it cites exists, and it cites every invariant', () => {
  const names = REQUEST_INVARIANTS.map((i) => i.name);
  for (const name of names) expect(contract, name).toContain(`\`${name}\``);
});

it('every finding it cites is registered', () => {
  const ids = new Set(ALL_FINDINGS.map((f) => f.id));
  for (const [id] of contract.matchAll(/GPUVM-D?\d{2,3}\b/g)) expect(ids, id).toContain(id);
});

it('every repository file it cites exists', () => {
  for (const [, path] of contract.matchAll(/`((?:test|model|properties|src|native|docs)\/[\w./-]+)`/g)) {
    expect(existsSync(path!), path).toBe(true);
  }
});
