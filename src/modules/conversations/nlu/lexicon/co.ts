// Colombia: greetings ("qué más", "quiubo", "buenas veci"), vocatives ("veci", "parce",
// "sumercé", "mi amor"), politeness ("me hace el favor", "regáleme"), affirmatives ("listo",
// "de una", "hágale", "bacano", "claro que sí", "con mucho gusto"), order openers ("me regala",
// "regáleme", "me envía", "me hace el favor y me manda").
// Reviewed: written by the NLU engineer from Colombian chat usage, checked against
// eval/corpus/co.jsonl; not yet read by a native speaker.
import type { Lexicon } from './lexicon.types.ts';

export const co: Lexicon = {
  region: 'co',
  greetings: ['que mas', 'que mas pues', 'quiubo', 'quiubo pues', 'que hubo', 'buenas veci', 'hola veci', 'como me le va',
    'como vamos', 'que mas veci'],
  vocatives: ['veci', 'vecino', 'vecina', 'parce', 'parcero', 'sumerce', 'mi amor', 'mi reina', 'mi rey', 'mijo', 'mija',
    'amiga', 'don'],
  politeness: ['me hace el favor', 'me hace el favor y', 'hagame el favor', 'hagame el favor y', 'me hace un favor',
    'si me hace el favor', 'por favorcito', 'porfis'],
  thanks: ['con mucho gusto', 'muy amable', 'mil gracias veci', 'gracias veci', 'dios le pague', 'que dios le pague'],
  affirm: ['listo', 'de una', 'hagale', 'hagale pues', 'dale pues', 'bacano', 'bacan', 'claro que si', 'claro', 'si senor',
    'si senora', 'listo pues', 'listo de una', 'si claro', 'melo', 'de una veci', 'a la orden'],
  deny: ['no senor', 'no senora', 'no veci', 'nada'],
  ack: ['vale', 'okis', 'ok veci', 'listo veci'],
  joiners: ['pues', 'veci', 'ahi'],
  orderOpeners: ['me regala', 'me regalas', 'regaleme', 'regalame', 'me hace el favor y me manda', 'me manda', 'mandeme',
    'me envia', 'enviame', 'me vende', 'me colabora con', 'me despacha', 'despacheme', 'me trae', 'traigame'],
  fillers: ['ahorita', 'de una vez'],
  abbreviations: { q: 'que', mk: 'parce', bn: 'bien' },
};
