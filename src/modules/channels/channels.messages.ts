// Every text of the channels module a customer reads, in one place for review.

const joinOr = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} o ${items.at(-1)}`);

export const t = {
  /** Below options shown as numbered text (providers without buttons or lists). */
  replyWithNumber: '_Responde con el número de tu opción._',
  /** Below options whose titles are numbers themselves (quantities): they are typed as they are. */
  replyWithOneOf: (titles: string[]) => `_Responde ${joinOr(titles.map((x) => `*${x}*`))}._`,
};
