/**
 * `struct list_head` (include/linux/list.h): a circular doubly linked list with embedded links.
 *
 * Tracks: INIT_LIST_HEAD, list_add, list_add_tail, list_del, list_del_init, list_empty,
 * list_is_last. A head starts with NULL links, like zeroed C memory, not self-linked: deleting
 * an entry that was never added must fail here exactly where C dereferences NULL.
 */

/** One `struct list_head`; `owner` stands in for `container_of`. @public */
export class ListHead<T = unknown> {
  next: ListHead<T> | null = null;
  prev: ListHead<T> | null = null;
  constructor(readonly owner: T | null = null) {}
}

/** Poison written by `list_del`, the counterpart of LIST_POISON1/2: any later use throws. */
const POISON = null;

/** INIT_LIST_HEAD. @public */
export function initListHead(head: ListHead<unknown>): void {
  head.next = head;
  head.prev = head;
}

function listAddBetween<T>(entry: ListHead<T>, prev: ListHead<T>, next: ListHead<T>): void {
  next.prev = entry;
  entry.next = next;
  entry.prev = prev;
  prev.next = entry;
}

/** list_add: insert `entry` right after `head`. @public */
export function listAdd<T>(entry: ListHead<T>, head: ListHead<T>): void {
  listAddBetween(entry, head, head.next!);
}

/** list_add_tail: insert `entry` right before `head`, i.e. at the end of the list. @public */
export function listAddTail<T>(entry: ListHead<T>, head: ListHead<T>): void {
  listAddBetween(entry, head.prev!, head);
}

function listDelEntry(entry: ListHead<unknown>): void {
  // Non-null assertions on purpose: C dereferences these links unconditionally, so a NULL link
  // must throw (a TypeError) exactly where the C code would fault.
  const next = entry.next!;
  const prev = entry.prev!;
  next.prev = prev;
  prev.next = next;
}

/** list_del: unlink and poison. @public */
export function listDel(entry: ListHead<unknown>): void {
  listDelEntry(entry);
  entry.next = POISON;
  entry.prev = POISON;
}

/** list_del_init: unlink and leave the entry self-linked (empty). @public */
export function listDelInit(entry: ListHead<unknown>): void {
  listDelEntry(entry);
  initListHead(entry);
}

/** list_empty. @public */
export function listEmpty(head: ListHead<unknown>): boolean {
  return head.next === head;
}

/** list_is_last. @public */
export function listIsLast(entry: ListHead<unknown>, head: ListHead<unknown>): boolean {
  return entry.next === head;
}

/** What an iterator returns once it is done; shared, so finishing allocates nothing. @public */
export const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The entries of a list, for `for..of`. An iterator object rather than a generator: V8 runs a
 * loop over it several times faster, and invariant checks walk every list of a VA space.
 */
class ListEntries<T> implements IterableIterator<T> {
  private pos: ListHead<T>;
  /** The entry after `pos`, read before the body runs (the _safe variant); null otherwise. */
  private successor: ListHead<T> | null = null;

  constructor(
    private readonly head: ListHead<T>,
    private readonly safe: boolean,
  ) {
    this.pos = head;
  }

  next(): IteratorResult<T> {
    const pos = this.successor ?? this.pos.next!;
    if (pos === this.head) return DONE;
    this.pos = pos;
    if (this.safe) this.successor = pos.next!;
    return { done: false, value: pos.owner! };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

/** list_for_each_entry: the successor is read after the body, so the body must not unlink. @public */
export function listEntries<T>(head: ListHead<T>): IterableIterator<T> {
  return new ListEntries(head, false);
}

/** list_for_each_entry_safe: the successor is read before the body, which may unlink its entry. @public */
export function listEntriesSafe<T>(head: ListHead<T>): IterableIterator<T> {
  return new ListEntries(head, true);
}
