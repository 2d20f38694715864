// Peru: greetings ("hola causa", "buenas"), vocatives ("casera", "caserita", "pe"; "causa" inside "hola causa", "gracias causa"),
// affirmatives ("ya", "ya pe", "ya está", "chévere", "de hecho", "de todas maneras", "normal"),
// order openers ("me separas", "me mandas", "me alcanzas", "me vendes").
// Reviewed: written by the NLU engineer from Peruvian chat usage, checked against
// eval/corpus/pe.jsonl; not yet read by a native speaker.
import type { Lexicon } from './lexicon.types.ts';

export const pe: Lexicon = {
  region: 'pe',
  greetings: ['hola causa', 'que tal causa', 'buenas causa', 'buenas casera', 'hola casera'],
  // Not "pata" (a trotter at the butcher's) nor "causa" alone (a Peruvian dish): a vocative is cut
  // at the edges of a message, where a product name can also be. "hola causa" and "gracias causa" are phrases.
  vocatives: ['casera', 'caserita', 'casero', 'caserito', 'amigo', 'senito', 'mamita', 'papito', 'pe'],
  politeness: ['porfa', 'porfis', 'por favorcito'],
  thanks: ['gracias causa', 'gracias casera', 'muchas gracias casera'],
  affirm: ['ya', 'ya pe', 'ya ya', 'ya esta', 'ya esta bien', 'chevere', 'de hecho', 'de hecho que si', 'de todas maneras',
    'normal', 'ya normal', 'ok ya', 'ya dale', 'claro pe', 'si pe', 'listo pe', 'ya confirmo', 'bacan'],
  deny: ['no pe', 'nada que ver', 'no todavia', 'todavia no'],
  ack: ['ok ok', 'oki', 'ya ok'],
  joiners: ['pe', 'nomas', 'ya'],
  orderOpeners: ['me separas', 'me separa', 'separame', 'me alcanzas', 'me alcanza', 'alcanzame', 'me vendes', 'me mandas',
    'me envias', 'me traes'],
  fillers: ['al toque', 'al toquesito', 'rapidito'],
  abbreviations: { xq: 'porque' },
};
