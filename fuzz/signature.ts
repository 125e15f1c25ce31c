/**
 * Normalised failure signatures: what makes two failures "the same finding". Built only from
 * small vocabularies (failure class, invariant name, request kind, first word of a line,
 * registered finding id), never from addresses or sizes, so the number of distinct signatures
 * stays small however long a campaign runs.
 */
import type { FailureClass } from './types.ts';

/** The parts a signature is made of. @public */
export interface SignatureParts {
  readonly class: FailureClass;
  /** Invariant name, crashing backend, or the first word of the divergent line. */
  readonly what: string;
  /** The kind of the request where it happened (`map`, `gem_unmap`, ...). */
  readonly requestKind: string;
  /** Registered finding id, or null for a new one. */
  readonly known: string | null;
  /** `c` for an invariant the C code breaks (named in the signature); absent: the port's. */
  readonly backend?: 'c';
}

/** A filesystem-safe signature such as `invariant-keep-flag-map-new` or `invariant-c-coverage-unmap-new`. @public */
export function signatureOf(parts: SignatureParts): string {
  return [parts.class, ...(parts.backend ? [parts.backend] : []), parts.what, parts.requestKind, parts.known ?? 'new']
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9+-]+/g, '_');
}
