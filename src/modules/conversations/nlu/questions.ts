// Questions customers ask a shop: a product's price or availability ("¿a cómo el kilo de
// palta?", "¿te queda zapallo?") and the business questions (hours, delivery and its fee,
// delivery to an area, payment methods, where the shop is). Pure functions over normalised words.
import { isFillerWord } from './order-lines.ts';
import { isNumericToken } from './numbers.ts';
import { isMeasureUnit, unitOf } from './units.ts';

export type Question = {
  kind: 'price' | 'availability' | 'hours' | 'delivery' | 'delivery_area' | 'payment' | 'location' | 'other';
  product?: string;
  area?: string;
};

const PAYMENT = /^(?:aceptan|acepta|aceptas|reciben|recibe|recibes|toman|trabajan\s+con)\s+(?!pedidos|encargos)\w+|\b(?:al\s+recibir|contra\s+entrega|pag(?:o|os|a|as|ar|an|amos|ue|uen|arles|arte)|redcompra|webpay|transbank|tarjetas?|efectivo|transferencias?|deposito|nequi|daviplata|yape|yapear|plin|mercado\s?pago|mp|sinpe|debito|credito|qr|paypal|tigo\s?money|oxxo|contra\s?entrega|contraentrega|cash)\b/;
const LOCATION = /\b(?:donde\s+(?:se\s+encuentran|se\s+encuentra\s+(?:la|el)|estan|esta\s+(?:el|la|ubicad)|queda|quedan|se\s+ubican|los\s+encuentro|las\s+encuentro|los\s+ubico|es\s+el\s+local|es\s+la\s+tienda|atienden)|ubicados|ubicadas|ubicacion\s+de\s+(?:la|el|ustedes)|su\s+ubicacion|(?:cual|que)\s+es\s+(?:la|su)\s+direccion|direccion\s+de\s+(?:la\s+tienda|el\s+local|ustedes|su)|donde\s+(?:es|esta)\s+(?:la\s+tienda|el\s+local|el\s+negocio|el\s+almacen))\b/;
const HOURS = /\b(?:(?:a|hasta|desde|de)\s+(?:que|q)\s+horas?|horarios?|abren|abre|abiertos?|abierta|cierran|cierra|(?:atienden|trabajan)\s+(?:los|el|hoy|manana|domingos?|sabados?|feriados?)|(?:domingos?|sabados?|feriados?)\s+(?:atienden|abren|trabajan))\b/;
const DELIVERY = /\b(?:envios?|enviar|envian|domicilios?|delivery|deliveri|despachos?|despachan|reparto|repartos|reparten|entregas?|entregan|llevan|llevarlo|llevarla|llevar|llegan|mandan\s+a\s+domicilio|costo\s+de\s+envio)\b/;
const AREA = /\b(?:envios?|enviar|envian|domicilios?|delivery|deliveri|despachos?|despachan|reparto|repartos|reparten|entregas?|entregan|llevan|llegan|mandan|envian)\s+(?:a|al|en|hasta|para|por|pa)\s+(.+)$/;
const NOT_AN_AREA = /^(?:(?:mi|la|su)\s+)?(?:domicilio|domicilios|casa|casas|la\s+casa|toda\s+la\s+ciudad|todos\s+lados|cualquier\s+lado)$/;
const PRICE = /\b(?:cuanto|cuanta|cuantos)\s+(?:(?:te|me|le|nos)\s+)?(?:cuesta|cuestan|vale|valen|sale|salen|esta|estan|es|son|cobras|cobran|me\s+cobras|me\s+cobran|me\s+sale)\s+(.*)$|\b(?:a|en)\s+(?:como|cuanto)\s+(?:esta|estan|tenes|tienes|tiene|tienen|sale|salen|es|son|me\s+(?:das|deja|dejas|sale)|dan|das|deja|dejas|venden|vendes)?\s*(.*)$|\b(?:que|cual\s+es\s+el|cual)\s+precio\s+(?:tiene|tienen|de|del|tiene\s+el|tiene\s+la)?\s*(.*)$|\bprecio\s+(?:de|del)\s+(.*)$|\bcuanto\s+(?:el|la|los|las)\s+(.*)$/;
const AVAILABILITY = /^(?:y\s+|todavia\s+|aun\s+|tambien\s+|oye\s+)*(?:hay|habra|habia|tienen|tienes|tenes|tiene|tendran|tendras|tendra|te\s+queda|le\s+queda|les\s+queda|queda|quedan|te\s+quedan|le\s+quedan|manejan|manejas|maneja|venden|vendes|vende|consigo|se\s+consigue|todavia\s+tienen|todavia\s+hay)\s+(.+)$/;
// "¿qué marcas de yerba tenés?": a question about that product.
const KINDS_OF = /^(?:que|cuales|q)\s+(?:marcas?|tipos?|clases?|variedades?)\s+de\s+(.+?)\s+(?:tenes|tienes|tienen|tiene|hay|manejan|manejas|venden|vendes)$/;
const CATALOG_WORDS = new Set(['que', 'q', 'para', 'algo', 'de', 'todo', 'productos', 'cosas', 'catalogo']);
// Words of the question itself, never part of a product's name.
const QUESTION_WORDS = new Set(['kilo', 'kilos', 'libra', 'libras', 'litro', 'litros', 'gramo', 'gramos', 'precio', 'todavia', 'aun',
  'cuanto', 'cuesta', 'vale', 'sale', 'esta', 'estan', 'ahora', 'hoy', 'disponible', 'disponibles', 'stock', 'existencia', 'ahi', 'alli',
  'nomas', 'pues', 'po', 'pe', 'vos', 'usted', 'ustedes', 'kg']);

const productOf = (text: string | undefined): string | undefined => {
  const words = (text ?? '').split(' ').filter((t) => t !== '' && !QUESTION_WORDS.has(t) && !isFillerWord(t) && !isNumericToken(t) && !isMeasureUnit(unitOf(t)));
  return words.length > 0 ? words.join(' ') : undefined;
};

/** The question a message asks, or null when it asks none of these. */
export function readQuestion(tokens: readonly string[]): Question | null {
  const s = tokens.join(' ');
  if (s === '') return null;
  if (LOCATION.test(s)) return { kind: 'location' };
  if (PAYMENT.test(s) && !PRICE.test(s.replace(PAYMENT, ''))) return { kind: 'payment' };
  if (HOURS.test(s)) return { kind: 'hours' };
  const area = AREA.exec(s);
  if (area) {
    const place = (area[1] ?? '').replace(/^(?:la|el|los|las)\s+/, '').trim();
    if (place !== '' && !NOT_AN_AREA.test(place)) return { kind: 'delivery_area', area: place };
  }
  if (DELIVERY.test(s)) return { kind: 'delivery' };
  const price = PRICE.exec(s);
  if (price) {
    const product = productOf(price.slice(1).find((g) => g !== undefined));
    return product ? { kind: 'price', product } : { kind: 'price' };
  }
  const kinds = KINDS_OF.exec(s);
  const kindsOf = productOf(kinds?.[1]);
  if (kindsOf) return { kind: 'availability', product: kindsOf };
  const available = AVAILABILITY.exec(s);
  if (available) {
    const words = (available[1] ?? '').split(' ');
    if (CATALOG_WORDS.has(words[0] ?? '')) return null;
    const product = productOf(available[1]);
    if (product) return { kind: 'availability', product };
  }
  return null;
}
