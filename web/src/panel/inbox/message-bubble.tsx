// One message of a conversation, WhatsApp-style: the customer's on the left, the shop's (bot or
// staff) on the right with its delivery ticks; photos inline, voice notes playable, documents
// downloadable, pins with a map link.
import { Ticks } from '../../simulator/icons.tsx';
import { WhatsAppText } from '../../simulator/whatsapp-format.tsx';
import type { Message } from './inbox-data.ts';

const time = (at: string) => new Date(at).toLocaleTimeString('es-MX', { hour: '2-digit', minute: '2-digit' });

const STATUS_LABEL: Record<string, string> = { pending: 'Enviando', sent: 'Enviado', delivered: 'Entregado', read: 'Leído', failed: 'No se pudo enviar' };

function tickState(status: string): 'pending' | 'delivered' | 'read' | 'failed' | 'sent' {
  if (status === 'read' || status === 'delivered' || status === 'failed' || status === 'sent') return status;
  return 'pending';
}

function SentTick() {
  return (
    <svg viewBox="0 0 12 11" className="h-3 w-3 text-wa-muted" aria-hidden="true" fill="currentColor">
      <path d="M11.1.6 10.1-.1a.4.4 0 0 0-.55.07L3.7 8.1.9 5.5a.4.4 0 0 0-.56.02l-.3.3a.4.4 0 0 0 .02.56l3.42 3.2a.4.4 0 0 0 .57-.04l7.1-8.4a.4.4 0 0 0-.05-.54z" />
    </svg>
  );
}

function MediaBody({ m }: { m: Message }) {
  const media = m.media;
  if (!media) return null;
  const kind = media.kind;
  if (!media.url) {
    const why = media.status === 'failed' || media.status === 'unavailable' ? 'No se pudo descargar el archivo' : 'Descargando el archivo…';
    return <p className="text-sm text-wa-muted italic">{kind === 'audio' ? '🎤 ' : kind === 'image' ? '📷 ' : '📎 '}{why}</p>;
  }
  if (kind === 'image' || kind === 'sticker') {
    return (
      <a href={media.url} target="_blank" rel="noreferrer" className="block">
        <img src={media.url} alt={m.text ? `Foto del cliente: ${m.text}` : 'Foto del cliente'} loading="lazy" className={`${kind === 'sticker' ? 'h-32 w-32 object-contain' : 'max-h-72 w-full max-w-xs rounded-md object-cover'} bg-black/5`} />
      </a>
    );
  }
  if (kind === 'audio') return <audio controls preload="none" src={media.url} className="w-64 max-w-full" aria-label="Nota de voz del cliente" />;
  if (kind === 'video') return <video controls preload="none" src={media.url} className="max-h-72 max-w-xs rounded-md" aria-label="Video del cliente" />;
  const size = media.sizeBytes ? ` · ${Math.max(1, Math.round(media.sizeBytes / 1024))} KB` : '';
  return (
    <a href={media.url} download className="flex items-center gap-2 rounded-md bg-black/5 px-3 py-2 text-sm text-wa-ink hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-wa-green">
      <span aria-hidden="true">📄</span>
      <span className="underline">Descargar documento</span>
      <span className="text-xs text-wa-muted">{(media.mimeType ?? '').split('/')[1] ?? ''}{size}</span>
    </a>
  );
}

export function MessageBubble({ m }: { m: Message }) {
  const mine = m.direction === 'outbound';
  const state = tickState(m.status);
  // Photos, videos and documents may carry a caption; a voice note's or sticker's text is a placeholder.
  const caption = m.media && m.text && !['audio', 'sticker'].includes(m.media.kind) ? m.text : null;
  return (
    <li className={`flex ${mine ? 'justify-end' : 'justify-start'}`} data-message-id={m.id}>
      <div
        className={`relative max-w-[85%] rounded-lg px-2.5 pt-1.5 pb-1 text-[14.2px] leading-[19px] text-wa-ink shadow-[0_1px_0.5px_rgba(11,20,26,0.13)] sm:max-w-[70%] ${
          mine ? 'rounded-tr-none bg-wa-out' : 'rounded-tl-none bg-white'
        }`}
      >
        {mine && (m.answeredByAi || m.sentBy) ? (
          <p className="mb-0.5 text-[11px] font-medium text-wa-green">{m.answeredByAi ? '🤖 Respondió el asistente con IA' : `Enviado por ${m.sentBy?.name ?? 'el equipo'}`}</p>
        ) : null}
        {m.media ? <MediaBody m={m} /> : null}
        {m.transcript ? (
          <p className="mt-1 max-w-xs text-sm">
            <span className="text-wa-muted">Transcripción: </span>“{m.transcript}”
          </p>
        ) : null}
        {m.imageUrl ? <img src={m.imageUrl} alt="Imagen enviada" loading="lazy" className="mb-1 max-h-72 w-full max-w-xs rounded-md object-cover" /> : null}
        {m.location ? (
          <a href={`https://maps.google.com/?q=${m.location.latitude},${m.location.longitude}`} target="_blank" rel="noreferrer" className="flex items-start gap-2 rounded-md bg-black/5 p-2 text-sm hover:bg-black/10">
            <span aria-hidden="true" className="text-xl">📍</span>
            <span>
              <span className="block font-medium">{m.location.name ?? 'Ubicación'}</span>
              {m.location.address ? <span className="block text-xs text-wa-muted">{m.location.address}</span> : null}
              <span className="text-xs text-wa-link underline">Ver en el mapa</span>
            </span>
          </a>
        ) : null}
        {m.text && !m.location && (!m.media || caption) ? <WhatsAppText text={m.text} /> : null}
        {!m.text && !m.media && !m.location && !m.imageUrl ? <span className="text-sm text-wa-muted italic">({m.type})</span> : null}
        <span className="float-right mt-1 ml-3 flex translate-y-0.5 items-center gap-1 text-[11px] text-wa-muted">
          <time dateTime={m.createdAt}>{time(m.createdAt)}</time>
          {mine ? (
            <span role="img" aria-label={STATUS_LABEL[m.status] ?? m.status} title={m.error?.title ?? STATUS_LABEL[m.status] ?? m.status}>
              {state === 'sent' ? <SentTick /> : <Ticks state={state} />}
            </span>
          ) : null}
        </span>
        <span className="clear-both block" />
        {m.status === 'failed' && m.error?.title ? <p className="mt-1 text-xs text-red-700">{m.error.title}</p> : null}
      </div>
    </li>
  );
}
