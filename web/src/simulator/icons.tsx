// Inline icons (decorative: the buttons carrying them have their own accessible names).
type IconProps = { className?: string };
const base = { 'aria-hidden': true, focusable: false, fill: 'currentColor', viewBox: '0 0 24 24' } as const;

export const SendIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M3.4 20.4 21 12 3.4 3.6l-.01 6.53L15.6 12 3.39 13.87z" />
  </svg>
);
export const ListIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M4 6.5h2v2H4zm4 0h12v2H8zM4 11h2v2H4zm4 0h12v2H8zm-4 4.5h2v2H4zm4 0h12v2H8z" />
  </svg>
);
export const ReplyIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z" />
  </svg>
);
export const PinIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" />
  </svg>
);
export const MicIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z" />
  </svg>
);
export const StickerIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M12 2a10 10 0 1 0 10 10A10 10 0 0 0 12 2zm-3.5 7A1.5 1.5 0 1 1 7 10.5 1.5 1.5 0 0 1 8.5 9zm7 0a1.5 1.5 0 1 1-1.5 1.5A1.5 1.5 0 0 1 15.5 9zM12 18a6 6 0 0 1-5.2-3h10.4A6 6 0 0 1 12 18z" />
  </svg>
);
export const CameraIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M9 3 7.17 5H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.17L15 3zm3 15a5 5 0 1 1 5-5 5 5 0 0 1-5 5zm0-2a3 3 0 1 0-3-3 3 3 0 0 0 3 3z" />
  </svg>
);
export const CloseIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z" />
  </svg>
);
export const LinkIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M14 3v2h3.59l-9.83 9.83 1.41 1.41L19 6.41V10h2V3zm5 16H5V5h7V3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7h-2z" />
  </svg>
);

/** Delivery ticks of the customer's own messages. */
export function Ticks({ state }: { state: 'pending' | 'delivered' | 'read' | 'failed' }) {
  if (state === 'pending') {
    return (
      <svg {...base} viewBox="0 0 16 16" className="h-3.5 w-3.5 text-wa-muted">
        <path d="M8 1.5A6.5 6.5 0 1 0 14.5 8 6.5 6.5 0 0 0 8 1.5zm0 11.7A5.2 5.2 0 1 1 13.2 8 5.2 5.2 0 0 1 8 13.2zM8.6 4.5H7.4v4l3.3 2 .6-1-2.7-1.6z" />
      </svg>
    );
  }
  if (state === 'failed') {
    return (
      <svg {...base} viewBox="0 0 16 16" className="h-3.5 w-3.5 text-red-600">
        <path d="M8 1a7 7 0 1 0 7 7 7 7 0 0 0-7-7zm.75 10.5h-1.5V10h1.5zm0-3h-1.5v-4h1.5z" />
      </svg>
    );
  }
  return (
    <svg {...base} viewBox="0 0 18 12" className={`h-3 w-4 ${state === 'read' ? 'text-wa-tick' : 'text-wa-muted'}`}>
      <path d="M17.4 1.1 16.3.2a.4.4 0 0 0-.55.07L8.6 9.1 7.3 7.9l-.9 1.1 2.1 1.95a.4.4 0 0 0 .57-.04l8.38-9.27a.4.4 0 0 0-.05-.54zM12.5 1.1 11.4.2a.4.4 0 0 0-.56.07L3.7 9.1.9 6.5a.4.4 0 0 0-.56.02l-.3.3a.4.4 0 0 0 .02.56l3.42 3.2a.4.4 0 0 0 .57-.04l8.5-8.9a.4.4 0 0 0-.05-.54z" />
    </svg>
  );
}
