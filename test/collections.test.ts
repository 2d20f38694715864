import { describe, expect, it } from 'vitest';
import { groupBy, roundsBy } from '../src/platform/collections.ts';

describe('batch splitting', () => {
  it('groupBy keeps each key’s items in order', () => {
    const g = groupBy(['a1', 'b1', 'a2', 'c1', 'b2'], (s) => s[0]!);
    expect([...g]).toEqual([['a', ['a1', 'a2']], ['b', ['b1', 'b2']], ['c', ['c1']]]);
  });

  it('roundsBy puts one item per key in each round, keeping each key’s order', () => {
    expect(roundsBy(['a1', 'b1', 'a2', 'a3', 'c1', 'b2'], (s) => s[0]!)).toEqual([['a1', 'b1', 'c1'], ['a2', 'b2'], ['a3']]);
    expect(roundsBy([], () => 'x')).toEqual([]);
  });
});
