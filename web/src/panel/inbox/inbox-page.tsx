// /panel/:slug/conversaciones[/:waId] — the inbox. Desktop: the list, the open chat and the
// customer's orders side by side. Phone: the list, or the open chat full screen (orders in a sheet).
import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { EmptyState, PageHeader } from '../lib/ui/index.ts';
import { NotFound } from '../layout/status-pages.tsx';
import { useMediaQuery } from '../live/use-media-query.ts';
import { LiveIndicator } from '../live/use-company-events.tsx';
import { ConversationList } from './conversation-list.tsx';
import { ConversationPane } from './conversation-pane.tsx';
import { CustomerOrders } from './customer-orders.tsx';
import { useConversationByWaId, type InboxFilter } from './inbox-data.ts';

export function InboxPage() {
  const { slug = '', waId } = useParams();
  const [params, setParams] = useSearchParams();
  const filter = (['todas', 'sin-leer', 'persona'].includes(params.get('ver') ?? '') ? params.get('ver') : 'todas') as InboxFilter;
  const q = params.get('q') ?? '';
  const [searchText, setSearchText] = useState(q);
  const wide = useMediaQuery('(min-width: 1024px)');
  const xl = useMediaQuery('(min-width: 1280px)');
  const validWaId = waId && /^\d{5,20}$/.test(waId) ? waId : undefined;
  const resolved = useConversationByWaId(slug, validWaId);

  const set = useRef((name: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    ),
  );
  useEffect(() => {
    if (searchText.trim() === q) return;
    const t = window.setTimeout(() => set.current('q', searchText.trim() || null), 300);
    return () => window.clearTimeout(t);
  }, [searchText, q]);

  const list = (
    <ConversationList slug={slug} filter={filter} q={q} onFilter={(f) => set.current('ver', f === 'todas' ? null : f)} onSearch={(v) => set.current('q', v || null)} searchText={searchText} onSearchText={setSearchText} />
  );

  let chat: React.ReactNode;
  if (!waId) chat = <EmptyState title="Elige una conversación">Aquí ves los mensajes, respondes como persona y le devuelves la conversación al bot.</EmptyState>;
  else if (!validWaId || resolved.data === null) chat = <NotFound what="No encontramos esta conversación en este negocio." />;
  else if (!resolved.data) chat = <div className="grid h-full place-items-center text-slate-500">Cargando conversación…</div>;
  else chat = <ConversationPane key={resolved.data} slug={slug} customerId={resolved.data} showOrdersButton={!xl} />;

  const frame = 'h-[calc(100dvh-8.5rem)] min-h-[28rem] lg:h-[calc(100dvh-7.5rem)]';
  if (!wide) {
    return (
      <div>
        {waId ? null : <PageHeader title="Conversaciones" actions={<LiveIndicator slug={slug} />} />}
        <div className={`-mx-4 overflow-hidden border-y border-slate-200 bg-white ${waId ? '-mt-5 h-[calc(100dvh-8.5rem)]' : frame}`}>{waId ? chat : list}</div>
      </div>
    );
  }
  return (
    <div>
      <PageHeader title="Conversaciones" actions={<LiveIndicator slug={slug} />} />
      <div className={`grid overflow-hidden rounded-2xl border border-slate-200 bg-white ${frame} ${xl && validWaId ? 'grid-cols-[18rem_1fr_15rem]' : 'grid-cols-[20rem_1fr]'}`}>
        <div className="min-h-0 border-r border-slate-200">{list}</div>
        <div className="flex min-h-0 flex-col">{waId && validWaId && resolved.data ? chat : <div className="grid h-full place-items-center p-6">{chat}</div>}</div>
        {xl && validWaId ? (
          <aside className="min-h-0 overflow-y-auto border-l border-slate-200 bg-slate-50" aria-label="Pedidos del cliente">
            <h2 className="px-4 pt-4 text-sm font-semibold text-slate-800">Pedidos del cliente</h2>
            <CustomerOrders slug={slug} waId={validWaId} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}
