import { TimerQueue } from '../../../../../infra/local/sfn/engine/timerQueue';

describe('timer queue', () => {
  it('pops timers in due order, equal due times in creation order', () => {
    const queue = new TimerQueue<{ seq: number; due: number }>();
    [
      { seq: 1, due: 50 },
      { seq: 2, due: 10 },
      { seq: 3, due: 50 },
      { seq: 4, due: 10 },
      { seq: 5, due: 30 },
    ].forEach((t) => queue.add(t));
    const order: number[] = [];
    for (let t = queue.popDue(100); t; t = queue.popDue(100)) order.push(t.seq);
    expect(order).toEqual([2, 4, 5, 1, 3]);
  });

  it('keeps timers that are not yet due and skips cancelled ones', () => {
    const queue = new TimerQueue<{ seq: number; due: number }>();
    queue.add({ seq: 1, due: 10 });
    queue.add({ seq: 2, due: 20 });
    queue.add({ seq: 3, due: 30 });
    queue.cancel(1);
    expect(queue.peek()?.seq).toBe(2);
    expect(queue.popDue(15)).toBeUndefined();
    expect(queue.popDue(25)?.seq).toBe(2);
    expect(queue.size).toBe(1);
  });

  it('stays in order after many cancellations compact it', () => {
    const queue = new TimerQueue<{ seq: number; due: number }>();
    for (let seq = 1; seq <= 5000; seq++) queue.add({ seq, due: (seq * 7919) % 10007 });
    for (let seq = 1; seq <= 5000; seq++) if (seq % 10 !== 0) queue.cancel(seq);
    const dues: number[] = [];
    for (let t = queue.popDue(Infinity); t; t = queue.popDue(Infinity)) dues.push(t.due);
    expect(dues).toHaveLength(500);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });
});
