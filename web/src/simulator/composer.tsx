// The bottom of the phone: quick actions (location, sticker, voice note, photo) and the text box.
import { useState, type FormEvent, type ReactNode } from 'react';
import { CameraIcon, MicIcon, PinIcon, SendIcon, StickerIcon } from './icons.tsx';
import { t } from './simulator.messages.ts';

export type QuickAction = 'location' | 'sticker' | 'audio' | 'image';

type Props = {
  disabled: boolean;
  onSendText: (text: string) => void;
  onQuickAction: (action: QuickAction) => void;
};

const QUICK: Array<{ action: QuickAction; label: string; short: string; icon: ReactNode }> = [
  { action: 'location', label: t.sendLocation, short: t.locationShort, icon: <PinIcon className="h-4 w-4 text-red-500" /> },
  { action: 'sticker', label: t.sendSticker, short: t.stickerShort, icon: <StickerIcon className="h-4 w-4 text-amber-500" /> },
  { action: 'audio', label: t.sendVoiceNote, short: t.voiceShort, icon: <MicIcon className="h-4 w-4 text-wa-green" /> },
  { action: 'image', label: t.sendPhoto, short: t.photoShort, icon: <CameraIcon className="h-4 w-4 text-sky-600" /> },
];

export function Composer({ disabled, onSendText, onQuickAction }: Props) {
  const [text, setText] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = text.trim();
    if (!value || disabled) return;
    onSendText(value);
    setText('');
  }

  return (
    <div className="border-t border-black/5 bg-[#f0f2f5] px-2 pt-1.5 pb-2">
      <div className="mb-1.5 flex gap-1.5 overflow-x-auto" role="group" aria-label={t.quickActions}>
        {QUICK.map((q) => (
          <button
            key={q.action}
            type="button"
            aria-label={q.label}
            title={q.label}
            disabled={disabled}
            onClick={() => onQuickAction(q.action)}
            className="flex shrink-0 items-center gap-1 rounded-full bg-white px-2.5 py-1 text-[12.5px] text-wa-ink shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-wa-green disabled:opacity-50"
          >
            {q.icon}
            <span aria-hidden>{q.short}</span>
          </button>
        ))}
      </div>
      <form onSubmit={submit} className="flex items-end gap-2">
        <label className="sr-only" htmlFor="sim-message">
          {t.message}
        </label>
        <input
          id="sim-message"
          type="text"
          autoComplete="off"
          value={text}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          placeholder={t.messagePlaceholder}
          maxLength={4096}
          className="h-10 min-w-0 flex-1 rounded-full border-none bg-white px-4 text-[15px] text-wa-ink shadow-sm outline-none placeholder:text-wa-muted focus-visible:ring-2 focus-visible:ring-wa-green/50 disabled:opacity-60"
        />
        <button
          type="submit"
          aria-label={t.send}
          title={t.send}
          disabled={disabled || text.trim() === ''}
          className="grid h-10 w-10 shrink-0 place-items-center rounded-full bg-wa-green text-white shadow-sm hover:bg-wa-green-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-wa-green disabled:bg-slate-400"
        >
          <SendIcon className="h-5 w-5" />
        </button>
      </form>
    </div>
  );
}
