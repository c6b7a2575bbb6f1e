/** A binary min-heap on `dueAt`: the scheduler's queue of next runs, O(log n) per operation. */
export interface HeapItem {
  dueAt: number;
  key: string;
  /** Generation of the key's schedule when pushed; stale items are skipped when popped. */
  gen: number;
}

export class MinHeap {
  private readonly items: HeapItem[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): HeapItem | undefined {
    return this.items[0];
  }

  push(item: HeapItem): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.dueAt <= item.dueAt) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = item;
  }

  pop(): HeapItem | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        let smallestDue = last.dueAt;
        if (l < a.length && a[l]!.dueAt < smallestDue) {
          smallest = l;
          smallestDue = a[l]!.dueAt;
        }
        if (r < a.length && a[r]!.dueAt < smallestDue) smallest = r;
        if (smallest === i) break;
        a[i] = a[smallest]!;
        i = smallest;
      }
      a[i] = last;
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
