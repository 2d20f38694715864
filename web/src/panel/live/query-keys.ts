// Query keys of the panel's board, inbox and dashboard, in one place so live events invalidate
// exactly what they change.
export const keys = {
  statuses: (slug: string) => ['order-statuses', slug] as const,
  shop: (slug: string) => ['shop', slug] as const,
  counts: (slug: string, filters?: object) => (filters ? (['order-counts', slug, filters] as const) : (['order-counts', slug] as const)),
  boardColumn: (slug: string, status?: string, filters?: object) =>
    status === undefined ? (['board', slug] as const) : (['board', slug, status, filters ?? {}] as const),
  order: (slug: string, code?: string) => (code === undefined ? (['order', slug] as const) : (['order', slug, code] as const)),
  customerOrders: (slug: string, waId?: string) => (waId === undefined ? (['customer-orders', slug] as const) : (['customer-orders', slug, waId] as const)),
  conversations: (slug: string, filters?: object) => (filters ? (['conversations', slug, filters] as const) : (['conversations', slug] as const)),
  conversation: (slug: string, customerId?: string) => (customerId === undefined ? (['conversation', slug] as const) : (['conversation', slug, customerId] as const)),
  messages: (slug: string, customerId?: string) => (customerId === undefined ? (['messages', slug] as const) : (['messages', slug, customerId] as const)),
  unread: (slug: string) => ['unread', slug] as const,
  reports: (slug: string) => ['reports', slug] as const,
  usage: (slug: string) => ['usage', slug] as const,
};
