// What customers and owners read from the settings module (Spanish, one place).
const WEEKDAYS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];

/** "9:00" from "09:00" (how people write times in a chat). */
const clock = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

export const settingsMessages = {
  /** When: "hoy a las 9:00", "mañana a las 9:00", "el lunes a las 9:00", "el 24/12 a las 9:00". */
  when: (daysAhead: number, weekday: number, date: string, time: string) => {
    const at = `a las ${clock(time)}`;
    if (daysAhead === 0) return `hoy ${at}`;
    if (daysAhead === 1) return `mañana ${at}`;
    if (daysAhead < 7) return `el ${WEEKDAYS[weekday]} ${at}`;
    return `el ${WEEKDAYS[weekday]} ${date.slice(8, 10)}/${date.slice(5, 7)} ${at}`;
  },
  closedNow: (shop: string, when: string | null) =>
    when ? `🌙 En este momento *${shop}* está cerrado. Abrimos ${when}.` : `🌙 En este momento *${shop}* está cerrado.`,
  /** The shop's own words for it being closed (Ajustes → textos del bot), then when it opens. */
  closedOwn: (own: string, when: string | null) => (when ? `${own}\nAbrimos ${when}.` : own),
  ordersForLater: 'Puedes dejar tu pedido ahora y lo preparamos en cuanto abramos.',
  ordersOnlyWhenOpen: 'Escríbenos en nuestro horario para hacer tu pedido. ¡Gracias!',
  invalidSettings: 'Los datos del negocio no son válidos',
};
