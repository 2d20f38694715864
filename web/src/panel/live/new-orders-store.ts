// How many orders arrived live since the person last looked at the board (the nav's badge).
import { useSyncExternalStore } from 'react';

const counts = new Map<string, number>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function noteNewOrder(slug: string): void {
  counts.set(slug, (counts.get(slug) ?? 0) + 1);
  emit();
}

export function clearNewOrders(slug: string): void {
  if (!counts.get(slug)) return;
  counts.set(slug, 0);
  emit();
}

export function useNewOrderCount(slug: string): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => counts.get(slug) ?? 0,
  );
}
