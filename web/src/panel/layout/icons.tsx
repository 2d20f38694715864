// Outline icons of the panel's navigation (24×24, currentColor).
type P = { className?: string };
const svg = (d: string) =>
  function Icon({ className = 'h-6 w-6' }: P) {
    return (
      <svg viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d={d} />
      </svg>
    );
  };

export const HomeIcon = svg('M3 11.5 12 4l9 7.5M5.5 9.5V20h13V9.5M10 20v-5h4v5');
export const OrdersIcon = svg('M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h3');
export const ChatIcon = svg('M4 5h16v11H9l-5 4zM8 9h8M8 12h5');
export const CatalogIcon = svg('M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10');
export const SparkIcon = svg('M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5 18 18M6 18l2.5-2.5M15.5 8.5 18 6');
export const SettingsIcon = svg('M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM19.4 13a7.5 7.5 0 0 0 0-2l2-1.6-2-3.4-2.4 1a7.6 7.6 0 0 0-1.7-1L15 3.5h-4l-.4 2.5a7.6 7.6 0 0 0-1.7 1l-2.4-1-2 3.4 2 1.6a7.5 7.5 0 0 0 0 2l-2 1.6 2 3.4 2.4-1a7.6 7.6 0 0 0 1.7 1l.4 2.5h4l.4-2.5a7.6 7.6 0 0 0 1.7-1l2.4 1 2-3.4z');
export const FlagIcon = svg('M5 21V4M5 4h11l-2 4 2 4H5');
export const MenuIcon = svg('M4 7h16M4 12h16M4 17h16');
export const LogoutIcon = svg('M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10');
export const ShieldIcon = svg('M12 3 4 6v6c0 4.5 3.4 8 8 9 4.6-1 8-4.5 8-9V6z');
export const CopyIcon = svg('M9 9h10v11H9zM5 15V4h10');
export const PlusIcon = svg('M12 5v14M5 12h14');
export const SearchIcon = svg('M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4');
export const PhotoIcon = svg('M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9h.01');
