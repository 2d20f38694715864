// Follows one chat over its emulator's Server-Sent Events (Meta's or Twilio's, by the company's
// provider). The emulator replays the chat on every (re)connection, so items are deduplicated by id.
import { useEffect, useReducer } from 'react';
import { streamUrl } from './simulator-api.ts';
import type { ChatItem, Company, InboundWire, OutboundWire } from './wire-types.ts';

type MessageEvent =
  | { direction: 'out'; id: string; at: string; message: OutboundWire }
  | { direction: 'in'; id: string; at: string; message: InboundWire };

type State = { items: ChatItem[]; typing: boolean; connected: boolean };
type Action =
  | { type: 'reset' }
  | { type: 'connected'; value: boolean }
  | { type: 'message'; event: MessageEvent }
  | { type: 'delivery'; id: string; status: number }
  | { type: 'read'; messageId: string; typing: boolean }
  | { type: 'typing-timeout' };

const initial: State = { items: [], typing: false, connected: false };

function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'reset':
      return initial;
    case 'connected':
      return { ...state, connected: action.value };
    case 'message': {
      const e = action.event;
      if (state.items.some((i) => i.id === e.id)) return state;
      const item: ChatItem =
        e.direction === 'out'
          ? { from: 'bot', id: e.id, at: e.at, message: e.message }
          : { from: 'customer', id: e.id, at: e.at, message: e.message, read: false };
      // A business message ends the typing indicator, as on the phone.
      return { ...state, items: [...state.items, item], typing: e.direction === 'out' ? false : state.typing };
    }
    case 'delivery':
      return {
        ...state,
        items: state.items.map((i) => (i.from === 'customer' && i.id === action.id ? { ...i, delivery: action.status } : i)),
      };
    case 'read': {
      // Reading a message also marks the earlier ones read (reference §5.8).
      const index = state.items.findIndex((i) => i.id === action.messageId);
      if (index === -1) return state;
      return {
        ...state,
        typing: action.typing || state.typing,
        items: state.items.map((i, n) => (i.from === 'customer' && n <= index ? { ...i, read: true } : i)),
      };
    }
    case 'typing-timeout':
      return { ...state, typing: false };
  }
}

function parse<T>(event: Event): T | undefined {
  try {
    return JSON.parse((event as globalThis.MessageEvent<string>).data) as T;
  } catch {
    return undefined;
  }
}

/** WhatsApp hides the typing indicator after 25 s without a reply. */
const TYPING_TIMEOUT_MS = 25_000;

export function useChatStream(company: Company | undefined, waId: string | undefined): State {
  const [state, dispatch] = useReducer(reduce, initial);
  const url = company && waId ? streamUrl(company, waId) : undefined;

  useEffect(() => {
    dispatch({ type: 'reset' });
    if (!url) return undefined;
    const source = new EventSource(url);
    source.onopen = () => dispatch({ type: 'connected', value: true });
    source.onerror = () => dispatch({ type: 'connected', value: false });
    source.addEventListener('message', (e) => {
      const event = parse<MessageEvent>(e);
      if (event) dispatch({ type: 'message', event });
    });
    source.addEventListener('delivery', (e) => {
      const data = parse<{ id: string; status: number }>(e);
      if (data) dispatch({ type: 'delivery', id: data.id, status: data.status });
    });
    source.addEventListener('read', (e) => {
      const data = parse<{ messageId: string; typing: boolean }>(e);
      if (data) dispatch({ type: 'read', messageId: data.messageId, typing: data.typing });
    });
    return () => source.close();
  }, [url]);

  useEffect(() => {
    if (!state.typing) return undefined;
    const timer = window.setTimeout(() => dispatch({ type: 'typing-timeout' }), TYPING_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [state.typing]);

  return state;
}
