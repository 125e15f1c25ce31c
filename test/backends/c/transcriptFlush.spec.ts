/**
 * The driver's flush on SIGTERM (native/driver/transcript.c): a driver stopped while it is
 * writing its buffer must not write that buffer a second time. The parent then reads a prefix of
 * the transcript, never a stretch of it twice.
 */
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDriver } from '../../../src/backends/c/build.ts';
import { seedExists } from './seed.ts';

/** Many VAs dumped many times: megabytes of transcript, far more than the pipe and the buffer hold. */
function bigTrace(): string {
  const lines = ['init 0 0x100000000 0 0'];
  for (let i = 0; i < 1000; i++) lines.push(`map ${i * 0x2000} 0x1000 ${1 + (i % 7)} 0`);
  for (let i = 0; i < 100; i++) lines.push('dump');
  return `${lines.join('\n')}\n`;
}

describe.skipIf(!seedExists)('gpuvm-driver flush on SIGTERM', () => {
  let binary: string;
  let full: string;
  beforeAll(async () => {
    binary = (await buildDriver({})).binary;
    full = spawnSync(binary, [], { input: bigTrace(), encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  });

  test.each([50, 150, 400])('stopped while blocked in a write after %i ms: the output is a prefix, nothing twice', async (delay) => {
    expect(full.length).toBeGreaterThan(1 << 20);
    const child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin.end(bigTrace());
    // Nobody reads yet: the pipe fills and the driver blocks inside its flush's write.
    await sleep(delay);
    child.kill('SIGTERM');
    await sleep(50);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    const signal = await new Promise((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGTERM');
    expect(out.length).toBeGreaterThan(64 * 1024);
    expect(out.length).toBeLessThan(full.length);
    // A duplicated buffer would make the output longer than the matching prefix, or differ from it.
    expect(out).toBe(full.slice(0, out.length));
  });
});
