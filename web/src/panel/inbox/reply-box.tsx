// Answering as a person: text, a photo (with the text as its caption) or a product card. Outside
// WhatsApp's 24-hour window only approved templates may go: the box says so and offers them.
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../lib/api.ts';
import { formatMoney } from '../lib/format.ts';
import { Button, Modal, useToast } from '../lib/ui/index.ts';
import { useShop } from '../orders/orders-data.ts';
import { uploadImage, useProductSearch, useSendReply, useTemplates, type Conversation, type Product } from './inbox-data.ts';

export function ReplyBox({ slug, conversation }: { slug: string; conversation: Conversation }) {
  const send = useSendReply(slug, conversation.customerId);
  const toast = useToast();
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<{ file: File; preview: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [productsOpen, setProductsOpen] = useState(false);
  const [closedByApi, setClosedByApi] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const windowOpen = conversation.window.open && !closedByApi;

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409 && /24|ventana/i.test(err.message)) setClosedByApi(true);
    toast.error(errorMessage(err));
  };

  async function submit() {
    const body = text.trim();
    if (!body && !photo) return;
    try {
      if (photo) {
        setUploading(true);
        const up = await uploadImage(slug, photo.file);
        await send.mutateAsync({ kind: 'image', uploadId: up.uploadId, ...(body ? { caption: body } : {}) });
        URL.revokeObjectURL(photo.preview);
        setPhoto(null);
      } else {
        await send.mutateAsync({ kind: 'text', text: body });
      }
      setText('');
    } catch (err) {
      fail(err);
    } finally {
      setUploading(false);
    }
  }

  if (!windowOpen) return <ClosedWindow slug={slug} conversation={conversation} />;

  const busy = send.isPending || uploading;
  return (
    <form
      className="border-t border-slate-200 bg-slate-50 px-3 py-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {photo ? (
        <div className="mb-2 flex items-center gap-3 rounded-lg bg-white p-2 ring-1 ring-slate-200">
          <img src={photo.preview} alt="Foto por enviar" className="h-16 w-16 rounded object-cover" />
          <p className="flex-1 text-sm text-slate-700">Se envía con el texto como descripción.</p>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              URL.revokeObjectURL(photo.preview);
              setPhoto(null);
            }}
          >
            Quitar
          </Button>
        </div>
      ) : null}
      <div className="flex items-end gap-2">
        <input
          ref={fileRef}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="sr-only"
          aria-label="Foto para enviar"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            if (!file.type.startsWith('image/')) return toast.error('Elige una imagen (JPG, PNG o WebP).');
            setPhoto({ file, preview: URL.createObjectURL(file) });
          }}
        />
        <button type="button" onClick={() => fileRef.current?.click()} className="grid h-11 w-11 shrink-0 place-items-center rounded-full text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-wa-green" aria-label="Adjuntar foto" title="Adjuntar foto">
          <svg viewBox="0 0 24 24" className="h-6 w-6" aria-hidden="true" fill="currentColor">
            <path d="M21 19V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2zM8.5 13.5l2.5 3 3.5-4.5 4.5 6H5z" />
          </svg>
        </button>
        <button type="button" onClick={() => setProductsOpen(true)} className="grid h-11 w-11 shrink-0 place-items-center rounded-full text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-wa-green" aria-label="Enviar un producto" title="Enviar un producto">
          <svg viewBox="0 0 24 24" className="h-6 w-6" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
            <path d="M3 7l9-4 9 4-9 4zM3 7v10l9 4 9-4V7M12 11v10" />
          </svg>
        </button>
        <label className="min-w-0 flex-1">
          <span className="sr-only">Respuesta</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void submit();
              }
            }}
            rows={1}
            maxLength={4096}
            placeholder={photo ? 'Descripción de la foto (opcional)' : 'Escribe tu respuesta'}
            className="block max-h-40 min-h-11 w-full resize-y rounded-2xl border border-slate-300 bg-white px-4 py-2.5 text-[15px] focus:border-wa-green focus:outline-2 focus:outline-wa-green/40"
          />
        </label>
        <Button type="submit" busy={busy} disabled={!text.trim() && !photo} className="h-11 shrink-0 rounded-full" aria-label="Enviar respuesta">
          Enviar
        </Button>
      </div>
      <ProductPicker
        slug={slug}
        open={productsOpen}
        onClose={() => setProductsOpen(false)}
        onPick={async (p) => {
          setProductsOpen(false);
          try {
            await send.mutateAsync({ kind: 'product', productId: p.id });
            toast.success(`Enviaste ${p.name}.`);
          } catch (err) {
            fail(err);
          }
        }}
      />
    </form>
  );
}

function ProductPicker({ slug, open, onClose, onPick }: { slug: string; open: boolean; onClose: () => void; onPick: (p: Product) => void }) {
  const [q, setQ] = useState('');
  const products = useProductSearch(slug, q.trim(), open);
  const shop = useShop(slug);
  return (
    <Modal open={open} title="Enviar un producto" onClose={onClose}>
      <label className="block">
        <span className="mb-1 block text-sm font-medium text-slate-800">Buscar producto</span>
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Nombre o SKU"
          className="min-h-11 w-full rounded-lg border border-slate-300 px-3 text-[15px] focus:border-wa-green focus:outline-2 focus:outline-wa-green/40"
        />
      </label>
      <ul className="mt-3 flex flex-col gap-1">
        {products.data?.length === 0 ? <li className="py-4 text-center text-sm text-slate-600">No encontramos productos activos con ese nombre.</li> : null}
        {products.data?.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => onPick(p)} className="flex w-full items-center gap-3 rounded-lg p-2 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-wa-green">
              {p.imageUrl ? <img src={p.imageUrl} alt="" className="h-12 w-12 rounded object-cover" /> : <span className="grid h-12 w-12 place-items-center rounded bg-slate-100 text-slate-400" aria-hidden="true">📦</span>}
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-slate-900">{p.name}</span>
                <span className="block text-sm text-slate-600">
                  {formatMoney(p.price, shop.data?.currency, shop.data?.locale)} / {p.unit}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}

/** Outside the 24-hour window: why the box is closed, and the templates that may still go. */
function ClosedWindow({ slug, conversation }: { slug: string; conversation: Conversation }) {
  const templates = useTemplates(slug, true);
  const send = useSendReply(slug, conversation.customerId);
  const toast = useToast();
  const [chosen, setChosen] = useState('');
  const [params, setParams] = useState('');
  const list = templates.data ?? [];
  return (
    <div className="border-t border-slate-200 bg-amber-50 px-4 py-3 text-sm text-amber-950" role="region" aria-label="Respuesta no disponible">
      <p className="font-medium">No puedes escribir un mensaje libre a este cliente.</p>
      <p className="mt-0.5">Pasaron más de 24 horas desde su último mensaje y WhatsApp solo permite enviar plantillas aprobadas hasta que vuelva a escribir.</p>
      {templates.isPending ? null : list.length === 0 ? (
        <p className="mt-2">Este negocio todavía no tiene plantillas aprobadas configuradas, así que por ahora no se le puede escribir. Cuando el cliente escriba de nuevo, vas a poder responderle.</p>
      ) : (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!chosen) return;
            try {
              await send.mutateAsync({ kind: 'template', name: chosen, params: params.split('\n').map((p) => p.trim()).filter(Boolean) });
              toast.success('Enviamos la plantilla.');
              setParams('');
            } catch (err) {
              toast.error(errorMessage(err));
            }
          }}
        >
          <label className="flex flex-col gap-1">
            <span className="text-xs font-medium">Plantilla</span>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} className="min-h-10 rounded-lg border border-amber-300 bg-white px-2">
              <option value="">Elige una plantilla</option>
              {list.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-w-48 flex-1 flex-col gap-1">
            <span className="text-xs font-medium">Valores de la plantilla (uno por línea)</span>
            <textarea value={params} onChange={(e) => setParams(e.target.value)} rows={2} className="rounded-lg border border-amber-300 bg-white px-2 py-1" />
          </label>
          <Button type="submit" size="sm" busy={send.isPending} disabled={!chosen}>
            Enviar plantilla
          </Button>
        </form>
      )}
    </div>
  );
}
