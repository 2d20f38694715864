// Mexico: greetings and fillers ("qué onda", "quiubo", "oiga joven"), affirmatives ("órale",
// "sale", "simón", "ándale", "va que va"), negatives ("nel", "nel pastel"), order openers
// ("ocupo", "me regala", "me pone").
// Reviewed: written by the NLU engineer from Mexican chat usage, checked against
// eval/corpus/mx.jsonl; not yet read by a native speaker.
import type { Lexicon } from './lexicon.types.ts';

export const mx: Lexicon = {
  region: 'mx',
  greetings: ['que onda', 'q onda', 'quiubo', 'quiubole', 'que hubo', 'que pex', 'que pedo', 'bueno', 'buen dia joven',
    'que tal joven'],
  vocatives: ['joven', 'senito', 'guero', 'guera', 'mija', 'mijo', 'compa', 'carnal', 'amigue', 'oiga joven', 'disculpe joven'],
  politeness: ['porfis', 'por fis', 'de favorcito', 'porfavorcito', 'si me hace el favor'],
  thanks: ['gracias joven', 'muchas gracias joven', 'mil gracias'],
  affirm: ['orale', 'orale va', 'sale', 'sale pues', 'simon', 'andale', 'va que va', 'si va', 'si sale', 'si orale',
    'claro que si', 'sobres', 'chido', 'si dale', 'a huevo', 'arre'],
  deny: ['nel', 'nel pastel', 'nones', 'no joven', 'siempre no', 'nomas no', 'nop'],
  ack: ['va', 'sale y vale', 'ta bueno', 'esta bueno', 'okas'],
  joiners: ['pues', 'joven', 've', 'ahi'],
  orderOpeners: ['ocupo', 'me regala', 'me regalas', 'me pone', 'me pones', 'me manda', 'me da', 'me vende', 'quiero que me mande',
    'me echa', 'me echas', 'echame', 'me llevas', 'me lleva'],
  fillers: ['ahorita', 'orita', 'al rato'],
  abbreviations: { xfis: 'por favor', sta: 'esta', aki: 'aqui', ps: 'pues', pos: 'pues', wey: 'oye', we: 'oye' },
};
