// The customer's orders beside the chat (desktop) or in a sheet (phone).
import { Link } from 'react-router';
import { formatMoney, formatRelative } from '../lib/format.ts';
import { Badge } from '../lib/ui/index.ts';
import { useCustomerOrders, useShop } from '../orders/orders-data.ts';

export function CustomerOrders({ slug, waId }: { slug: string; waId: string }) {
  const orders = useCustomerOrders(slug, waId);
  const shop = useShop(slug);
  if (orders.isPending) return <p className="p-4 text-sm text-slate-500">Cargando pedidos…</p>;
  if (orders.isError) return <p className="p-4 text-sm text-red-800">No pudimos cargar sus pedidos.</p>;
  const list = orders.data.orders;
  if (!list.length) return <p className="p-4 text-sm text-slate-600">Este cliente todavía no hizo pedidos.</p>;
  return (
    <ul className="flex flex-col gap-2 p-3" aria-label="Pedidos del cliente">
      {list.map((o) => (
        <li key={o.id}>
          <Link to={`/panel/${slug}/pedidos/${encodeURIComponent(o.orderCode)}`} className="block rounded-xl border border-slate-200 bg-white p-3 hover:border-emerald-300 focus-visible:outline-2 focus-visible:outline-wa-green">
            <span className="flex items-center justify-between gap-2">
              <span className="font-semibold text-slate-900">{o.orderCode}</span>
              <Badge tone={o.isFinal ? (/cancel/i.test(o.status) ? 'red' : 'green') : 'yellow'}>{o.statusLabel}</Badge>
            </span>
            <span className="mt-1 flex justify-between text-sm text-slate-600">
              <span>{formatRelative(o.createdAt)}</span>
              <span className="font-medium text-slate-900 tabular-nums">{formatMoney(o.total, o.currency, shop.data?.locale)}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
