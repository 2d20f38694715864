// Small helpers for splitting batches, shared by the workers, the engine and the sender.

/** Items by key, each key's items in their original order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Items in rounds: the first item of each key, then the second of each, and so on. A round holds
 * at most one item per key, and each key's items keep their order across rounds.
 */
export function roundsBy<T>(items: readonly T[], keyOf: (item: T, index: number) => string): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item, index);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (rounds[n] ??= []).push(item);
  });
  return rounds;
}
