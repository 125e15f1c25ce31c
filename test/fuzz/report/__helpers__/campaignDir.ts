/**
 * A campaign directory on disk for renderer tests: the finding files of the report of `reports.ts`
 * as a campaign writes them. The new finding breaks a transcript line that holds markup; the
 * known one has transcripts of both backends; the GPUVM-002 one has only its trace.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EVIL = '<script>alert(1)</script>';
export const NEW = 'invariant-keep-flag-map-new';
export const KNOWN = 'invariant-validity-map-gpuvm-004';
export const BARE = 'invariant-lookups-find_prev-gpuvm-002';

/** A directory with the finding files (with `longTranscript`, 600 lines before the difference). @public */
export function campaignDir(longTranscript = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'gpuvm-findings-html-'));
  const write = (sig: string, files: Record<string, string>): void => {
    mkdirSync(join(dir, 'findings', sig), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'findings', sig, name), text);
  };
  const filler = longTranscript ? Array.from({ length: 300 }, (_v, i) => `> find_prev 0x${i.toString(16)}\nNONE\n`).join('') : '';
  write(NEW, {
    'repro.trace': `# invariant keep-flag: ${EVIL}\ninit 0x0 0x8000 0x0 0x0\nmap 0x1000 0x1000 1 0x0\nmap 0x1000 0x1000 1 0x0\n`,
    'expected.txt': `keep-flag: keep=0\n\nthe documented contract (naive model) gives:\n> init 0x0 0x8000 0x0 0x0\nOK\n${filler}> map 0x1000 0x1000 1 0x0\nUNMAP 0x1000 0x1000 1 0x0 keep=1\n`,
    'ts.transcript': `> init 0x0 0x8000 0x0 0x0\nOK\n${filler}> map 0x1000 0x1000 1 0x0\nUNMAP 0x1000 0x1000 1 0x0 keep=0 ${EVIL}\n`,
    'finding.json': '{}\n',
  });
  write(KNOWN, {
    'repro.trace': 'init 0x0 0x8000 0x0 0x0\nmap 0x0 0x0 1 0x0\n',
    'expected.txt': 'validity: status 0, contract says -22\n\nthe documented contract (naive model) gives:\n> init 0x0 0x8000 0x0 0x0\nOK\n> map 0x0 0x0 1 0x0\nERR -22 EINVAL\n',
    'ts.transcript': '> init 0x0 0x8000 0x0 0x0\nOK\n> map 0x0 0x0 1 0x0\nMAP 0x0 0x0 1 0x0\nOK\n',
    'c.transcript': '> init 0x0 0x8000 0x0 0x0\nOK\n> map 0x0 0x0 1 0x0\nMAP 0x0 0x0 1 0x0\nOK\n',
  });
  write(BARE, { 'repro.trace': 'init 0x0 0x8000 0x0 0x0\n' });
  return dir;
}

