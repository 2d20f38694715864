// /panel/:slug/pedidos/:code — one order: its status with the moves it may make, customer,
// delivery (map link for a pin), requested window, products, history, and the printed ticket.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../lib/api.ts';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import { Badge, Button, Card, ErrorNotice, PageHeader, PageSpinner, useToast } from '../lib/ui/index.ts';
import { NotFound } from '../layout/status-pages.tsx';
import { BackIcon, PinIcon, PrintIcon } from './order-icons.tsx';
import { fetchTicket, useChangeOrderStatus, useOrder, useOrderStatuses, useShop, type OrderDetail } from './orders-data.ts';

const ACTORS: Record<string, string> = { user: 'Equipo', api_key: 'Integración', platform: 'Plataforma', bot: 'Bot', customer: 'Cliente' };

export function OrderDetailPage() {
  const { slug = '', code = '' } = useParams();
  const order = useOrder(slug, code);
  const shop = useShop(slug);
  if (order.isPending) return <PageSpinner />;
  if (order.isError) {
    if (order.error instanceof ApiError && (order.error.status === 404 || order.error.status === 400)) return <NotFound what={`No encontramos el pedido ${code} en este negocio.`} />;
    return <ErrorNotice error={order.error} onRetry={() => order.refetch()} />;
  }
  return <OrderView slug={slug} order={order.data} locale={shop.data?.locale} timeZone={shop.data?.timezone} />;
}

function mapLink(o: OrderDetail): string | null {
  if (o.delivery.latitude && o.delivery.longitude) return `https://maps.google.com/?q=${o.delivery.latitude},${o.delivery.longitude}`;
  return o.delivery.mapUrl;
}

function statusTone(o: OrderDetail) {
  if (!o.isFinal) return 'yellow' as const;
  return /cancel/i.test(o.status) ? ('red' as const) : ('green' as const);
}

function OrderView({ slug, order: o, locale, timeZone }: { slug: string; order: OrderDetail; locale?: string; timeZone?: string }) {
  const change = useChangeOrderStatus(slug, o.orderCode);
  const statuses = useOrderStatuses(slug);
  const rank = new Map((statuses.data ?? []).map((s, i) => [s.code, i]));
  const nextStatuses = [...o.nextStatuses].sort((a, b) => (rank.get(a.code) ?? 0) - (rank.get(b.code) ?? 0));
  const toast = useToast();
  const [ticket, setTicket] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const money = (v: string) => formatMoney(v, o.currency, locale);
  const map = mapLink(o);
  const name = o.customer.name ?? `+${o.customer.waId}`;

  async function print() {
    setPrinting(true);
    try {
      const text = await fetchTicket(slug, o.orderCode);
      setTicket(text);
      // Let the ticket render before the print dialog takes its picture of the page.
      requestAnimationFrame(() => requestAnimationFrame(() => window.print()));
    } catch (err) {
      toast.error(err instanceof Error ? err.message : errorMessage(err));
    } finally {
      setPrinting(false);
    }
  }

  return (
    <div className="order-page">
      <style>{`@media print { body * { visibility: hidden !important; } .print-ticket, .print-ticket * { visibility: visible !important; } .print-ticket { position: absolute; inset: 0 auto auto 0; display: block !important; font: 12px/1.25 ui-monospace, monospace; white-space: pre; } }`}</style>
      <Link to={`/panel/${slug}/pedidos`} className="mb-2 inline-flex items-center gap-1 rounded text-sm font-medium text-wa-green-dark hover:underline focus-visible:outline-2 focus-visible:outline-wa-green">
        <BackIcon /> Pedidos
      </Link>
      <PageHeader
        title={`Pedido ${o.orderCode}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={statusTone(o)}>{o.statusLabel}</Badge>
            <span>Hecho el {formatDateTime(o.createdAt, timeZone)}</span>
          </span>
        }
        actions={
          <Button variant="secondary" onClick={print} busy={printing} icon={<PrintIcon />}>
            Imprimir ticket
          </Button>
        }
      />

      {nextStatuses.length ? (
        <Card className="mb-4" title="Mover el pedido">
          <div className="flex flex-wrap gap-2">
            {nextStatuses.map((s, i) => (
              <Button
                key={s.code}
                variant={i === 0 ? 'primary' : /cancel/i.test(s.code) ? 'danger' : 'secondary'}
                busy={change.isPending && change.variables === s.code}
                disabled={change.isPending}
                onClick={() => {
                  if (/cancel/i.test(s.code) && !window.confirm(`¿Cancelar el pedido ${o.orderCode}? Le avisamos al cliente y las existencias vuelven al catálogo.`)) return;
                  change.mutate(s.code, {
                    onSuccess: (res) => toast.success(res.customerNotified ? `Listo: ${s.label}. Le avisamos al cliente.` : `Listo: ${s.label}.`),
                    onError: (err) => toast.error(errorMessage(err)),
                  });
                }}
              >
                {/cancel/i.test(s.code) ? 'Cancelar pedido' : s.label}
              </Button>
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-600">Al cliente le llega un mensaje por WhatsApp con cada cambio.</p>
        </Card>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-4">
          <Card title="Productos">
            <table className="w-full text-sm">
              <caption className="sr-only">Productos del pedido</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                  <th scope="col" className="py-2 font-medium">Producto</th>
                  <th scope="col" className="py-2 text-right font-medium">Cantidad</th>
                  <th scope="col" className="hidden py-2 text-right font-medium sm:table-cell">Precio</th>
                  <th scope="col" className="py-2 text-right font-medium">Importe</th>
                </tr>
              </thead>
              <tbody>
                {o.items.map((it) => (
                  <tr key={it.productId} className="border-b border-slate-100">
                    <td className="py-2 pr-2 text-slate-900">{it.productName}</td>
                    <td className="py-2 text-right whitespace-nowrap text-slate-700 tabular-nums">
                      {Number(it.quantity).toLocaleString('es-MX')} {it.unit}
                    </td>
                    <td className="hidden py-2 text-right text-slate-700 tabular-nums sm:table-cell">{money(it.unitPrice)}</td>
                    <td className="py-2 text-right font-medium text-slate-900 tabular-nums">{money(it.lineTotal)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2} className="pt-3 text-left text-base font-semibold sm:hidden">
                    Total
                  </th>
                  <th scope="row" colSpan={3} className="hidden pt-3 text-left text-base font-semibold sm:table-cell">
                    Total
                  </th>
                  <td className="pt-3 text-right text-base font-semibold tabular-nums">{money(o.total)}</td>
                </tr>
              </tfoot>
            </table>
            {o.notes ? <p className="mt-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">Nota: {o.notes}</p> : null}
          </Card>

          <Card title="Historial">
            <ol className="relative ml-2 border-l border-slate-200">
              {o.history.map((h) => (
                <li key={h.id} className="mb-4 ml-4 last:mb-0">
                  <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border-2 border-white bg-wa-green" aria-hidden="true" />
                  <p className="text-sm font-medium text-slate-900">{h.toLabel}</p>
                  <p className="text-xs text-slate-600">
                    {formatDateTime(h.at, timeZone)} · {h.by.name ?? ACTORS[h.by.kind] ?? h.by.kind}
                    {h.by.name && ACTORS[h.by.kind] ? ` (${ACTORS[h.by.kind]!.toLowerCase()})` : ''}
                  </p>
                  {h.note ? <p className="mt-1 text-sm text-slate-700">{h.note}</p> : null}
                </li>
              ))}
            </ol>
          </Card>
        </div>

        <div className="order-first flex flex-col gap-4 lg:order-none">
          <Card title="Cliente">
            <p className="font-medium text-slate-900">{name}</p>
            <p className="text-sm text-slate-600">+{o.customer.waId}</p>
            <div className="mt-3 flex flex-wrap gap-2">
              <Link className="rounded-lg bg-emerald-50 px-3 py-2 text-sm font-medium text-wa-green-dark ring-1 ring-emerald-200 hover:bg-emerald-100 focus-visible:outline-2 focus-visible:outline-wa-green" to={`/panel/${slug}/conversaciones/${o.customer.waId}`}>
                Ver conversación
              </Link>
            </div>
          </Card>
          <Card title="Entrega">
            <p className="text-sm text-slate-800">{o.delivery.address ?? 'Sin dirección escrita'}</p>
            {map ? (
              <a href={map} target="_blank" rel="noreferrer" className="mt-2 inline-flex items-center gap-1 rounded text-sm font-medium text-wa-link hover:underline focus-visible:outline-2 focus-visible:outline-wa-green">
                <PinIcon /> Ver ubicación en el mapa
              </a>
            ) : null}
            {o.requestedText || o.requestedFrom ? (
              <div className="mt-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                <p className="font-medium">Lo pidió para: {o.requestedText ?? ''}</p>
                {o.requestedFrom ? (
                  <p className="text-xs">
                    {formatDateTime(o.requestedFrom, timeZone)}
                    {o.requestedTo ? ` a ${new Intl.DateTimeFormat('es-MX', { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(o.requestedTo))}` : ''}
                  </p>
                ) : null}
              </div>
            ) : null}
          </Card>
        </div>
      </div>
      {ticket ? (
        <pre className="print-ticket hidden" aria-hidden="true">
          {ticket}
        </pre>
      ) : null}
    </div>
  );
}
