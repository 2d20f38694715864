// Central America (Guatemala, El Salvador, Honduras, Nicaragua, Costa Rica, Panamá): greetings
// ("qué onda", "pura vida", "diay", "buenas"), vocatives ("vos", "mae", "chele", "maje", "vos"),
// affirmatives ("va pues", "vaya pues", "de ley", "cabal", "simón", "a la orden", "chévere",
// "tuanis"), negatives ("nel", "nombre"), order openers ("me regala", "regáleme", "me apunta").
// Reviewed: written by the NLU engineer from Central American chat usage, checked against
// eval/corpus/ca.jsonl; not yet read by a native speaker of each country.
import type { Lexicon } from './lexicon.types.ts';

export const ca: Lexicon = {
  region: 'ca',
  greetings: ['que onda', 'pura vida', 'diay', 'diay mae', 'buenas', 'que tal', 'que ondas', 'hola vos', 'que hubo',
    'que xopa', 'quiubo'],
  vocatives: ['vos', 'mae', 'maje', 'chele', 'cipote', 'muchacho', 'muchacha', 'joven', 'fijese', 'mire', 'vea', 'hermano'],
  politeness: ['por favor', 'porfa', 'regaleme el favor', 'si me hace el favor'],
  thanks: ['muy amable', 'gracias mae', 'dios se lo pague', 'que dios le bendiga'],
  affirm: ['va pues', 'vaya pues', 'vaya', 'de ley', 'cabal', 'simon', 'a la orden', 'chevere', 'si pues', 'dale pues',
    'claro que si', 'claro', 'pues si', 'si senor', 'si senora', 'de viaje', 'sale pues'],
  deny: ['nel', 'nombre', 'no pues', 'nel pues'],
  ack: ['tuanis', 'ok', 'vaya ok', 'esta bueno', 'ta bueno'],
  joiners: ['pues', 've', 'vos', 'mire'],
  orderOpeners: ['me regala', 'regaleme', 'me apunta', 'apunteme', 'me manda', 'mandeme', 'me da', 'deme', 'me vende',
    'me trae', 'me despacha'],
  fillers: ['ahorita', 'orita'],
  abbreviations: { vd: 'verdad' },
};
