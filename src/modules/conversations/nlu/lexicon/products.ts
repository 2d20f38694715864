// Regional names of the same product, so a Chilean's "palta" finds the shop's "Aguacate" and a
// Colombian's "mazorca" the "Elote". Only names that mean the same thing everywhere they are
// used: "plátano" is left out (a banana in Mexico, a plantain in Colombia and Central America),
// and so are "tomate"/"jitomate" (in Mexico "tomate" is often the green tomatillo).
// Reviewed: written by the NLU engineer from regional usage, checked against eval/corpus; not
// yet read by a native speaker of each country.
import { normalizeText, wordKey } from '../normalize.ts';

const SAME_PRODUCT: readonly (readonly string[])[] = [
  ['aguacate', 'palta'],
  ['fresa', 'frutilla'],
  ['elote', 'choclo', 'mazorca'],
  ['frijol', 'frejol', 'poroto', 'caraota'],
  ['banana', 'banano', 'guineo', 'cambur'],
  ['calabaza', 'zapallo', 'ahuyama', 'auyama'],
  ['durazno', 'melocoton'],
  ['arveja', 'chicharo', 'guisante'],
  ['camote', 'batata', 'boniato'],
  ['maracuya', 'parchita'],
  ['papaya', 'lechosa'],
  ['chile', 'aji'],
  ['cacahuate', 'cacahuete', 'mani'],
  ['habichuela', 'ejote', 'vainita'],
];

const CANONICAL = new Map<string, string>();
for (const group of SAME_PRODUCT) {
  const first = wordKey(normalizeText(group[0] ?? ''));
  for (const name of group) {
    const words = normalizeText(name).split(' ');
    if (words.length === 1) CANONICAL.set(wordKey(words[0] ?? ''), first);
  }
}

/** One key for every regional name of a product word (its word key otherwise). */
export const productWordKey = (key: string): string => CANONICAL.get(key) ?? key;
