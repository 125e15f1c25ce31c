/**
 * The resumable state of the C mutation benchmark, one file per source: the settings that make a
 * measurement comparable (the source's and its header's sha256 among them), and every mutant
 * measured so far. A rerun with the same settings skips the mutants
 * the state has; other settings are refused, naming the first that differs, unless the run
 * starts afresh.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ProductKind } from './product.ts';
import type { Measured } from './results.ts';

/** What a measurement depends on (besides the mutant). @public */
export interface RunSettings {
  /** sha256 of the source the mutants were made from (mutant ids are positions in it). */
  readonly sourceSha256: string;
  /** sha256 of the header it is compiled with (it decides the era and what compiles). */
  readonly headerSha256: string;
  /** Campaign seed. */
  readonly seed: number;
  readonly budgetMs: number;
  readonly graceMs: number;
  readonly runsPerJob: number;
  readonly walkRequests: number;
  /** The build of the product the campaigns ran: start-up, part of every time to kill, differs. */
  readonly product: ProductKind;
}

/** The state file's content. @public */
export interface BenchState {
  readonly version: 1;
  readonly settings: RunSettings;
  /** By mutant id. */
  readonly measured: Record<string, Measured>;
}

/** The settings are not those of the state being resumed. @public */
export class SettingsMismatch extends Error {
  override name = 'SettingsMismatch';
}

/**
 * The state to continue: the one in `file` when its settings are `settings`, else a new one.
 * @throws SettingsMismatch naming the first setting that differs (unless `fresh`)
 * @public
 */
export function loadState(file: string, settings: RunSettings, fresh: boolean): BenchState {
  if (fresh || !existsSync(file)) return { version: 1, settings, measured: {} };
  const state = JSON.parse(readFileSync(file, 'utf8')) as BenchState;
  if (state.version !== 1) throw new SettingsMismatch(`${file}: unknown state version ${String(state.version)}`);
  for (const key of Object.keys(settings) as (keyof RunSettings)[]) {
    if (state.settings[key] !== settings[key]) {
      throw new SettingsMismatch(
        `${file} was measured with ${key} ${String(state.settings[key])}, this run has ${String(settings[key])}: ` +
          'rerun with the same settings to continue it, or with --fresh to start over',
      );
    }
  }
  return state;
}

/** Records one measurement and writes the state atomically. @public */
export function saveMeasured(file: string, state: BenchState, measured: Measured): void {
  state.measured[measured.id] = measured;
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 1)}\n`);
  renameSync(tmp, file);
}
