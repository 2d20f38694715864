// A message the fake customer sent, with WhatsApp's ticks: clock while the platform's webhook
// is in flight, grey ticks once it answered 200, blue once the business marked it read.
import { Bubble, formatTime } from './bubble.tsx';
import { MicIcon, PinIcon, Ticks } from './icons.tsx';
import { t } from './simulator.messages.ts';
import type { ChatItem } from './wire-types.ts';

type CustomerItem = Extract<ChatItem, { from: 'customer' }>;

function tickState(item: CustomerItem): 'pending' | 'delivered' | 'read' | 'failed' {
  if (item.read) return 'read';
  if (item.delivery === undefined) return 'pending';
  return item.delivery === 200 ? 'delivered' : 'failed';
}

const TICK_LABEL = { pending: t.pending, delivered: t.delivered, read: t.read } as const;

function Content({ item }: { item: CustomerItem }) {
  const m = item.message;
  switch (m.type) {
    case 'text':
      return <span className="whitespace-pre-wrap break-words">{m.text?.body}</span>;
    case 'interactive': {
      const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
      return <span className="whitespace-pre-wrap break-words">{reply?.title}</span>;
    }
    case 'location':
      return (
        <span className="-mx-1 flex min-w-52 flex-col overflow-hidden rounded-md bg-white/60">
          <span className="grid h-24 place-items-center bg-[linear-gradient(135deg,#cfe8d5_25%,#e3efe5_25%,#e3efe5_50%,#cfe8d5_50%,#cfe8d5_75%,#e3efe5_75%)] bg-[length:24px_24px]">
            <PinIcon className="h-9 w-9 text-red-600 drop-shadow" />
          </span>
          <span className="px-2 py-1.5">
            <span className="block font-medium">{m.location?.name ?? t.locationShort}</span>
            {m.location?.address && <span className="block text-[12.5px] text-wa-muted">{m.location.address}</span>}
          </span>
        </span>
      );
    case 'sticker':
      return (
        <span role="img" aria-label={t.sticker} className="block text-7xl leading-none">
          🐱
        </span>
      );
    case 'audio':
      return (
        <span className="flex min-w-52 items-center gap-2 py-1" aria-label={t.voiceNote}>
          <span className="grid h-9 w-9 shrink-0 place-items-center rounded-full bg-wa-green text-white">
            <MicIcon className="h-5 w-5" />
          </span>
          <span aria-hidden className="flex h-6 flex-1 items-center gap-[3px]">
            {[5, 9, 14, 7, 18, 11, 6, 15, 20, 9, 5, 12, 16, 8, 4, 10, 13, 6].map((h, i) => (
              <span key={i} className="w-[3px] rounded-full bg-wa-muted/70" style={{ height: `${h}px` }} />
            ))}
          </span>
          <span className="text-[12px] text-wa-muted">0:07</span>
        </span>
      );
    case 'image':
      return (
        <span className="-mx-1 grid h-40 min-w-52 place-items-center rounded-md bg-gradient-to-br from-amber-200 via-orange-300 to-rose-300 text-5xl">
          <span role="img" aria-label={t.photo}>
            🌮
          </span>
        </span>
      );
    case 'reaction':
      return <span className="text-wa-muted italic">{t.reactedWith(m.reaction?.emoji ?? '')}</span>;
    default:
      return <span className="text-wa-muted italic">{t.unsupportedSent}</span>;
  }
}

export function CustomerMessage({ item }: { item: CustomerItem }) {
  const state = tickState(item);
  const stateLabel = state === 'failed' ? t.notDelivered(item.delivery ?? 0) : TICK_LABEL[state];
  return (
    <Bubble
      side="customer"
      bare={item.message.type === 'sticker'}
      meta={
        <>
          <time dateTime={item.at}>{formatTime(item.at)}</time>
          <span role="img" aria-label={stateLabel} title={stateLabel}>
            <Ticks state={state} />
          </span>
        </>
      }
    >
      <Content item={item} />
    </Bubble>
  );
}
