/**
 * A strict applier for the seeded-bug patches of `bench/bugs/`: one unified diff with one hunk
 * that removes exactly one line and adds at most one (a single-point change). The hunk's context
 * and removed line must match the source at the hunk's line, or, as `patch` allows, at exactly
 * one other place; anything else is refused with an error naming the patch.
 */

/** A patch that cannot be parsed or does not apply. @public */
export class PatchError extends Error {
  override name = 'PatchError';
  constructor(
    readonly patch: string,
    problem: string,
  ) {
    super(`${patch}: ${problem}`);
  }
}

/** One parsed single-hunk patch. @public */
export interface ParsedPatch {
  readonly name: string;
  /** File names after `--- ` and `+++ ` (without a timestamp). */
  readonly oldFile: string;
  readonly newFile: string;
  /** 1-based first line of the hunk in the old file. */
  readonly oldStart: number;
  /** The hunk's lines as they are in the old file (context and removed), in order. */
  readonly before: readonly string[];
  /** The hunk's lines as they are in the new file (context and added), in order. */
  readonly after: readonly string[];
  /** The removed line, and its index in `before`. */
  readonly removed: string;
  readonly removedIndex: number;
  /** The added line, or null when the line is only deleted. */
  readonly added: string | null;
}

/** The result of applying a patch. @public */
export interface AppliedPatch {
  readonly text: string;
  /** 1-based line of the source that was changed. */
  readonly line: number;
  /** How far the hunk was from where the patch said (0: exactly there). */
  readonly offset: number;
  readonly removed: string;
  readonly added: string | null;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses a unified diff of one file with one hunk that changes one line.
 * @throws PatchError naming `name` and the problem
 * @public
 */
export function parsePatch(text: string, name: string): ParsedPatch {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const fail = (problem: string): never => {
    throw new PatchError(name, problem);
  };
  const minus = lines.findIndex((l) => l.startsWith('--- '));
  if (minus < 0 || !lines[minus + 1]?.startsWith('+++ ')) fail("not a unified diff (no '--- ' / '+++ ' header)");
  const fileName = (line: string): string => line.slice(4).split('\t')[0]!.trim();
  const oldFile = fileName(lines[minus]!);
  const newFile = fileName(lines[minus + 1]!);
  const body = lines.slice(minus + 2);
  const header = HUNK.exec(body[0] ?? '');
  if (!header) return fail(`expected a hunk header '@@ -l,n +l,m @@' after the file names, got '${body[0] ?? '<end>'}'`);
  const oldStart = Number(header[1]);
  const oldCount = header[2] === undefined ? 1 : Number(header[2]);
  const newCount = header[4] === undefined ? 1 : Number(header[4]);
  const before: string[] = [];
  const after: string[] = [];
  const removed: string[] = [];
  const added: string[] = [];
  let removedIndex = -1;
  for (const [i, line] of body.slice(1).entries()) {
    if (HUNK.test(line) || line.startsWith('--- ')) fail('more than one hunk or file: a seeded bug changes exactly one line');
    if (line.startsWith('\\')) fail(`unsupported line '${line}'`);
    const tag = line[0];
    const content = line.slice(1);
    if (tag === ' ' || line === '') {
      // Some tools drop the space of an empty context line.
      before.push(content);
      after.push(content);
    } else if (tag === '-') {
      removedIndex = before.length;
      before.push(content);
      removed.push(content);
    } else if (tag === '+') {
      after.push(content);
      added.push(content);
    } else fail(`hunk line ${i + 1} starts with neither ' ', '-' nor '+': '${line}'`);
  }
  if (before.length !== oldCount || after.length !== newCount) {
    fail(`hunk header says -${oldCount} +${newCount} lines, the hunk has -${before.length} +${after.length}`);
  }
  if (removed.length !== 1 || added.length > 1) {
    fail(`a seeded bug changes exactly one line: this hunk removes ${removed.length} and adds ${added.length}`);
  }
  return { name, oldFile, newFile, oldStart, before, after, removed: removed[0]!, removedIndex, added: added[0] ?? null };
}

/** True when `before` matches `source` starting at 0-based line `at`. */
function matchesAt(source: readonly string[], before: readonly string[], at: number): boolean {
  if (at < 0 || at + before.length > source.length) return false;
  return before.every((line, i) => source[at + i] === line);
}

/**
 * Applies a single-line patch to `source`.
 * @throws PatchError naming `name` when the patch is malformed or its context does not match
 * @public
 */
export function applyPatch(source: string, patchText: string, name: string): AppliedPatch {
  const patch = parsePatch(patchText, name);
  const lines = source.split('\n');
  const stated = patch.oldStart - 1;
  let at = matchesAt(lines, patch.before, stated) ? stated : -1;
  if (at < 0) {
    const places = lines.map((_, i) => i).filter((i) => matchesAt(lines, patch.before, i));
    if (places.length !== 1) {
      throw new PatchError(
        name,
        places.length === 0
          ? `does not apply: its context and removed line do not match the source at line ${patch.oldStart} or anywhere else ` +
              `(expected '${patch.removed.trim()}' at line ${stated + patch.removedIndex + 1}, found '${(lines[stated + patch.removedIndex] ?? '<end of file>').trim()}')`
          : `does not apply: its context matches at ${places.length} places (lines ${places.map((p) => p + 1).join(', ')}), not at line ${patch.oldStart}`,
      );
    }
    at = places[0]!;
  }
  const out = [...lines.slice(0, at), ...patch.after, ...lines.slice(at + patch.before.length)];
  return {
    text: out.join('\n'),
    line: at + patch.removedIndex + 1,
    offset: at - stated,
    removed: patch.removed,
    added: patch.added,
  };
}
