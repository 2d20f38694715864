// Every text an end customer reads from the conversation engine, in Spanish (neutral
// Mexican/LatAm, warm, short, WhatsApp *bold*). Builders here only assemble text; the
// whatsapp-limits helpers make each message fit.
import { unitLabel } from '../catalog/index.ts';
import { normalizeText } from './nlu/normalize.ts';
import { isMeasureUnit, productUnitCode, unitOf } from './nlu/units.ts';

/** Main-menu options, by the key of the flow that offers them (flows/*.flow.ts). */
export const MENU_OPTIONS = {
  catalog: { title: 'Ver catálogo', description: 'Productos y precios' },
  order: { title: 'Hacer un pedido', description: 'Arma tu pedido por aquí' },
  status: { title: 'Estado de mi pedido', description: 'Tus últimos pedidos' },
  advisor: { title: 'Hablar con un asesor', description: 'Te atiende una persona' },
  repeat: { title: 'Repetir mi último pedido', description: 'Lo mismo, con los precios de hoy' },
} as const;

/** 1️⃣ … 9️⃣, 🔟, then keycap digits (1️⃣1️⃣): a number for any count of options. */
export function emojiNumber(n: number): string {
  if (n === 10) return '🔟';
  return [...String(n)].map((d) => `${d}\uFE0F\u20E3`).join('');
}

/** ", por ejemplo: *2 kg de tomate*", or nothing when the shop has no example to give. */
const example = (e: string | undefined, lead = ', por ejemplo: ') => (e ? `${lead}*${e}*` : '');

// "Tomate" → "tomate" inside a sentence; "BOT-1" or "iPhone" stay as they are.
const lowerFirst = (s: string): string => (/^\p{Lu}\p{Ll}/u.test(s) ? `${s.charAt(0).toLowerCase()}${s.slice(1)}` : s);

const MEASURE_WORDS: Record<string, string> = { kg: 'kg', g: 'g', l: 'litros', ml: 'ml' };
// "Lavado por kilo", "Tortillas 1 kg": the amount goes in front, so the name's own goes.
const TRAILING_MEASURE = /\s+(por\s+(kilo|kg|litro|l)|\d+([.,]\d+)?\s*(kg|g|gr|l|lt|ml))$/i;

/**
 * Something a customer could type to order this product, as they would say it:
 * "2 kg de tomate", "2 garrafones de 20 L", "2 manojos de cilantro", "1 edredón matrimonial".
 * Always understood by our own order parser (test/conversations/shop-copy.test.ts); the flows
 * take the products from the shop's catalog (views.shopExamples).
 */
export function orderExample(p: { name: string; unit: string }): string {
  const code = productUnitCode(p.unit);
  const name = lowerFirst(p.name.trim().replace(/\s+/g, ' '));
  if (isMeasureUnit(code) && code) {
    const amount = code === 'g' || code === 'ml' ? 500 : 2;
    return `${amount} ${MEASURE_WORDS[code]} de ${name.replace(TRAILING_MEASURE, '')}`;
  }
  const [first = '', ...others] = name.split(' ');
  const rest = others.join(' ');
  const startsWithUnit = code !== null && unitOf(normalizeText(first)) === code;
  if (startsWithUnit && (rest === '' || /^(\d|de )/.test(rest))) {
    return `2 ${unitLabel(first, 2)}${rest === '' ? '' : /^\d/.test(rest) ? ` de ${rest}` : ` ${rest}`}`;
  }
  if (code !== null && code !== 'pieza' && !startsWithUnit) return `2 ${unitLabel(p.unit, 2)} de ${name}`;
  return `1 ${name}`;
}

const quote = (s: string) => `«${s.length > 40 ? `${s.slice(0, 39)}…` : s}»`;

export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 1 ? '1 hora' : `${h} horas`;
  if (h === 0) return m === 1 ? '1 minuto' : `${m} minutos`;
  return m === 0 ? hours : `${hours} y ${m} minutos`;
}

export const t = {
  // Greetings and menu
  welcome: (name: string | null, company: string) =>
    `¡Hola${name ? `, ${name}` : ''}! 👋 Soy el asistente de *${company}*. Te ayudo a ver el catálogo, hacer pedidos y revisar su estado.`,
  greetingBack: (name: string | null) => `¡Hola de nuevo${name ? `, ${name}` : ''}! 😊`,
  menuBody: (titles: string[], cartLines: number, sample: string | undefined) =>
    [
      '¿En qué te puedo ayudar? Elige una opción:',
      '',
      ...titles.map((title, i) => `${emojiNumber(i + 1)} ${title}`),
      '',
      `También puedes escribir el número o lo que necesitas${example(sample && `quiero ${sample}`)}.`,
      ...(cartLines > 0
        ? ['', `🛒 Tienes un pedido sin terminar (${cartLines} ${cartLines === 1 ? 'producto' : 'productos'}). Elige *Hacer un pedido* para seguir.`]
        : []),
    ].join('\n'),
  menuButton: 'Ver opciones',
  menuSection: 'Menú principal',
  thanks: '¡Con gusto! 😊',

  // Light answers to small talk ("jaja", "👍", "ok", "gracias"): one friendly line and a hint
  light: { thanks: '¡Con gusto! 😊', laugh: '😄', ack: '👍', emoji: '😊' },
  hintMenu: (cartLines: number) =>
    cartLines > 0 ? 'Tu pedido sigue guardado; escribe *pedido* para seguir con él.' : 'Cuando quieras, escribe *menú* para ver las opciones.',
  hintCatalog: 'Elige un producto de la lista o escríbeme lo que quieres pedir.',
  hintPick: (cartLines: number, sample: string | undefined) =>
    cartLines > 0 ? 'Cuando termines, escribe *listo* para finalizar tu pedido.' : `Escríbeme lo que quieres pedir${example(sample)}.`,
  hintChoose: 'Elige una de las opciones de la lista 👆',
  hintCart: 'Escribe *listo* para finalizar tu pedido, o dime qué más agregar.',
  hintConfirm: '¿Confirmamos tu pedido? Escribe *sí* o toca *Confirmar*.',
  hintCancelPlaced: '¿Cancelo tu pedido? Toca *Sí, cancelarlo* o *No, dejarlo*.',
  hintResume: '¿Seguimos con tu pedido? Escribe *sí* o *empezar de nuevo*.',

  // Not understood, stale taps, other kinds of messages
  notUnderstood: (text: string) => `🤔 No entendí ${quote(text.trim())}. Te dejo las opciones de nuevo 👇`,
  notUnderstoodEmpty: '🤔 No entendí tu mensaje. Te dejo las opciones de nuevo 👇',
  staleButton: 'Ese botón es de un mensaje anterior. Sigamos desde aquí 👇',
  sticker: '¡Qué buen sticker! 😄 Por ahora solo entiendo mensajes de texto y los botones.',
  audio: '¡Gracias por tu audio! 🎧 Por ahora no puedo escuchar audios; escríbeme por favor.',
  image: '¡Gracias por la imagen! 📷 Por ahora solo entiendo mensajes de texto 😊',
  video: '¡Gracias por el video! 🎬 Por ahora solo entiendo mensajes de texto 😊',
  document: '¡Gracias por el archivo! 📄 Por ahora solo entiendo mensajes de texto 😊',
  reaction: '¡Gracias! 😊',
  contacts: '¡Gracias por el contacto! 📇 Por ahora solo entiendo mensajes de texto 😊',
  unsupported: 'Ese tipo de mensaje todavía no lo puedo leer 😅. Escríbeme por favor.',
  waCart: (sample: string | undefined) =>
    `Recibí tu carrito 🛒, pero por ahora tomo los pedidos por aquí. Escríbeme los productos${example(sample, ', por ejemplo ')}.`,
  locationOutside: '📍 ¡Gracias por tu ubicación! La usaremos para la entrega cuando termines tu pedido.',

  // Session, cancel, limits, advisor
  sessionExpired: '⌛ Tu pedido anterior quedó sin terminar y se canceló por inactividad.',
  sessionLost: '🙏 Perdón, perdí el hilo de nuestra conversación. Empecemos desde el menú; tu pedido en curso sigue guardado.',
  cancelled: '❌ Listo, cancelé tu pedido en curso.',
  nothingToCancel: 'No tienes ningún pedido en curso. Si quieres cancelar un pedido ya confirmado, escribe *asesor*.',
  limitReached: (company: string) =>
    `Hola 👋 Por ahora *${company}* no puede atender mensajes por WhatsApp. Por favor intenta más tarde o comunícate directamente con la tienda. ¡Gracias por tu paciencia!`,
  botBack: (company: string) => `🤖 El asistente de *${company}* está de vuelta.`,
  advisorRequested: (company: string, minutes: number) =>
    `👩‍💼 Listo, le avisé al equipo de *${company}*. Una persona te responderá por aquí en breve.\n\n` +
    `Mientras tanto el asistente automático queda en pausa; se reactiva solo en ${durationText(minutes)} o cuando el equipo termine.`,

  // Catalog
  catalogBody: (company: string, page: number, pages: number, sample: string | undefined) =>
    `🛍️ *Catálogo de ${company}*${pages > 1 ? ` (página ${page + 1} de ${pages})` : ''}\n` +
    `Elige un producto para ver detalles, o escríbeme lo que quieres pedir${example(sample)}.`,
  catalogButton: 'Ver productos',
  productsSection: 'Productos',
  moreRow: 'Ver más',
  moreRowDescription: (page: number, pages: number) => `Página ${page + 1} de ${pages}`,
  soldOutTag: 'Agotado',
  emptyCatalog: 'Por ahora no tenemos productos disponibles en el catálogo 😔.',
  productDetail: (name: string, description: string | null, price: string, soldOut: boolean) =>
    [`*${name}*`, description, '', `💲 ${price}`, soldOut ? '\n😔 Agotado por ahora.' : null].filter((l) => l !== null).join('\n'),
  productGone: 'Ese producto ya no está disponible.',
  addToOrder: 'Agregar al pedido',
  seeCatalog: 'Ver catálogo',
  mainMenu: 'Menú principal',

  // Picking products and quantities
  pickBody: (cartLines: number, samples: string[]) =>
    `🛒 ¿Qué te gustaría pedir?\nElige un producto de la lista${samples.length > 0 ? ` o escríbeme, por ejemplo: ${samples.map((e) => `*${e}*`).join(' o ')}` : ' o escríbeme lo que necesitas'}.` +
    (cartLines > 0
      ? `\n\nLlevas ${cartLines} ${cartLines === 1 ? 'producto' : 'productos'} en tu pedido; escribe *listo* para finalizarlo.`
      : ''),
  pickButton: 'Elegir producto',
  chooseBody: (query: string) => `Tengo varias opciones para ${quote(query)}. ¿Cuál quieres?`,
  chooseButton: 'Ver opciones',
  askQuantity: (name: string, unitPrice: string, byWeight: boolean) =>
    `¿Qué cantidad de *${name}* quieres? (${unitPrice})\nElige una opción o escribe la cantidad${byWeight ? ', por ejemplo *1.5* o *medio kilo*' : ''}.`,
  askNewQuantity: (name: string, current: string) =>
    `¿Qué cantidad de *${name}* quieres en total? Ahora llevas ${current}.\nElige una opción o escribe la cantidad.`,
  removeButton: 'Quitar',
  /** `what`: an amount of a product, "2 kg de *Tomate*" or "2 × *Garrafón 20 L*" (views.amountOf). */
  added: (what: string) => `✅ Agregué ${what}.`,
  updated: (what: string) => `✅ Ahora llevas ${what}.`,
  removed: (name: string) => `🗑️ Quité *${name}* de tu pedido.`,
  notFound: (queries: string[]) => `No encontré ${queries.map(quote).join(', ')} en el catálogo.`,
  qtyZero: 'La cantidad debe ser mayor a cero.',
  qtyTooBig: (max: number) => `Esa cantidad es muy grande para pedirla por aquí (máximo ${max}). Si necesitas más, escribe *asesor*.`,
  qtyWhole: (name: string, unit: string) => `*${name}* se vende por ${unit}, así que la cantidad debe ser un número entero (1, 2, 3…).`,
  qtyPrompt: 'Escribe solo la cantidad, por ejemplo *2*.',
  stockShort: (what: string, one: boolean) => `Solo nos ${one ? 'queda' : 'quedan'} ${what}.`,
  soldOut: (name: string) => `😔 *${name}* está agotado por ahora.`,
  cartFull: (max: number) => `Tu pedido ya tiene ${max} productos distintos. Finalízalo o quita alguno para agregar más.`,

  // Cart and editing
  /** `totals`: "*Total: $90.00*", or subtotal, delivery and total (checkout-rules.ts totalsText). */
  cartBody: (lines: string, totals: string) => `🛒 *Tu pedido:*\n${lines}\n\n${totals}\n\n¿Quieres agregar algo más?`,
  addMore: 'Agregar más',
  finishOrder: 'Finalizar pedido',
  cancel: 'Cancelar',
  cartEmpty: 'Tu pedido está vacío.',
  editBody: (lines: string, totals: string) =>
    `✏️ *Tu pedido:*\n${lines}\n\n${totals}\n\nElige un producto para cambiar su cantidad o quitarlo, o escribe lo que quieras agregar.`,
  editButton: 'Editar pedido',
  editRowDescription: (amount: string, total: string) => `${amount} · ${total} — cambiar o quitar`,
  addProductsRow: 'Agregar productos',
  changeAddressRow: 'Cambiar dirección',
  moreLines: (n: number) => `…y ${n} ${n === 1 ? 'producto' : 'productos'} más`,

  // Address and confirmation
  addressSaved: (addresses: string[]) =>
    `📍 ¿A dónde te lo llevamos?\n\n${addresses.map((a, i) => `${i + 1}. ${a}`).join('\n')}\n\n` +
    'Elige una dirección guardada, escribe una nueva o comparte tu ubicación 📎.',
  addressAsk: '📍 ¿A qué dirección te lo llevamos?\nEscribe calle, número, colonia y alguna referencia, o comparte tu ubicación (📎 → Ubicación).',
  otherAddress: 'Otra dirección',
  addressStillNeeded: 'Para llevarte tu pedido necesito la dirección de entrega 🙂',
  addressTooShort: 'Esa dirección parece incompleta. Escribe calle, número y colonia, por ejemplo: *Av. Juárez 123, Col. Centro*.',
  pinLabel: (name: string | undefined, address: string | undefined) => [name, address].filter(Boolean).join(', ') || 'Ubicación compartida 📍',
  /** `where`: "📍 Entrega: …" or "🏪 Recoges en la tienda" (deliveryLine). */
  summaryBody: (lines: string, totals: string, where: string, requested: string | null = null) =>
    `📝 *Resumen de tu pedido*\n\n${lines}\n\n${totals}\n${where}${requested ? `\n🕒 Para: ${requested}` : ''}\n\n¿Confirmamos tu pedido?`,
  total: (total: string) => `*Total: ${total}*`,
  totals: (subtotal: string, delivery: string, total: string) => `Subtotal: ${subtotal}\n${delivery}\n*Total: ${total}*`,
  deliveryFeeLine: (fee: string) => `🛵 Envío: ${fee}`,
  deliveryFreeLine: '🛵 Envío: ¡gratis! 🎉',
  pickupNoFeeLine: '🏪 Recoges en tienda: sin costo de envío',
  missingForFreeDelivery: (missing: string) => `Te faltan ${missing} para el envío gratis 🛵`,
  belowMinimum: (minimum: string, missing: string) =>
    `🙌 Nuestro pedido mínimo es de ${minimum}: te faltan ${missing}. Agrega algo más y lo terminamos.`,
  deliveryTo: (address: string) => `📍 Entrega: ${address}`,
  pickupAt: (shopAddress: string | null) => (shopAddress ? `🏪 Recoges en la tienda: ${shopAddress}` : '🏪 Recoges en la tienda'),
  pickupButton: 'Recoger en tienda',
  pickupOffer: 'O si prefieres, pasa a recogerlo: toca *Recoger en tienda*.',
  closedSummary: '🌙 Ahora estamos cerrados: si confirmas, dejamos tu pedido anotado y lo preparamos en cuanto abramos.',
  whenWeOpen: 'cuando abramos',
  confirm: 'Confirmar',
  change: 'Cambiar',
  removedFromCart: (names: string[]) => `Quité de tu pedido lo que ya no está disponible: ${names.map((n) => `*${n}*`).join(', ')}.`,
  /** `totals` as in the summary; `where`: "📍 …" or "🏪 Recoges en la tienda". */
  orderPlaced: (code: string, lines: string, totals: string, where: string, label: string, requested: string | null = null) =>
    `✅ *¡Pedido confirmado!*\nTu número de pedido es *${code}*.\n\n${lines}\n${totals}\n${where}\n${requested ? `🕒 Para: ${requested}\n` : ''}` +
    `Estado: *${label}*\n\nTe avisaremos por aquí cuando cambie de estado. ¡Gracias por tu compra! 🙌`,
  orderNotPlaced: (reason: string) => `😕 ${reason}\nTu pedido sigue guardado: ajústalo y vuelve a confirmar.`,
  statusButton: 'Estado de mi pedido',
  resumeBody: (lines: string, total: string) =>
    `👋 ¡Hola de nuevo! Tienes un pedido sin terminar:\n\n${lines}\n\n*Total: ${total}*\n\n¿Seguimos con tu pedido?`,
  resumeYes: 'Seguir',
  resumeRestart: 'Empezar de nuevo',

  // Status
  statusBody: (entries: string[]) => `📦 *Tus últimos pedidos:*\n\n${entries.join('\n\n')}`,
  statusEntry: (code: string, label: string, when: string, total: string) => `*${code}* · ${label}\nActualizado ${when} · Total ${total}`,
  noOrders: 'Aún no tienes pedidos con nosotros. ¿Te animas a hacer el primero? 🛒',
  makeOrder: 'Hacer un pedido',

  // Repeat the last order
  repeatIntro: (code: string) => `🔁 Armé tu pedido igual que el *${code}*, con los precios de hoy.`,
  repeatReplaced: 'Reemplacé el pedido que estabas armando.',
  repeatGone: (names: string[]) => `Dejé fuera lo que ya no vendemos: ${names.map((n) => `*${n}*`).join(', ')}.`,
  repeatSoldOut: (names: string[]) => `Dejé fuera lo que está agotado por ahora: ${names.map((n) => `*${n}*`).join(', ')}.`,
  /** `amounts`: "2 piezas de *Pan de caja*" (views.amountOf). */
  repeatCapped: (amounts: string[]) => `Ajusté a lo que nos queda: ${amounts.join(', ')}.`,
  repeatPriceChanged: (changes: string[]) => `💲 Cambió el precio de ${changes.join(', ')}.`,
  priceChange: (name: string, before: string, now: string) => `*${name}* (antes ${before}, hoy ${now})`,
  repeatNothingLeft: (code: string) => `😔 Ninguno de los productos de tu pedido *${code}* está disponible por ahora.`,
  repeatNoOrders: 'Todavía no tienes pedidos anteriores para repetir. ¿Armamos uno? 🛒',

  // Not understood several times in a row: a shorter hint, then a person
  notUnderstoodAgain: (hint: string) => `🤔 Perdón, sigo sin entenderte. ${hint}`,
  offerPerson: '🙏 Parece que no te estoy entendiendo. ¿Quieres que te atienda una persona del equipo?',
  talkToPerson: 'Hablar con alguien',

  // Cart edits typed as text
  notInCart: (what: string) => `No tienes ${quote(what)} en tu pedido.`,
  cartCleared: '🗑️ Listo, vacié tu pedido.',
  replaced: (removed: string) => `🔁 Quité *${removed}*.`,

  // Questions about products
  priceOf: (name: string, price: string) => `💲 *${name}* está a ${price}.`,
  haveIt: (name: string, price: string) => `✅ Sí, tenemos *${name}* a ${price}.`,
  soldOutNow: (name: string) => `😔 *${name}* está agotado por ahora.`,
  weHaveOptions: (query: string) => `Para ${quote(query)} tenemos estas opciones:`,
  dontCarry: (query: string, others: string[]) =>
    `😔 No manejamos ${quote(query)}${others.length > 0 ? `, pero tenemos ${others.map((o) => `*${o}*`).join(', ')}` : ''}.`,
  askWhichProduct: '¿De qué producto? Te dejo la lista con precios 👇',

  // Questions about the business (companies.business_info)
  openNow: (spans: string) => `🕘 Sí, estamos abiertos: hoy abrimos ${spans}.`,
  closedOpensLater: (day: string, at: string) => `🕘 Ahora estamos cerrados; abrimos ${day} a las ${at}.`,
  closedToday: '🕘 Hoy no abrimos.',
  weekHours: (lines: string[]) => `Horario:\n${lines.join('\n')}`,
  ordersTakenWhenClosed: 'Puedes dejar tu pedido por aquí y lo preparamos en cuanto abramos.',
  deliveryYes: '🛵 Sí, hacemos entregas a domicilio.',
  deliveryNo: '🏪 Por ahora no hacemos entregas a domicilio.',
  pickupToo: 'También puedes recogerlo en la tienda.',
  pickupOnly: 'Puedes recoger tu pedido en la tienda.',
  deliveryFee: (fee: string) => `Envío: ${fee}.`,
  deliveryFree: 'Envío gratis.',
  deliveryFreeFrom: (from: string) => `Envío gratis en pedidos desde ${from}.`,
  minimumOrder: (min: string) => `Pedido mínimo: ${min}.`,
  deliveryAreas: (areas: string) => `Entregamos en: ${areas}.`,
  deliveryTime: (time: string) => `Tiempo de entrega: ${time}.`,
  areaCovered: (area: string) => `✅ Sí, llegamos a *${area}*.`,
  areaUnsure: (area: string) => `Para *${area}* te confirmo con una persona del equipo 🙌.`,
  paymentMethods: (methods: string) => `💳 Aceptamos ${methods}.`,
  shopAddress: (address: string) => `📍 Estamos en ${address}.`,
  shopMap: (url: string) => `Mapa: ${url}`,
  askTheTeam: '🙌 Eso te lo confirmo con una persona del equipo. ¿Quieres que te comunique con alguien?',
  keepOrdering: 'Si quieres hacer un pedido, escríbeme lo que necesitas 😊',

  // Pins and vague addresses
  pinKept: '📍 ¡Gracias por tu ubicación! La guardé para la entrega de tu pedido.',
  pinOffer: (label: string) => `📍 ¿Te lo llevamos a la ubicación que nos enviaste: *${label}*?`,
  pinOfferYes: 'Sí, ahí',
  pinOfferBody: 'Toca *Sí, ahí*, o escribe otra dirección.',
  noPinYet: 'No me llegó ninguna ubicación 🤔. Compártela con 📎 → Ubicación, o escribe la dirección con calle, número y colonia.',
  vagueAddress: (said: string) =>
    `Esa dirección parece incompleta: con ${quote(said)} el repartidor no sabría llegar 🙂. ¿Me ayudas con calle, número y colonia? También puedes compartir tu ubicación (📎 → Ubicación).`,

  // Requested delivery time
  requestedKept: (when: string) => `🕒 Anotado: tu pedido es para ${when}.`,

  // Confirmation prompt
  tapToConfirm: 'Para hacer tu pedido toca *Confirmar* (o escribe *1*) 👇',

  // Orders already placed: status by code, cancel
  orderStatusOne: (code: string, label: string, when: string, total: string, requested: string | null) =>
    `📦 Tu pedido *${code}* está *${label}*.\nActualizado ${when} · Total ${total}${requested ? `\n🕒 Para: ${requested}` : ''}`,
  orderNotYours: (code: string) => `🤔 No encuentro el pedido *${code}* en tu número. Revisa el código, o elige *Estado de mi pedido* para ver los tuyos.`,
  cancelPlacedAsk: (code: string, total: string | null) => `¿Quieres cancelar tu pedido *${code}*${total ? ` (total ${total})` : ''}?`,
  cancelPlacedYes: 'Sí, cancelarlo',
  cancelPlacedNo: 'No, dejarlo',
  cancelPlacedDone: (code: string) => `❌ Listo, cancelé tu pedido *${code}*. Si quieres, armamos otro cuando gustes.`,
  cancelPlacedKept: (code: string) => `👍 Perfecto, tu pedido *${code}* sigue en pie.`,
  cancelTooLate: (code: string, label: string) =>
    `Tu pedido *${code}* ya está *${label}*, así que ya no puedo cancelarlo por aquí. Escribe *asesor* y una persona del equipo te ayuda.`,
};
