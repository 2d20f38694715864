// Chile: greetings ("wena", "wenas", "holi"), the "po" tag ("ya po", "sí po", "no po", "sipo",
// "nopo"), affirmatives ("ya", "bacán", "filete", "obvio", "al tiro", "de una"), order openers
// ("me manda", "mándeme", "me vende").
// Reviewed: written by the NLU engineer from Chilean chat usage, checked against
// eval/corpus/cl.jsonl; not yet read by a native speaker.
import type { Lexicon } from './lexicon.types.ts';

export const cl: Lexicon = {
  region: 'cl',
  greetings: ['wena', 'wenas', 'wena wena', 'buena', 'holi', 'que tal', 'como esta', 'wenas tardes', 'wenas noches',
    'wenos dias'],
  vocatives: ['compadre', 'compa', 'tia', 'tio', 'vecina', 'vecino', 'weon', 'hermano', 'po'],
  politeness: ['porfa', 'porfis', 'porfi'],
  thanks: ['gracias po', 'muchas gracias po', 'se agradece'],
  affirm: ['ya', 'ya po', 'sipo', 'si po', 'bacan', 'filete', 'obvio', 'ya dale', 'si al tiro', 'ya si', 'demas', 'de una',
    'la raja', 'cachai si', 'ya bacan'],
  deny: ['nopo', 'no po', 'ni cagando', 'no gracias po'],
  ack: ['ya ok', 'oka', 'okas', 'cachai', 'ya cacho'],
  joiners: ['po', 'poh', 'pos', 'ya'],
  orderOpeners: ['me manda', 'mandeme', 'me vende', 'me vendes', 'me trae', 'traigame', 'me podi mandar', 'me podis mandar'],
  fillers: ['al tiro', 'altiro', 'altoque'],
  abbreviations: { poh: 'po', wn: 'weon' },
};
