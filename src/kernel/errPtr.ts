/**
 * ERR_PTR / IS_ERR / PTR_ERR: C returns an errno encoded in a pointer; the port returns an
 * `ErrPtr` in place of the object, so callers must test it just like C callers must.
 */

/** An error returned where a pointer was expected. @public */
export class ErrPtr {
  constructor(readonly errno: number) {}
}

/** ERR_PTR(-errno). @public */
export function errPtr(negativeErrno: number): ErrPtr {
  return new ErrPtr(negativeErrno);
}

/** IS_ERR. @public */
export function isErr<T>(value: T | ErrPtr): value is ErrPtr {
  return value instanceof ErrPtr;
}

/** PTR_ERR: the negative errno. @public */
export function ptrErr(value: ErrPtr): number {
  return value.errno;
}
