// How the assistant's log reads in Spanish: outcomes, why the menu answered, tool names, and a
// reply as WhatsApp's wire format so the simulator's bubbles can draw it.
import type { OutboundWire } from '../../simulator/wire-types.ts';

export const MODES = [
  { value: 'menu', label: 'Menú', explain: 'El bot responde con su menú de opciones y entiende pedidos simples. No usa IA.' },
  { value: 'ai', label: 'IA', explain: 'El asistente con IA conversa libremente con cada cliente y arma sus pedidos con tus productos y precios.' },
  { value: 'hybrid', label: 'Híbrido', explain: 'El menú atiende lo que entiende; lo que no (preguntas, charla, pedidos complejos) lo responde la IA.' },
] as const;

export const modeLabel = (m: string) => MODES.find((x) => x.value === m)?.label ?? m;

export const OUTCOMES: Record<string, { label: string; tone: 'green' | 'yellow' | 'red' | 'blue' | 'gray' }> = {
  answered: { label: 'Respondió la IA', tone: 'green' },
  confirmed: { label: 'Confirmó el pedido', tone: 'blue' },
  fallback: { label: 'Respaldo del menú', tone: 'yellow' },
  budget: { label: 'Sin tokens del mes: respondió el menú', tone: 'red' },
  abuse: { label: 'Mensaje ofensivo: respuesta breve', tone: 'gray' },
  menu: { label: 'Respondió el menú', tone: 'gray' },
  transcribed: { label: 'Nota de voz transcrita', tone: 'blue' },
  transcription_failed: { label: 'No se pudo transcribir la nota de voz', tone: 'yellow' },
};

export const outcomeOf = (o: string) => OUTCOMES[o] ?? { label: o, tone: 'gray' as const };

/** Why the menu answered, in the owner's words (the technical detail follows in small print). */
export function reasonText(reason: string | null): string | null {
  if (!reason) return null;
  const [kind] = reason.split(':');
  const known: Record<string, string> = {
    timeout: 'el modelo tardó demasiado en responder',
    rate_limited: 'el proveedor del modelo pidió esperar (límite de uso, 429)',
    model_error: 'el proveedor del modelo respondió con un error',
    invalid_output: 'el modelo respondió algo que no se pudo leer',
    invented_price: 'el modelo mencionó un precio que no salió de tu catálogo, así que no se envió',
    error: 'ocurrió un error inesperado',
    'no model': 'no hay un modelo configurado',
    'stale confirmation': 'el cliente confirmó un resumen que ya había cambiado',
  };
  if (reason.startsWith('monthly token budget')) return 'se acabaron los tokens del mes de tu plan';
  return known[kind ?? ''] ?? known[reason] ?? reason;
}

export const TOOL_NAMES: Record<string, string> = {
  search_products: 'Buscó productos',
  get_product: 'Consultó un producto',
  add_to_cart: 'Agregó al carrito',
  view_cart: 'Revisó el carrito',
  remove_from_cart: 'Quitó del carrito',
  set_delivery: 'Guardó la entrega',
  create_order: 'Pedido',
  order_status: 'Estado de un pedido',
  repeat_last_order: 'Repitió el último pedido',
  business_info: 'Datos del negocio',
  handoff_to_human: 'Pasó a una persona',
  send_options: 'Ofreció opciones',
};

/** "850 ms", "3,2 s". */
export const latencyText = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toLocaleString('es-MX', { maximumFractionDigits: 1 })} s`);

export type ToolCall = { name: string; args: unknown; ok: boolean; error?: string | undefined; result?: unknown };

/** A tool call's list from the log (stored as JSON). */
export const toolCallsOf = (raw: unknown): ToolCall[] =>
  Array.isArray(raw) ? raw.filter((c): c is ToolCall => typeof c === 'object' && c !== null && typeof (c as { name?: unknown }).name === 'string') : [];

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The arguments as one readable line: `query: "garrafón", qty: 2`. */
export function argsText(args: unknown): string {
  if (args === null || args === undefined) return '—';
  if (typeof args !== 'object') return short(String(args), 160);
  const parts = Object.entries(args as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'string' ? `"${v}"` : JSON.stringify(v)}`);
  return parts.length ? short(parts.join(', '), 160) : '—';
}

/** A tool's result in a few words (how many products, the total, whether it was placed…). */
export function resultText(c: ToolCall): string {
  if (!c.ok) return `Error: ${c.error ?? 'no se pudo'}`;
  const r = c.result;
  if (r === null || r === undefined) return 'Listo';
  if (typeof r !== 'object') return short(String(r), 160);
  const o = r as Record<string, unknown>;
  if (Array.isArray(o.products)) {
    const names = (o.products as { name?: string; price?: string }[]).slice(0, 3).map((p) => (p.price ? `${p.name} (${p.price})` : p.name)).join(', ');
    return o.products.length === 0 ? 'Sin resultados' : `${o.products.length} ${o.products.length === 1 ? 'producto' : 'productos'}: ${names}`;
  }
  if (typeof o.placed === 'boolean') return o.placed ? `Pedido registrado${typeof o.code === 'string' ? ` ${o.code}` : ''}` : 'Resumen mostrado; espera la confirmación del cliente';
  if (typeof o.total === 'string') return `Total ${o.total}`;
  return short(JSON.stringify(r), 160);
}

/** The API's reply content as the WhatsApp message the customer would get. */
export function wireOf(reply: unknown): OutboundWire | null {
  if (!reply || typeof reply !== 'object') return null;
  const r = reply as { kind?: string } & Record<string, unknown>;
  switch (r.kind) {
    case 'text':
      return { type: 'text', text: { body: String(r.body ?? '') } };
    case 'buttons': {
      const buttons = (r.buttons as { id: string; title: string }[] | undefined) ?? [];
      return {
        type: 'interactive',
        interactive: {
          type: 'button',
          ...(typeof r.header === 'string' ? { header: { type: 'text', text: r.header } } : typeof r.headerImageUrl === 'string' ? { header: { type: 'image', image: { link: r.headerImageUrl } } } : {}),
          body: { text: String(r.body ?? '') },
          ...(typeof r.footer === 'string' ? { footer: { text: r.footer } } : {}),
          action: { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
        },
      };
    }
    case 'list':
      return {
        type: 'interactive',
        interactive: {
          type: 'list',
          ...(typeof r.header === 'string' ? { header: { type: 'text', text: r.header } } : {}),
          body: { text: String(r.body ?? '') },
          ...(typeof r.footer === 'string' ? { footer: { text: r.footer } } : {}),
          action: { button: String(r.button ?? 'Ver opciones'), sections: (r.sections as { title?: string; rows: { id: string; title: string; description?: string }[] }[] | undefined) ?? [] },
        },
      };
    case 'image':
      return { type: 'image', image: { link: String(r.link ?? ''), ...(typeof r.caption === 'string' ? { caption: r.caption } : {}) } };
    case 'template':
      return { type: 'template', template: { name: String(r.name ?? ''), components: [{ type: 'body', parameters: ((r.params as string[] | undefined) ?? []).map((text) => ({ type: 'text', text })) }] } };
    default:
      return null;
  }
}
