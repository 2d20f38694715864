// The main menu: the options the registered flows offer (flows.ts), as a list and numbered in
// the body for typing ("1", "dos", "opción 3").
import { t } from '../conversations.messages.ts';
import { detectIntent, parseOptionNumber } from '../nlu/intents.ts';
import { list, withNotice } from '../whatsapp-limits.ts';
import { cancelIfAny } from './cancel.ts';
import { show, toMenu, type FlowDef, type Outcome, type TextOutcome } from './flow.ts';
import { tryOrderText } from './order-lines.ts';
import { startOrder } from './order-screens.ts';
import type { Entry, FlowRegistry } from './registry.ts';
import { goTo, type Turn } from './turn.ts';
import { shopExamples } from './views.ts';

type Options = Pick<FlowRegistry, 'menuFor' | 'menuEntry'>;

/** The menu flow over the table it lists (given lazily: the table includes this flow). */
export function menuFlow(table: () => Options): FlowDef {
  async function renderMenu(turn: Turn, notice: string | null): Promise<Outcome> {
    goTo(turn, { step: 'menu' });
    const options: Entry[] = await table().menuFor(turn);
    const [example] = await shopExamples(turn, 1);
    const body = t.menuBody(options.map((o) => o.title), turn.session.cart.length, example);
    const rows = options.map((o) => ({ id: `menu:${o.key}`, title: o.title, description: o.description }));
    return withNotice(notice, list(body, t.menuButton, t.menuSection, rows));
  }

  async function readMenuText(turn: Turn, text: string): Promise<TextOutcome> {
    const options = await table().menuFor(turn);
    const n = parseOptionNumber(text, options.length);
    const chosen = n !== null ? options[n - 1] : undefined;
    if (chosen) return chosen.start(turn);
    if (detectIntent(text) === 'order') return (await tryOrderText(turn, text, { explicit: true })) ?? startOrder(turn);
    return tryOrderText(turn, text, { explicit: false });
  }

  return {
    name: 'menu',
    cancel: cancelIfAny,
    menu: toMenu,
    hint: (turn) => t.hintMenu(turn.session.cart.length),
    steps: { menu: { render: (turn, _s, notice) => renderMenu(turn, notice), text: (turn, _s, text) => readMenuText(turn, text) } },
    taps: {
      // An option of any menu sent to this customer, even one no longer shown to them.
      menu: (turn, [key]) => (key === 'main' ? show({ step: 'menu' }) : table().menuEntry(key ?? '')?.start(turn) ?? null),
    },
  };
}
