// What shop owners read about their plan (API errors and the WhatsApp notice at the limit).
import type { Feature } from './plan-limits.ts';

const featureNames: Record<Feature, string> = {
  ai: 'el agente con IA',
  bookings: 'las reservas',
  shortlinks: 'los enlaces cortos',
  analytics: 'los reportes',
};

export const plansMessages = {
  featureNotIncluded: (plan: string, feature: Feature) =>
    `Tu plan ${plan} no incluye ${featureNames[feature]}. Cambia a un plan que lo incluya para usarlo.`,
  staffSeats: (plan: string, limit: number) =>
    `Tu plan ${plan} incluye ${limit === 1 ? '1 usuario de equipo' : `${limit} usuarios de equipo`} y ya están ocupados. ` +
    'Quita a alguien del equipo o cambia a un plan mayor para invitar a más personas.',
  unknownPlan: (code: string) => `No existe el plan «${code}». Los planes son: basico, completo y premium.`,
  /** To the shop's admin phone, once a month, when the plan's messages run out. */
  ownerLimitReached: (shop: string, limit: number) =>
    `⚠️ *${shop}* llegó al límite de ${limit.toLocaleString('es-MX')} mensajes de este mes de su plan.\n\n` +
    'Los pedidos que tus clientes ya estaban haciendo se completan; quienes escriban ahora reciben un aviso amable ' +
    'de que por el momento no podemos atender por WhatsApp. Cambia de plan para volver a atender a todos.',
  ownerLimitAlert: 'A company reached its plan\'s monthly messages; customers get the limit notice',
};
