// One conversation: who it is, take over / return to the bot, the history (newest at the bottom,
// older on demand) and the reply box. Opening it marks the customer's messages read.
import { Fragment, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../lib/api.ts';
import { Button, Modal, useToast } from '../lib/ui/index.ts';
import { BackIcon } from '../orders/order-icons.tsx';
import { CustomerOrders } from './customer-orders.tsx';
import { initials } from './conversation-list.tsx';
import { useConversation, useConversationAction, useMarkRead, useMessages, type Message } from './inbox-data.ts';
import { MessageBubble } from './message-bubble.tsx';
import { ReplyBox } from './reply-box.tsx';

const dayOf = (at: string) => new Date(at).toLocaleDateString('es-MX', { weekday: 'long', day: 'numeric', month: 'long' });

export function ConversationPane({ slug, customerId, showOrdersButton }: { slug: string; customerId: string; showOrdersButton: boolean }) {
  const conversation = useConversation(slug, customerId);
  const messages = useMessages(slug, customerId);
  const action = useConversationAction(slug, customerId);
  const markRead = useMarkRead(slug, customerId);
  const toast = useToast();
  const [ordersOpen, setOrdersOpen] = useState(false);
  const lastMarked = useRef<string | null>(null);

  const list: Message[] = messages.data?.pages.flatMap((p) => p.messages) ?? [];
  const newestInbound = list.find((m) => m.direction === 'inbound');
  const c = conversation.data;

  // Reading the chat marks it read, up to the newest message seen (one arriving meanwhile stays unread).
  useEffect(() => {
    if (!c || !c.unreadCount || !newestInbound || lastMarked.current === newestInbound.id) return;
    lastMarked.current = newestInbound.id;
    markRead.mutate(list[0]!.id);
  }, [c, newestInbound, list, markRead]);

  if (conversation.isError) return <p className="p-6 text-red-800">No pudimos abrir esta conversación. {errorMessage(conversation.error)}</p>;
  if (!c) return <div className="grid flex-1 place-items-center text-slate-500">Cargando conversación…</div>;
  const name = c.customer.name ?? `+${c.customer.waId}`;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex min-h-16 items-center gap-2 border-b border-slate-200 bg-white px-2 py-2 sm:px-4">
        <Link to={`/panel/${slug}/conversaciones`} className="grid h-10 w-10 place-items-center rounded-full text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-wa-green lg:hidden" aria-label="Volver a las conversaciones">
          <BackIcon className="h-5 w-5" />
        </Link>
        <span className="hidden h-10 w-10 shrink-0 place-items-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700 sm:grid" aria-hidden="true">
          {initials(c)}
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-base font-semibold text-slate-900">{name}</h2>
          <p className="truncate text-xs text-slate-600">
            +{c.customer.waId}
            {c.needsPerson ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-900">Atiende una persona</span> : <span className="ml-2 text-slate-500">Atiende el bot</span>}
          </p>
        </div>
        {showOrdersButton ? (
          <Button size="sm" variant="secondary" onClick={() => setOrdersOpen(true)}>
            Pedidos
          </Button>
        ) : null}
        {c.needsPerson ? (
          <Button
            size="sm"
            variant="secondary"
            busy={action.isPending}
            aria-label="Devolver al bot"
            onClick={() =>
              action.mutate('release', {
                onSuccess: () => toast.success('El bot vuelve a atender a este cliente. Le avisamos.'),
                onError: (err) => toast.error(errorMessage(err)),
              })
            }
          >
            <span className="sm:hidden">Al bot</span>
            <span className="hidden sm:inline">Devolver al bot</span>
          </Button>
        ) : (
          <Button
            size="sm"
            busy={action.isPending}
            aria-label="Tomar conversación"
            onClick={() =>
              action.mutate('takeover', {
                onSuccess: () => toast.success('Tomaste la conversación: el bot no responde mientras tanto.'),
                onError: (err) => toast.error(errorMessage(err)),
              })
            }
          >
            <span className="sm:hidden">Tomar</span>
            <span className="hidden sm:inline">Tomar conversación</span>
          </Button>
        )}
      </header>

      <div className="wa-wallpaper flex min-h-0 flex-1 flex-col-reverse overflow-y-auto px-3 py-3 sm:px-6">
        <ol className="flex flex-col-reverse gap-1.5" role="log" aria-label={`Mensajes con ${name}`} aria-live="polite">
          {list.map((m, i) => {
            const older = list[i + 1];
            const newDay = !older || dayOf(older.createdAt) !== dayOf(m.createdAt);
            return (
              <Fragment key={m.id}>
                <MessageBubble m={m} />
                {newDay ? (
                  <li className="my-2 self-center rounded-md bg-white/90 px-3 py-1 text-xs text-slate-600 shadow-sm first-letter:uppercase" aria-hidden="true">
                    {dayOf(m.createdAt)}
                  </li>
                ) : null}
              </Fragment>
            );
          })}
          {messages.hasNextPage ? (
            <li className="self-center">
              <Button size="sm" variant="secondary" busy={messages.isFetchingNextPage} onClick={() => messages.fetchNextPage()}>
                Ver mensajes anteriores
              </Button>
            </li>
          ) : null}
          {messages.isPending ? <li className="self-center text-sm text-slate-600">Cargando mensajes…</li> : null}
        </ol>
      </div>

      <ReplyBox slug={slug} conversation={c} />

      <Modal open={ordersOpen} title={`Pedidos de ${name}`} onClose={() => setOrdersOpen(false)}>
        <CustomerOrders slug={slug} waId={c.customer.waId} />
      </Modal>
    </div>
  );
}
