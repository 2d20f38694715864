import { useEffect, useRef } from 'react';
import { subscribeLive, type LiveEvent } from './event-stream.ts';

/** Calls onEvent for each live event of the company while the component is mounted. */
export function useCompanyEvents(slug: string, onEvent: (event: LiveEvent) => void): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!slug) return;
    return subscribeLive(slug, (e) => latest.current(e));
  }, [slug]);
}
