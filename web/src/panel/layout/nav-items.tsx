// The company's navigation. `badge` renders next to the label (live counters of new orders,
// unread chats). ownerOnly entries are hidden from staff.
import type { ComponentType } from 'react';
import { NewOrdersBadge, UnreadChatsBadge } from '../live/live-updates.tsx';
import { CatalogIcon, ChatIcon, FlagIcon, HomeIcon, OrdersIcon, SettingsIcon, SparkIcon } from './icons.tsx';

export type NavItem = {
  /** Under /panel/:slug ('' is the dashboard). */
  to: string;
  label: string;
  short: string;
  icon: ComponentType<{ className?: string }>;
  ownerOnly?: boolean;
  /** Shown in the phone's bottom bar (the rest go under "Más"). */
  primary?: boolean;
  badge?: ComponentType<{ slug: string }>;
};

export const navItems: NavItem[] = [
  { to: '', label: 'Resumen', short: 'Inicio', icon: HomeIcon, primary: true },
  { to: 'pedidos', label: 'Pedidos', short: 'Pedidos', icon: OrdersIcon, primary: true, badge: NewOrdersBadge },
  { to: 'conversaciones', label: 'Conversaciones', short: 'Chats', icon: ChatIcon, primary: true, badge: UnreadChatsBadge },
  { to: 'catalogo', label: 'Catálogo', short: 'Catálogo', icon: CatalogIcon, primary: true },
  { to: 'inicio', label: 'Primeros pasos', short: 'Primeros pasos', icon: FlagIcon, ownerOnly: true },
  { to: 'asistente', label: 'Asistente', short: 'Asistente', icon: SparkIcon, ownerOnly: true },
  { to: 'ajustes', label: 'Ajustes', short: 'Ajustes', icon: SettingsIcon, ownerOnly: true },
];
