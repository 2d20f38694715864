// The conversation's flows: the one place a flow is added. Main-menu options are numbered in
// this order, so options only some customers see go last and the numbers others type stay put.
import { advisorFlow } from './advisor.flow.ts';
import { catalogFlow } from './catalog.flow.ts';
import { menuFlow } from './menu.flow.ts';
import { orderFlow } from './order.flow.ts';
import { createRegistry, type FlowRegistry } from './registry.ts';
import { repeatOrderFlow } from './repeat-order.flow.ts';
import { statusFlow } from './status.flow.ts';

export const flows: FlowRegistry = createRegistry([
  menuFlow(() => flows),
  catalogFlow,
  orderFlow,
  statusFlow,
  advisorFlow,
  repeatOrderFlow,
]);
