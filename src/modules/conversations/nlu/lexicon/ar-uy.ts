// Argentina and Uruguay (voseo): greetings ("hola che", "buenas", "¿cómo andás?"), vocatives
// ("che", "bo", "loco"), affirmatives ("dale", "de una", "joya", "ta", "bárbaro", "obvio"),
// negatives ("nah", "ni ahí", "no che"), voseo order openers ("mandame", "pasame", "traeme",
// "poneme", "precisaría").
// Reviewed: written by the NLU engineer from Rioplatense chat usage, checked against
// eval/corpus/ar.jsonl; not yet read by a native speaker.
import type { Lexicon } from './lexicon.types.ts';

export const arUy: Lexicon = {
  region: 'ar',
  greetings: ['como andas', 'como va', 'como anda', 'que haces', 'hola como andas', 'todo bien', 'buenas buenas'],
  vocatives: ['che', 'bo', 'loco', 'genio', 'capo', 'maestro', 'amigo'],
  politeness: ['porfa', 'si podes', 'si puede'],
  thanks: ['gracias genio', 'mil gracias genio', 'graciasss', 'gracias capo'],
  affirm: ['de una', 'joya', 'barbaro', 'dale dale', 'dale nomas', 'ta', 'ta bien', 'esta bien', 'obvio', 'si obvio',
    'listo dale', 'perfecto dale', 'buenisimo dale', 'va de una', 'si si', 'sisi', 'de 10'],
  deny: ['ni ahi', 'no che', 'nah', 'na', 'para nada', 'ni en pedo'],
  ack: ['oka', 'okis', 'joya nomas'],
  joiners: ['che', 'bo', 'nomas', 'asi', 're'],
  orderOpeners: ['precisaria', 'preciso', 'poneme', 'pasame', 'traeme', 'mandame', 'enviame', 'haceme', 'te pido',
    'te encargo', 'me mandas', 'me traes', 'me pasas', 'me podes mandar', 'me podes traer', 'me podrias pasar'],
  fillers: ['al toque', 'ya mismo'],
  abbreviations: { tenes: 'tenes', bsas: 'buenos aires', xq: 'porque' },
};
