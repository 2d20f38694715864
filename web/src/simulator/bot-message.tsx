// A message the business sent, rendered as the customer would see it on the phone.
import { Bubble, formatTime } from './bubble.tsx';
import { LinkIcon, ListIcon, ReplyIcon } from './icons.tsx';
import { t } from './simulator.messages.ts';
import { WhatsAppText } from './whatsapp-format.tsx';
import type { InteractiveWire, OutboundWire, ReplyChoice } from './wire-types.ts';

type Props = {
  at: string;
  message: OutboundWire;
  onReply: (choice: ReplyChoice) => void;
  onOpenList: (interactive: InteractiveWire, opener: HTMLElement) => void;
};

function mediaSource(media: { id?: string; link?: string } | undefined, mediaUrl: string | undefined): string | undefined {
  return media?.link ?? mediaUrl;
}

function InteractiveContent({ interactive }: { interactive: InteractiveWire }) {
  const header = interactive.header;
  return (
    <>
      {header?.type === 'text' && header.text && (
        <p className="mb-1 font-semibold">
          <WhatsAppText text={header.text} />
        </p>
      )}
      {header?.type === 'image' && header.image?.link && (
        <img src={header.image.link} alt={t.image} className="mb-1.5 max-h-60 w-full rounded-md object-cover" />
      )}
      {interactive.body && <WhatsAppText text={interactive.body.text} />}
      {interactive.footer && (
        <p className="mt-1 text-[13px] text-wa-muted">
          <WhatsAppText text={interactive.footer.text} />
        </p>
      )}
    </>
  );
}

export function BotMessage({ at, message, onReply, onOpenList }: Props) {
  const time = <time dateTime={at}>{formatTime(at)}</time>;
  const interactive = message.interactive;

  if (message.type === 'interactive' && interactive?.type === 'button') {
    const buttons = interactive.action?.buttons ?? [];
    return (
      <Bubble
        side="bot"
        meta={time}
        after={
          <div className="grid gap-0.5" role="group" aria-label={interactive.body?.text.slice(0, 80)}>
            {buttons.map((b) => (
              <button
                key={b.reply.id}
                type="button"
                onClick={() => onReply({ kind: 'button_reply', id: b.reply.id, title: b.reply.title })}
                className="flex items-center justify-center gap-1.5 rounded-lg bg-white py-2 text-[14px] font-medium text-[#00a5f4] shadow-[0_1px_0.5px_rgba(11,20,26,0.13)] hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-wa-green active:bg-slate-100"
              >
                <ReplyIcon className="h-4 w-4" />
                {b.reply.title}
              </button>
            ))}
          </div>
        }
      >
        <InteractiveContent interactive={interactive} />
      </Bubble>
    );
  }

  if (message.type === 'interactive' && interactive?.type === 'list') {
    return (
      <Bubble
        side="bot"
        meta={time}
        bottom={
          <button
            type="button"
            onClick={(e) => onOpenList(interactive, e.currentTarget)}
            className="-mx-2.5 mt-1 -mb-1 flex w-[calc(100%+1.25rem)] items-center justify-center gap-2 rounded-b-lg border-t border-black/10 py-2.5 text-[14px] font-medium text-[#00a5f4] hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-wa-green"
          >
            <ListIcon className="h-4 w-4" />
            {interactive.action?.button ?? ''}
          </button>
        }
      >
        <InteractiveContent interactive={interactive} />
      </Bubble>
    );
  }

  if (message.type === 'interactive' && interactive?.type === 'cta_url') {
    const params = interactive.action?.parameters;
    return (
      <Bubble
        side="bot"
        meta={time}
        after={
          params?.url ? (
            <a
              href={params.url}
              target="_blank"
              rel="noreferrer noopener"
              className="flex items-center justify-center gap-1.5 rounded-lg bg-white py-2 text-[14px] font-medium text-[#00a5f4] shadow-[0_1px_0.5px_rgba(11,20,26,0.13)]"
            >
              <LinkIcon className="h-4 w-4" />
              {params.display_text ?? t.openLink}
            </a>
          ) : undefined
        }
      >
        <InteractiveContent interactive={interactive} />
      </Bubble>
    );
  }

  if (message.type === 'image') {
    const src = mediaSource(message.image, message.mediaUrl);
    const caption = message.image?.caption;
    return (
      <Bubble side="bot" meta={time}>
        {src ? (
          <img src={src} alt={caption ?? t.image} className="-mx-1 mb-1 max-h-72 w-[calc(100%+0.5rem)] rounded-md bg-slate-100 object-cover" />
        ) : (
          <p className="text-wa-muted">{t.image}</p>
        )}
        {caption && <WhatsAppText text={caption} />}
      </Bubble>
    );
  }

  if (message.type === 'text' && message.text) {
    return (
      <Bubble side="bot" meta={time}>
        <WhatsAppText text={message.text.body} />
      </Bubble>
    );
  }

  if (message.type === 'template' && message.template) {
    const params = (message.template.components ?? [])
      .flatMap((c) => c.parameters ?? [])
      .map((p) => p.text)
      .filter((p): p is string => Boolean(p));
    return (
      <Bubble side="bot" meta={time}>
        <p className="text-[13px] text-wa-muted">{t.template(message.template.name)}</p>
        {params.length > 0 && <p>{params.join(' · ')}</p>}
      </Bubble>
    );
  }

  return (
    <Bubble side="bot" meta={time}>
      <p className="text-wa-muted italic">{t.otherMessage(message.type)}</p>
    </Bubble>
  );
}
