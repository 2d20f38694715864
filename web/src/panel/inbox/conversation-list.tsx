// The inbox's list: newest conversation first, unread counts, who needs a person, search.
import { NavLink } from 'react-router';
import { formatRelative } from '../lib/format.ts';
import { SearchIcon } from '../orders/order-icons.tsx';
import { useConversations, type Conversation, type InboxFilter } from './inbox-data.ts';

const FILTERS: { value: InboxFilter; label: string }[] = [
  { value: 'todas', label: 'Todas' },
  { value: 'sin-leer', label: 'Sin leer' },
  { value: 'persona', label: 'Necesitan una persona' },
];

export const initials = (c: Conversation) =>
  (c.customer.name ?? c.customer.waId.slice(-2))
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

function preview(c: Conversation): string {
  const m = c.lastMessage;
  if (!m) return 'Sin mensajes';
  const who = m.direction === 'outbound' ? 'Tú: ' : '';
  if (m.preview) return `${who}${m.preview}`;
  const kinds: Record<string, string> = { image: '📷 Foto', audio: '🎤 Nota de voz', document: '📄 Documento', video: '🎬 Video', sticker: 'Sticker', location: '📍 Ubicación', interactive: 'Opción elegida' };
  return `${who}${kinds[m.type] ?? 'Mensaje'}`;
}

type Props = { slug: string; filter: InboxFilter; q: string; onFilter: (f: InboxFilter) => void; onSearch: (q: string) => void; searchText: string; onSearchText: (q: string) => void };

export function ConversationList({ slug, filter, q, onFilter, searchText, onSearchText }: Props) {
  const list = useConversations(slug, filter, q);
  const conversations = list.data?.pages.flatMap((p) => p.conversations) ?? [];
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-col gap-2 border-b border-slate-200 p-3" role="search">
        <label className="relative">
          <span className="sr-only">Buscar conversaciones</span>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-slate-500" />
          <input
            type="search"
            value={searchText}
            onChange={(e) => onSearchText(e.target.value)}
            placeholder="Buscar por nombre o número"
            className="min-h-10 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-[15px] placeholder:text-slate-500 focus:border-wa-green focus:outline-2 focus:outline-wa-green/40"
          />
        </label>
        <div className="flex gap-1.5 overflow-x-auto" role="group" aria-label="Filtrar conversaciones">
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              aria-pressed={filter === f.value}
              onClick={() => onFilter(f.value)}
              className={`min-h-8 shrink-0 rounded-full px-3 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-wa-green ${
                filter === f.value ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'
              }`}
            >
              {f.label}
            </button>
          ))}
        </div>
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto" aria-label="Conversaciones" aria-busy={list.isPending}>
        {list.isPending ? (
          Array.from({ length: 6 }, (_, i) => <li key={i} className="m-3 h-14 animate-pulse rounded-lg bg-slate-100" aria-hidden="true" />)
        ) : list.isError ? (
          <li className="p-4 text-sm text-red-800" role="alert">
            No pudimos cargar las conversaciones.{' '}
            <button type="button" className="underline" onClick={() => list.refetch()}>
              Reintentar
            </button>
          </li>
        ) : conversations.length === 0 ? (
          <li className="p-6 text-center text-sm text-slate-600">{q || filter !== 'todas' ? 'Ninguna conversación coincide.' : 'Todavía no te escribió nadie. Cuando un cliente escriba por WhatsApp, lo vas a ver aquí.'}</li>
        ) : (
          conversations.map((c) => <ConversationRow key={c.customerId} slug={slug} c={c} />)
        )}
        {list.hasNextPage ? (
          <li className="p-3">
            <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage} className="min-h-10 w-full rounded-lg bg-slate-100 text-sm font-medium text-slate-700 hover:bg-slate-200">
              {list.isFetchingNextPage ? 'Cargando…' : 'Ver más conversaciones'}
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function ConversationRow({ slug, c }: { slug: string; c: Conversation }) {
  const name = c.customer.name ?? `+${c.customer.waId}`;
  return (
    <li>
      <NavLink
        to={`/panel/${slug}/conversaciones/${c.customer.waId}`}
        className={({ isActive }) =>
          `flex gap-3 border-b border-slate-100 px-3 py-2.5 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-wa-green ${isActive ? 'bg-emerald-50' : 'hover:bg-slate-50'}`
        }
        aria-label={`${name}${c.unreadCount ? `, ${c.unreadCount} sin leer` : ''}${c.needsPerson ? ', necesita una persona' : ''}`}
      >
        <span className="grid h-11 w-11 shrink-0 place-items-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700" aria-hidden="true">
          {initials(c)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className={`truncate text-[15px] ${c.unreadCount ? 'font-semibold text-slate-900' : 'text-slate-800'}`}>{name}</span>
            <time dateTime={c.lastMessageAt} className={`ml-auto shrink-0 text-xs ${c.unreadCount ? 'font-semibold text-wa-green' : 'text-slate-500'}`}>
              {formatRelative(c.lastMessageAt)}
            </time>
          </span>
          <span className="flex items-center gap-2">
            <span className="truncate text-sm text-slate-600">{preview(c)}</span>
            {c.unreadCount ? <span className="ml-auto grid h-5 min-w-5 shrink-0 place-items-center rounded-full bg-wa-accent px-1.5 text-[11px] font-bold text-white tabular-nums">{c.unreadCount}</span> : null}
          </span>
          {c.needsPerson ? <span className="mt-1 inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-[11px] font-semibold text-amber-900">Necesita una persona</span> : null}
        </span>
      </NavLink>
    </li>
  );
}
