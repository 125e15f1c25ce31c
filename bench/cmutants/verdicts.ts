/**
 * The verdicts on surviving C mutants, kept in bench/cmutants/verdicts.md: under `## Equivalent`,
 * mutants that nothing observable can tell from the seed; under `## Gaps`, survivors that a
 * stronger generator or property should kill, and what would. One line each:
 * `` - `<mutant id>`: <one-line argument> ``.
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
 * Parses the verdicts text.
 * @throws Error naming the line of an entry outside both sections, an entry without an
 *   argument, or a mutant judged twice
 * @public
 */
export function parseVerdicts(text: string, file = VERDICTS_FILE): Verdicts {
  const equivalent = new Map<string, string>();
  const gaps = new Map<string, string>();
  let section: Map<string, string> | null = null;
  for (const [i, line] of text.split('\n').entries()) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      section = heading[1]!.trim() === 'Equivalent' ? equivalent : heading[1]!.trim() === 'Gaps' ? gaps : null;
      continue;
    }
    if (!line.startsWith('- `')) continue;
    const entry = /^- `([^`]+)`:\s*(\S.*)$/.exec(line);
    const where = `${file}:${i + 1}`;
    if (!entry) throw new Error(`${where}: expected '- \`<mutant id>\`: <argument>', got '${line}'`);
    if (!section) throw new Error(`${where}: verdict on ${entry[1]} outside '## Equivalent' and '## Gaps'`);
    if (equivalent.has(entry[1]!) || gaps.has(entry[1]!)) throw new Error(`${where}: ${entry[1]} is judged twice`);
    section.set(entry[1]!, entry[2]!.trim());
  }
  return { equivalent, gaps };
}

/** The committed verdicts. @public */
export function loadVerdicts(file = VERDICTS_FILE): Verdicts {
  return parseVerdicts(readFileSync(file, 'utf8'), file);
}
