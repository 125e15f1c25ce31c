/**
 * Screenshots of a campaign's `report.html` in a real headless browser (Chromium), to look at
 * what a reader sees. The page is taken in slices of `--height` pixels (slice k is the page
 * shifted up by k heights), written outside the repository unless `--out` says otherwise:
 *
 *   npm run report:screenshot -- [--height 4000] [--slices 2] [--out DIR] <campaign-dir>
 *
 * The browser is `$CHROMIUM`, else the first of chromium, chromium-browser, google-chrome on
 * PATH (Debian: `apt-get install chromium`). Nothing in the test suite needs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome'];
const WIDTH = 1280;

function browser(): string {
  const named = process.env.CHROMIUM;
  if (named) return named;
  const found = BROWSERS.find((b) => spawnSync('which', [b], { stdio: 'ignore' }).status === 0);
  if (!found) throw new Error(`no headless browser: install Chromium (apt-get install chromium) or set CHROMIUM; tried ${BROWSERS.join(', ')}`);
  return found;
}

/**
 * Takes `slices` screenshots of `<dir>/report.html`, each `height` pixels tall, into `out`.
 * @returns the PNG files written
 * @public
 */
export function screenshotReport(dir: string, out: string, height: number, slices: number): string[] {
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const exe = browser();
  mkdirSync(out, { recursive: true });
  const name = basename(resolve(dir));
  const files: string[] = [];
  for (let k = 0; k < slices; k++) {
    // The page itself stays as it is; a copy shifted up shows the next slice.
    const page = join(out, `${name}-${k + 1}.html`);
    writeFileSync(page, k === 0 ? html : html.replace('</head>', `<style>html { margin-top: -${k * height}px; }</style>\n</head>`));
    const png = join(out, `${name}-${k + 1}.png`);
    const run = spawnSync(exe, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=${WIDTH},${height}`, `--screenshot=${png}`, pathToFileURL(resolve(page)).href], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) throw new Error(`${exe} failed (${run.status ?? run.signal}): ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
    files.push(png);
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    options: { height: { type: 'string', default: '4000' }, slices: { type: 'string', default: '2' }, out: { type: 'string', default: join(tmpdir(), 'gpuvm-check-screenshots') } },
    allowPositionals: true,
  });
  const height = Number(values.height);
  const slices = Number(values.slices);
  if (positionals.length !== 1 || !(height > 0) || !Number.isInteger(slices) || slices < 1) {
    process.stderr.write('usage: npm run report:screenshot -- [--height PX] [--slices N] [--out DIR] <campaign-dir>\n');
    process.exit(2);
  }
  for (const file of screenshotReport(positionals[0]!, values.out, height, slices)) process.stdout.write(`${file}\n`);
}
