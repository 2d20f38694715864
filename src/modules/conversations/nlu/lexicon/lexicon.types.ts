// The shape of one region's word list. Phrases are written as customers type them, lower-case,
// with or without accents (they are normalised and spelling-folded when loaded).
// Defined here, not in understanding.ts (which re-exports it), so the word lists import nothing
// that imports them.
export type Region = 'mx' | 'ar' | 'co' | 'pe' | 'cl' | 'ca';

export type Lexicon = {
  region: Region | 'common';
  /** "hola", "qué onda", "wena": open a message, never a request. */
  greetings: readonly string[];
  /** Words that call the other person or open a sentence: "che", "veci", "mae", "oiga". */
  vocatives: readonly string[];
  /** "por favor" and its spellings; "me hace el favor". */
  politeness: readonly string[];
  thanks: readonly string[];
  /** Yes-like answers at a confirmation. */
  affirm: readonly string[];
  /** No-like answers. */
  deny: readonly string[];
  /** Acknowledgements that are not a clear yes ("ok", "va", "vale"): at a confirmation the flow asks to tap. */
  ack: readonly string[];
  /** Words that only join the others inside a short answer ("pues", "po", "así"). */
  joiners: readonly string[];
  /** How a request for items opens: "mandame", "me regalas", "me separas". Removed from the request. */
  orderOpeners: readonly string[];
  /** Words with no meaning for the order anywhere in it ("al toque", "ahorita"). Removed from the request. */
  fillers: readonly string[];
  /** Whole-token abbreviations, expanded before anything else reads the message. */
  abbreviations: Readonly<Record<string, string>>;
};
