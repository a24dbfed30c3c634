/**
 * Timers in due order, ties broken by creation order (a sequence number), so a virtual clock fires them
 * deterministically. A binary heap with lazy deletion: cancelled timers are skipped when they reach the top.
 */
export interface QueuedTimer {
  seq: number;
  due: number;
}

export class TimerQueue<T extends QueuedTimer> {
  private heap: T[] = [];
  private live = new Map<number, T>();

  get size(): number {
    return this.live.size;
  }

  add(timer: T): void {
    this.live.set(timer.seq, timer);
    this.heap.push(timer);
    this.up(this.heap.length - 1);
  }

  cancel(seq: number): void {
    this.live.delete(seq);
    // Cancelled far-future timers (a year-long callback timeout answered today) would otherwise pile up.
    if (this.heap.length > 1024 && this.heap.length > 4 * this.live.size) {
      this.heap = [...this.live.values()];
      for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
    }
  }

  has(seq: number): boolean {
    return this.live.has(seq);
  }

  /** The earliest live timer, without removing it. */
  peek(): T | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Removes and returns the earliest live timer if it is due at `now`. */
  popDue(now: number): T | undefined {
    const top = this.peek();
    if (!top || top.due > now) return undefined;
    this.pop();
    this.live.delete(top.seq);
    return top;
  }

  clear(): void {
    this.heap = [];
    this.live.clear();
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.live.get(this.heap[0].seq) !== this.heap[0]) this.pop();
  }

  private before(a: T, b: T): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l], h[m])) m = l;
      if (r < h.length && this.before(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
