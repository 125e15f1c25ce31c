/**
 * The library's memory allocator: `kzalloc`, `kmemdup`, `kfree` with live accounting and
 * one-shot fault injection (a custom test hook, like tools/testing/vma's `fail_prealloc`).
 *
 * Allocation sites in the port call these in the same order and number as the seed calls the
 * C ones, so "fail the n-th allocation" names the same allocation in both languages.
 */
export class Slab {
  /** Successful allocations minus frees of non-NULL pointers, vm_bos not counted. */
  live = 0;
  /** The same for vm_bos (drm_gpuvm_bo_create's kzalloc), which `allocs` reports apart. */
  liveVmBos = 0;
  private countdown = 0n;

  /**
   * Arms fault injection: the `n`-th allocation attempt from now on fails, once; 0 disarms.
   * @param n - 1 means the very next allocation
   */
  failAlloc(n: bigint): void {
    this.countdown = n;
  }

  /** kzalloc: a fresh object from `make`, or null when fault injection strikes. */
  kzalloc<T>(make: () => T): T | null {
    if (this.attemptFails()) return null;
    this.live++;
    return make();
  }

  /** The kzalloc of a vm_bo: one more attempt that fault injection counts, live apart. */
  kzallocVmBo<T>(make: () => T): T | null {
    if (this.attemptFails()) return null;
    this.liveVmBos++;
    return make();
  }

  /** The kfree of a vm_bo. */
  kfreeVmBo(): void {
    this.liveVmBos--;
  }

  private attemptFails(): boolean {
    return this.countdown > 0n && --this.countdown === 0n;
  }

  /** kmemdup: a shallow copy of `source`, or null when fault injection strikes. */
  kmemdup<T extends object>(source: T): T | null {
    return this.kzalloc(() => ({ ...source }));
  }

  /** kfree: NULL is a no-op, as in C. */
  kfree(pointer: object | null): void {
    if (pointer !== null) this.live--;
  }
}
