/**
 * The verdicts on surviving C mutants, kept in bench/cmutants/verdicts.md: under `## Equivalent`,
 * mutants that nothing observable can tell from the seed; under `## Gaps`, survivors that a
 * stronger generator or property should kill, and what would. One line each:
 * `` - `<mutant id>`: <one-line argument> ``. Another source's verdicts have sections of their
 * own, keyed by its sha256; a source without any has its survivors reported unjudged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed verdicts file. @public */
export const VERDICTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'verdicts.md');

/** Mutant id → argument, by kind. @public */
export interface Verdicts {
  readonly equivalent: ReadonlyMap<string, string>;
  readonly gaps: ReadonlyMap<string, string>;
}

/**
 * The source whose verdicts to read: the seed's are under `## Equivalent` and `## Gaps`; any
 * other source's under `## Equivalent in <label> (sha256 <hex>)` and `## Gaps in ...`, matched
 * by the sha256 prefix (at least 12 hex digits), since mutant ids are positions in one exact text.
 * @public
 */
export interface VerdictSource {
  readonly isSeed: boolean;
  readonly sha256: string;
}

/** The seed, whose verdicts have the plain headings. @public */
export const SEED_VERDICTS: VerdictSource = { isSeed: true, sha256: '' };

const SEED_KEY = 'seed';

/** The section a heading opens: its kind and the source it judges; null for prose. */
function sectionOf(heading: string, where: string): { kind: 'equivalent' | 'gaps'; key: string } | null {
  const m = /^(Equivalent|Gaps)(?: in (.+))?$/.exec(heading.trim());
  if (!m) return null;
  const kind = m[1] === 'Equivalent' ? 'equivalent' : 'gaps';
  if (m[2] === undefined) return { kind, key: SEED_KEY };
  const source = /^\S+ \(sha256 ([0-9a-f]{12,64})\)$/.exec(m[2]);
  if (!source) throw new Error(`${where}: expected '## ${m[1]} in <label> (sha256 <12 to 64 hex digits>)', got '## ${heading.trim()}'`);
  return { kind, key: source[1]! };
}

/**
 * Parses the verdicts text and returns those on `source`'s mutants.
 * @throws Error naming the line of an entry outside every section, an entry without an
 *   argument, a mutant judged twice for one source, or a malformed per-source heading
 * @public
 */
export function parseVerdicts(text: string, file = VERDICTS_FILE, source: VerdictSource = SEED_VERDICTS): Verdicts {
  const bySource = new Map<string, { equivalent: Map<string, string>; gaps: Map<string, string> }>();
  let section: { kind: 'equivalent' | 'gaps'; key: string } | null = null;
  for (const [i, line] of text.split('\n').entries()) {
    const where = `${file}:${i + 1}`;
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      section = sectionOf(heading[1]!, where);
      continue;
    }
    if (!line.startsWith('- `')) continue;
    const entry = /^- `([^`]+)`:\s*(\S.*)$/.exec(line);
    if (!entry) throw new Error(`${where}: expected '- \`<mutant id>\`: <argument>', got '${line}'`);
    if (!section) throw new Error(`${where}: verdict on ${entry[1]} outside '## Equivalent' and '## Gaps'`);
    const judged = bySource.get(section.key) ?? { equivalent: new Map<string, string>(), gaps: new Map<string, string>() };
    bySource.set(section.key, judged);
    if (judged.equivalent.has(entry[1]!) || judged.gaps.has(entry[1]!)) throw new Error(`${where}: ${entry[1]} is judged twice`);
    judged[section.kind].set(entry[1]!, entry[2]!.trim());
  }
  const key = source.isSeed ? SEED_KEY : [...bySource.keys()].find((k) => k !== SEED_KEY && source.sha256.startsWith(k));
  return (key === undefined ? undefined : bySource.get(key)) ?? { equivalent: new Map(), gaps: new Map() };
}

/** The committed verdicts on `source`'s mutants. @public */
export function loadVerdicts(source: VerdictSource = SEED_VERDICTS, file = VERDICTS_FILE): Verdicts {
  return parseVerdicts(readFileSync(file, 'utf8'), file, source);
}
