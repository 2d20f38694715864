// The inbox's data: wire types from the API's zod schemas (type imports only) and query hooks.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { conversationListResponse, messageListResponse, replyBody, templatesResponse, uploadResponse } from '../../../../src/modules/conversations-api/conversations-api.schemas.ts';
import type { productListSchema } from '../../../../src/modules/catalog/catalog.api-schemas.ts';
import { apiFetch } from '../lib/api.ts';
import { keys } from '../live/query-keys.ts';

export type ConversationList = z.infer<typeof conversationListResponse>;
export type Conversation = ConversationList['conversations'][number];
export type MessagePage = z.infer<typeof messageListResponse>;
export type Message = MessagePage['messages'][number];
export type Reply = z.input<typeof replyBody>;
export type Template = z.infer<typeof templatesResponse>['templates'][number];
export type Product = z.infer<typeof productListSchema>['products'][number];

export type InboxFilter = 'todas' | 'sin-leer' | 'persona';

const base = (slug: string) => `/api/companies/${encodeURIComponent(slug)}`;

export function useConversations(slug: string, filter: InboxFilter, q: string) {
  const params = new URLSearchParams({ limit: '30' });
  if (filter === 'sin-leer') params.set('unread', 'true');
  if (filter === 'persona') params.set('needsPerson', 'true');
  if (q) params.set('q', q);
  return useInfiniteQuery({
    queryKey: keys.conversations(slug, { filter, q }),
    queryFn: ({ pageParam, signal }) => {
      const p = new URLSearchParams(params);
      if (pageParam) p.set('cursor', pageParam);
      return apiFetch<ConversationList>(`${base(slug)}/conversations?${p}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

/** The conversation of a WhatsApp number (the URL names the customer by number). */
export function useConversationByWaId(slug: string, waId: string | undefined) {
  return useQuery({
    queryKey: [...keys.conversation(slug), 'wa', waId ?? ''],
    enabled: Boolean(waId),
    queryFn: async ({ signal }) => {
      const found = await apiFetch<ConversationList>(`${base(slug)}/conversations?q=${encodeURIComponent(waId!)}&limit=100`, { signal });
      return found.conversations.find((c) => c.customer.waId === waId)?.customerId ?? null;
    },
    staleTime: Infinity,
  });
}

export function useConversation(slug: string, customerId: string | null | undefined) {
  return useQuery({
    queryKey: keys.conversation(slug, customerId ?? ''),
    enabled: Boolean(customerId),
    queryFn: ({ signal }) => apiFetch<{ conversation: Conversation }>(`${base(slug)}/conversations/${customerId}`, { signal }),
    select: (d) => d.conversation,
  });
}

export function useMessages(slug: string, customerId: string | null | undefined) {
  return useInfiniteQuery({
    queryKey: keys.messages(slug, customerId ?? ''),
    enabled: Boolean(customerId),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<MessagePage>(`${base(slug)}/conversations/${customerId}/messages?limit=50${pageParam ? `&before=${pageParam}` : ''}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTemplates(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['templates', slug],
    enabled,
    queryFn: ({ signal }) => apiFetch<z.infer<typeof templatesResponse>>(`${base(slug)}/inbox/templates`, { signal }),
    select: (d) => d.templates,
    staleTime: 5 * 60_000,
  });
}

export function useProductSearch(slug: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['inbox-products', slug, q],
    enabled,
    queryFn: ({ signal }) => apiFetch<z.infer<typeof productListSchema>>(`${base(slug)}/products?active=true&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`, { signal }),
    select: (d) => d.products,
    placeholderData: (prev) => prev,
  });
}

/** Invalidates what a change to one conversation touches. */
function useRefresh(slug: string, customerId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.conversation(slug, customerId) });
    void client.invalidateQueries({ queryKey: keys.messages(slug, customerId) });
    void client.invalidateQueries({ queryKey: keys.conversations(slug) });
    void client.invalidateQueries({ queryKey: keys.unread(slug) });
  };
}

export function useSendReply(slug: string, customerId: string) {
  const refresh = useRefresh(slug, customerId);
  return useMutation({
    mutationFn: (reply: Reply) => apiFetch<{ message: Message }>(`${base(slug)}/conversations/${customerId}/messages`, { method: 'POST', body: reply }),
    onSettled: refresh,
  });
}

/** Uploads an image (checked and re-encoded by the API) and returns its upload id. */
export async function uploadImage(slug: string, file: File) {
  return apiFetch<z.infer<typeof uploadResponse>>(`${base(slug)}/inbox/uploads`, { method: 'POST', raw: { body: file, contentType: file.type || 'application/octet-stream' } });
}

export function useConversationAction(slug: string, customerId: string) {
  const refresh = useRefresh(slug, customerId);
  return useMutation({
    mutationFn: (action: 'takeover' | 'release') => apiFetch<unknown>(`${base(slug)}/conversations/${customerId}/${action}`, { method: 'POST' }),
    onSettled: refresh,
  });
}

export function useMarkRead(slug: string, customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) => apiFetch<{ conversation: Conversation }>(`${base(slug)}/conversations/${customerId}/read`, { method: 'POST', body: { upTo } }),
    onSuccess: (res) => {
      client.setQueryData(keys.conversation(slug, customerId), { conversation: res.conversation });
      void client.invalidateQueries({ queryKey: keys.conversations(slug) });
      void client.invalidateQueries({ queryKey: keys.unread(slug) });
    },
  });
}
