/**
 * The errno values the seed returns (and EOPNOTSUPP, a trace driver's answer to a request its
 * source has no function for), and their names for `ERR -<errno> <NAME>` lines.
 */
export const ENOENT = 2;
export const ENOMEM = 12;
export const EEXIST = 17;
export const EINVAL = 22;
export const EOPNOTSUPP = 95;

const NAMES: ReadonlyMap<number, string> = new Map([
  [ENOENT, 'ENOENT'],
  [ENOMEM, 'ENOMEM'],
  [EEXIST, 'EEXIST'],
  [EINVAL, 'EINVAL'],
  [EOPNOTSUPP, 'EOPNOTSUPP'],
]);

/** `ENOMEM` for 12; `E<n>` for an errno the seed never returns. @public */
export function errnoName(errno: number): string {
  return NAMES.get(errno) ?? `E${errno}`;
}
