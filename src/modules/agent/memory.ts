// The agent's memory of one customer, kept in the session JSON (session.agent): the last turns
// word for word, a running summary of older ones (bounded, written without a model call), and the
// order summary waiting for the customer's confirmation.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const RECENT_TURNS = 6;
const SUMMARY_CHARS = 1500;
const TURN_CHARS = 1200;

const pendingSchema = z.object({
  token: z.string().min(6).max(40),
  /** What was summarised (cart and delivery): a change makes the token stale. */
  hash: z.string(),
  turnNo: z.number().int(),
});
export type PendingConfirmation = z.infer<typeof pendingSchema>;

export const memorySchema = z.object({
  turnNo: z.number().int().min(0).default(0),
  turns: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(TURN_CHARS) })).max(RECENT_TURNS * 2).default([]),
  summary: z.string().max(SUMMARY_CHARS).default(''),
  pending: pendingSchema.nullable().default(null),
});
export type AgentMemory = z.infer<typeof memorySchema>;

export function readMemory(stored: unknown): AgentMemory {
  const parsed = memorySchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : memorySchema.parse({});
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Adds an exchange; the oldest beyond RECENT_TURNS move into the summary (its oldest part dropped first). */
export function remember(m: AgentMemory, user: string, assistant: string): void {
  m.turns.push({ role: 'user', content: clip(user, TURN_CHARS) }, { role: 'assistant', content: clip(assistant, TURN_CHARS) });
  while (m.turns.length > RECENT_TURNS * 2) {
    const [u, a] = m.turns.splice(0, 2);
    const line = `Cliente: ${clip(u?.content ?? '', 160)} / Asistente: ${clip(a?.content ?? '', 160)}`;
    const summary = m.summary ? `${m.summary}\n${line}` : line;
    m.summary = summary.length > SUMMARY_CHARS ? summary.slice(summary.length - SUMMARY_CHARS) : summary;
  }
}

export const newToken = () => randomBytes(6).toString('hex');
