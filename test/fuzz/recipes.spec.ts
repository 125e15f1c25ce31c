/**
 * The job-runner recipes (.github/workflows/fuzz-shards.yml, deploy/k8s/) call the CLI with
 * flags it has, pick the shard from the runner's index, and merge what they ran.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUZZ_FLAGS } from '../../src/cli/fuzzFlags.ts';

const fuzzFlags = new Set(Object.keys(FUZZ_FLAGS));

/** The flags used on the lines of `text` that run `gpuvm-check fuzz` (with their continuations). */
function fuzzFlagsUsed(text: string): string[] {
  const calls = text.replace(/\\\n\s*/g, ' ').split('\n').filter((line) => /gpuvm-check(\.mjs)? fuzz|set -- /.test(line));
  return calls.flatMap((line) => [...line.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]!));
}

describe('job-runner recipes', () => {
  const workflow = readFileSync('.github/workflows/fuzz-shards.yml', 'utf8');
  const indexed = readFileSync('deploy/k8s/fuzz-indexed-job.yaml', 'utf8');
  const merge = readFileSync('deploy/k8s/merge-job.yaml', 'utf8');

  it.each([
    ['the GitHub workflow', workflow],
    ['the Kubernetes Indexed Job', indexed],
  ])('%s uses only flags of `fuzz`', (_name, text) => {
    const used = fuzzFlagsUsed(text);
    expect(used).toEqual(expect.arrayContaining(['seed', 'shard', 'duration', 'out']));
    for (const flag of used) expect(fuzzFlags, `--${flag}`).toContain(flag);
  });

  it('the workflow runs every shard of one seed and merges their uploaded campaigns', () => {
    expect(workflow).toMatch(/--seed \$\{\{ needs\.plan\.outputs\.seed \}\} --shard \$\{\{ matrix\.shard \}\}\/\$SHARDS/);
    expect(workflow).toMatch(/shard: \$\{\{ fromJSON\(needs\.plan\.outputs\.shards\) \}\}/);
    expect(workflow).toMatch(/upload-artifact[\s\S]*if: always\(\)[\s\S]*name: campaign-\$\{\{ matrix\.shard \}\}/);
    expect(workflow).toMatch(/npx gpuvm-check report merge --out merged shards\/campaign-\*/);
  });

  it('the Indexed Job picks the shard from the completion index, resumes a retried shard, and the merge Job merges them', () => {
    expect(indexed).toMatch(/completionMode: Indexed/);
    const completions = /completions: (\d+)/.exec(indexed)?.[1];
    expect(indexed).toContain(`parallelism: ${completions}`);
    expect(indexed).toContain(`{ name: SHARDS, value: '${completions}' }`);
    expect(indexed).toContain('i=$((JOB_COMPLETION_INDEX + 1))');
    expect(indexed).toContain('--shard "$i/$SHARDS"');
    expect(indexed).toMatch(/if \[ -f "\$dir\/state\.json" \]; then\s+set -- --resume "\$dir"/);
    expect(merge).toContain('report merge --out /campaigns/merged /campaigns/shard-*');
    expect(merge).toContain('claimName: gpuvm-campaigns');
    expect(indexed).toContain('claimName: gpuvm-campaigns');
  });
});
