// The company's order-status flow as data: which status may follow which
// (order_status_transitions), read by every status change (change-order-status.ts). The owner
// replaces the whole table at once; a table that would strand orders is refused whole.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import { AppError } from '../../platform/errors.ts';
import { INITIAL_STATUS } from './orders.repository.ts';
import { transitionMessages as m } from './orders.messages.ts';
import { statusesWithNext } from './staff-orders.repository.ts';

export type Transition = { from: string; to: string };
type Status = { code: string; label: string; isFinal: boolean };

/**
 * What is wrong with a transition table for these statuses (Spanish, one line each); empty when
 * it is usable: every code exists, final statuses lead nowhere, every status can be reached from
 * the initial one, and every open status has a way on to a final one (no order can be stranded).
 */
export function transitionProblems(statuses: Status[], transitions: Transition[]): string[] {
  const byCode = new Map(statuses.map((s) => [s.code, s]));
  const label = (code: string) => byCode.get(code)?.label ?? code;
  const problems: string[] = [];
  const unknown = [...new Set(transitions.flatMap((t) => [t.from, t.to]).filter((c) => !byCode.has(c)))];
  if (unknown.length > 0) return [m.unknownStatuses(unknown, statuses.map((s) => s.code))];
  for (const t of transitions) {
    if (t.from === t.to) problems.push(m.toItself(label(t.from)));
    else if (byCode.get(t.from)!.isFinal) problems.push(m.fromFinal(label(t.from), label(t.to)));
  }
  const next = new Map<string, Set<string>>();
  for (const t of transitions) if (t.from !== t.to) next.set(t.from, (next.get(t.from) ?? new Set()).add(t.to));
  const reach = (start: string) => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) for (const n of next.get(queue.shift()!) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
    return seen;
  };
  const fromStart = reach(INITIAL_STATUS);
  for (const s of statuses) {
    if (!fromStart.has(s.code)) problems.push(m.unreachable(s.label, label(INITIAL_STATUS)));
    else if (!s.isFinal && ![...reach(s.code)].some((c) => byCode.get(c)?.isFinal)) problems.push(m.noWayOut(s.label));
  }
  return problems;
}

export const listTransitions = async (db: TenantClient) =>
  (await statusesWithNext(db)).map((s) => ({ code: s.code, label: s.label, isFinal: s.isFinal, next: s.isFinal ? [] : s.nextRows.map((r) => r.toStatus) }));

/** Replaces the table in one transaction (status changes read it committed, before or after). */
export async function replaceTransitions(db: TenantClient, transitions: Transition[]) {
  const unique = [...new Map(transitions.map((t) => [`${t.from}\u0000${t.to}`, t])).values()];
  await db.$transaction(async (tx: TenantTx) => {
    const statuses = await tx.orderStatus.findMany({ select: { code: true, label: true, isFinal: true } });
    const problems = transitionProblems(statuses, unique);
    if (problems.length > 0) throw new AppError('VALIDATION', `${m.refused} ${problems.join(' ')}`, { problems });
    await tx.orderStatusTransition.deleteMany({});
    await tx.orderStatusTransition.createMany({ data: unique.map((t) => ({ fromStatus: t.from, toStatus: t.to })) });
  });
  return listTransitions(db);
}
