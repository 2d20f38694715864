import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../src/platform/group-commit.ts';

describe('group commit', () => {
  it('writes calls that arrive while all slots are busy together, each getting its own result', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const commit = createGroupCommit(async (items: number[]) => {
      writes.push(items);
      if (writes.length === 1) await gate; // the first write holds the only slot
      return items.map((n) => n * 10);
    }, 1);
    const first = commit(1);
    const rest = [2, 3, 4].map((n) => commit(n));
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('with a free slot a call is written at once, alone', async () => {
    const writes: string[][] = [];
    const commit = createGroupCommit(async (items: string[]) => (writes.push(items), items), 4);
    expect(await Promise.all([commit('a'), commit('b')])).toEqual(['a', 'b']);
    expect(writes).toEqual([['a'], ['b']]);
  });

  it('when a batch fails, its calls are written again one by one and only the bad one fails', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writes: string[][] = [];
    const commit = createGroupCommit(async (items: string[]) => {
      writes.push(items);
      if (items[0] === 'hold') await gate;
      if (items.includes('bad')) throw new Error('rejected by the database');
      return items.map((i) => `ok:${i}`);
    }, 1);
    const held = commit('hold');
    const batch = ['x', 'bad', 'y'].map((i) => commit(i).catch((e: Error) => `failed:${e.message}`));
    release();
    await held;
    expect(await Promise.all(batch)).toEqual(['ok:x', 'failed:rejected by the database', 'ok:y']);
    expect(writes.slice(1, 2)).toEqual([['x', 'bad', 'y']]);
  });
});
