// Common Spanish: what customers of every region write (general greetings, "sí", "no", "ok",
// "gracias", "por favor" and the chat abbreviations). Region files add only their own words.
// Reviewed: written by the NLU engineer from general chat usage and checked line by line against
// eval/corpus/*.jsonl (the corpus was written first, as customers write); not yet read by a
// native speaker of each country.
import type { Lexicon } from './lexicon.types.ts';

export const common: Lexicon = {
  region: 'common',
  greetings: ['hola', 'holi', 'holis', 'ola', 'buenas', 'buen dia', 'buenos dias', 'buenas tardes', 'buenas noches',
    'buenas buenas', 'que tal', 'saludos', 'hey', 'hi', 'hello', 'como esta', 'como estas', 'como le va', 'como te va',
    'muy buenos dias', 'muy buenas tardes', 'muy buenas noches', 'feliz dia'],
  // Not "doña": typed without the tilde it is "dona", a doughnut in Mexico.
  vocatives: ['amigo', 'amiga', 'joven', 'senor', 'senora', 'senorita', 'don', 'jefe', 'jefa', 'vecino', 'vecina',
    'oye', 'oiga', 'disculpe', 'disculpa', 'perdon', 'una pregunta', 'una consulta', 'consulta', 'pregunta'],
  politeness: ['por favor', 'porfa', 'porfavor', 'porfis', 'porfi', 'xfa', 'xfavor', 'pf', 'plis', 'pls', 'please',
    'de favor', 'si es tan amable', 'si fuera tan amable', 'si puedes', 'si se puede'],
  thanks: ['gracias', 'muchas gracias', 'mil gracias', 'muchisimas gracias', 'grax', 'grs', 'thx', 'thanks',
    'te agradezco', 'le agradezco', 'se agradece', 'muy amable', 'muy amables', 'agradecido', 'agradecida', 'gracias mil'],
  affirm: ['si', 'sip', 'sipi', 'claro', 'claro que si', 'por supuesto', 'dale', 'de acuerdo', 'correcto', 'exacto',
    'asi es', 'confirmo', 'confirmado', 'confirmar', 'esta bien', 'asi esta bien', 'listo', 'obvio', 'obviamente',
    'afirmativo', 'adelante', 'seguro', 'si quiero', 'si confirmo', 'yes'],
  deny: ['no', 'nop', 'nope', 'nel', 'nah', 'negativo', 'para nada', 'todavia no', 'aun no', 'mejor no', 'no quiero',
    'esta mal', 'asi esta mal', 'eso no', 'nada mas', 'nada'],
  ack: ['ok', 'okay', 'okey', 'oki', 'okis', 'oka', 'okas', 'okk', 'vale', 'va', 'bien', 'muy bien', 'entendido',
    'enterado', 'enterada', 'perfecto', 'genial', 'excelente', 'super', 'buenisimo', 'bueno', 'ah ok', 'ah bueno',
    'okidoki', 'sale y vale'],
  joiners: ['pues', 'asi', 'entonces', 'que', 'y', 'ah', 'oh', 'eh', 'mmm', 'mm', 'este', 'dejalo', 'dejalo asi',
    'todavia', 'por ahora', 'muchas', 'mil', 'a', 'lo', 'por', 'todo'],
  orderOpeners: ['quiero', 'quisiera', 'queria', 'quiero pedir', 'quisiera pedir', 'queria pedir', 'quiero ordenar',
    'necesito', 'necesitaria', 'me das', 'me da', 'dame', 'deme', 'me manda', 'me mandas', 'me mandan', 'mandame',
    'mandeme', 'manda', 'mande', 'me envia', 'me envias', 'me envian', 'enviame', 'envieme', 'me trae', 'me traes',
    'me traen', 'traeme', 'traigame', 'me puede mandar', 'me puedes mandar', 'me pueden mandar', 'me podria mandar',
    'me podrias mandar', 'me puede traer', 'me puedes traer', 'me pueden traer', 'me podrian traer', 'me puede enviar',
    'me puedes enviar', 'me vende', 'me vendes', 'me venden', 'me pasas', 'me pasa', 'pasame', 'paseme', 'me anotas',
    'anotame', 'me apuntas', 'me apunta', 'apuntame', 'me separas', 'me separa', 'separame', 'me apartas', 'me aparta',
    'apartame', 'te encargo', 'le encargo', 'encargo', 'pido', 'quiero que me mandes', 'quiero que me traigan',
    'agregame', 'agrega', 'agregale', 'agregue', 'agreguele', 'agregueme', 'agreguen', 'agreguenle', 'sumale', 'sumele',
    'sumame', 'sumeme', 'anademe', 'anadele', 'anadale', 'incluye', 'incluyeme', 'incluya', 'me urge', 'urge',
    'me hace falta', 'me falta', 'ponme', 'pongame', 'me pones', 'me pone', 'son', 'serian', 'van a ser', 'tambien'],
  fillers: ['ahorita', 'ahora', 'lo antes posible', 'cuanto antes', 'urgente', 'rapido', 'rapidito', 'por fa'],
  abbreviations: {
    q: 'que', k: 'que', ke: 'que', xq: 'porque', pq: 'porque', pk: 'porque', tmb: 'tambien', tb: 'tambien',
    tbn: 'tambien', tmbn: 'tambien', x: 'por', d: 'de', pa: 'para', toy: 'estoy', tons: 'entonces', xfa: 'por favor',
    xfavor: 'por favor', porfa: 'por favor', porfavor: 'por favor', pf: 'por favor', bn: 'bien', msj: 'mensaje',
    dnd: 'donde', cdo: 'cuando', qtal: 'que tal', sta: 'esta', stoy: 'estoy', ntp: 'no te preocupes',
  },
};
