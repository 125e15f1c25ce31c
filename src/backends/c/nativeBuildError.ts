/**
 * The C driver could not be built, for a reason the user can act on.
 */

/** Why a build failed. @public */
export type NativeBuildFailure = 'no-compiler' | 'source-missing' | 'compile-failed';

/**
 * The C driver could not be built; `message` says what to do about it.
 * @public
 */
export class NativeBuildError extends Error {
  constructor(
    readonly reason: NativeBuildFailure,
    message: string,
    /** gcc's diagnostics, for `compile-failed`. */
    readonly diagnostics = '',
  ) {
    super(message);
    this.name = 'NativeBuildError';
  }
}
