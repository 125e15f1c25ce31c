/**
 * README.md and CONTRIBUTING.md say what exists: the two commands first, links that lead to
 * files, npm scripts that package.json has, and gpuvm-check commands the CLI knows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const contributing = readFileSync('CONTRIBUTING.md', 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts);
const cli = readFileSync('src/cli/main.ts', 'utf8');

describe.each([
  ['README.md', readme],
  ['CONTRIBUTING.md', contributing],
])('%s', (_name, text) => {
  it('links only to files that exist', () => {
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(existsSync(link), link).toBe(true);
  });

  it('names only npm scripts that package.json has', () => {
    const named = [...text.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]!);
    for (const script of named) expect(scripts, `npm run ${script}`).toContain(script);
  });
});

describe('README.md', () => {
  it('starts with the two commands: the main job and the tests', () => {
    const lines = readme.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '# gpuvm-check',
      '',
      '```sh',
      'npm ci && npm run fuzz   # main job: a one-minute fuzz campaign, TS port and real C, all cores; prints where its report is',
      'npm ci && npm test       # the tests (CI runs them through .ci/run)',
      '```',
    ]);
  });

  it('documents commands the CLI has', () => {
    const commands = [...readme.matchAll(/^npx gpuvm-check ([a-z]+(?: kunit| merge)?)/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(7);
    // The dispatcher's table names each command by its first word (`fuzz: fuzzCommand`).
    for (const command of commands) expect(cli, command).toMatch(new RegExp(`^\\s+'?${command.split(' ')[0]}'?: \\w+`, 'm'));
  });
});
