// Mounted once in the company's frame: keeps the cached screens current from the live events
// (each event names what changed; the screens read it again), counts new orders for the nav's
// badge and chimes when one arrives. The board and the inbox add their own finer handling.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMatch } from 'react-router';
import { apiFetch } from '../lib/api.ts';
import { keys } from './query-keys.ts';
import { clearNewOrders, noteNewOrder, useNewOrderCount } from './new-orders-store.ts';
import { playNewOrderChime } from './sound.ts';
import { useCompanyEvents } from './use-company-events.tsx';
import { useEffect } from 'react';

export function LiveUpdates({ slug }: { slug: string }) {
  const client = useQueryClient();
  const onBoard = useMatch('/panel/:slug/pedidos');
  useEffect(() => {
    if (onBoard) clearNewOrders(slug);
  }, [onBoard, slug]);

  useCompanyEvents(slug, (e) => {
    const invalidate = (queryKey: readonly unknown[]) => void client.invalidateQueries({ queryKey });
    // The board's columns are marked out of date but never refetched under the person's eyes: the
    // board shows arrivals and "Actualizar" itself; elsewhere, the columns reload when it opens.
    const boardOutdated = () => void client.invalidateQueries({ queryKey: keys.boardColumn(slug), refetchType: 'none' });
    switch (e.type) {
      case 'order.new':
        boardOutdated();
        if (!onBoard) noteNewOrder(slug);
        playNewOrderChime();
        invalidate(keys.counts(slug));
        invalidate(keys.customerOrders(slug));
        invalidate(keys.reports(slug));
        break;
      case 'order.status':
        boardOutdated();
        invalidate(keys.counts(slug));
        invalidate(keys.customerOrders(slug));
        invalidate(keys.reports(slug));
        if (e.orderCode) invalidate(keys.order(slug, e.orderCode));
        break;
      case 'message.new':
      case 'message.status':
      case 'handoff':
        invalidate(keys.conversations(slug));
        invalidate(keys.unread(slug));
        if (e.customerId) {
          invalidate(keys.conversation(slug, e.customerId));
          if (e.type !== 'handoff') invalidate(keys.messages(slug, e.customerId));
        }
        if (e.type === 'message.new') invalidate(keys.usage(slug));
        break;
      case 'resync':
        boardOutdated();
        for (const k of [keys.counts(slug), keys.order(slug), keys.customerOrders(slug), keys.conversations(slug), keys.conversation(slug), keys.messages(slug), keys.unread(slug), keys.reports(slug), keys.usage(slug)]) invalidate(k);
        break;
      default:
        break;
    }
  });
  return null;
}

const badgeClass = 'inline-grid h-5 min-w-5 place-items-center rounded-full bg-red-600 px-1 text-[11px] leading-none font-bold text-white tabular-nums';

/** The nav's counter of orders that arrived while the person was elsewhere. */
export function NewOrdersBadge({ slug }: { slug: string }) {
  const count = useNewOrderCount(slug);
  if (!count) return null;
  return (
    <span className={badgeClass} aria-label={`${count} ${count === 1 ? 'pedido nuevo' : 'pedidos nuevos'}`}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

/** The nav's counter of conversations with unread messages. */
export function UnreadChatsBadge({ slug }: { slug: string }) {
  const unread = useQuery({
    queryKey: keys.unread(slug),
    queryFn: ({ signal }) => apiFetch<{ conversations: unknown[]; nextCursor: string | null }>(`/api/companies/${encodeURIComponent(slug)}/conversations?unread=true&limit=100`, { signal }),
    staleTime: 30_000,
  });
  const count = unread.data?.conversations.length ?? 0;
  if (!count) return null;
  const more = unread.data?.nextCursor ? '+' : '';
  return (
    <span className={badgeClass} aria-label={`${count}${more} ${count === 1 ? 'conversación sin leer' : 'conversaciones sin leer'}`}>
      {count > 99 ? '99+' : `${count}${more}`}
    </span>
  );
}
