// The corpus score (eval/corpus/*.jsonl, scored by eval/nlu-eval.ts) never falls below the floor
// in eval/floor.json. When a change raises it, raise the floor in the same commit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus, formatReport, loadCorpus } from '../../eval/nlu-eval.ts';

type Floor = { intent: { overall: number; regions: Record<string, number> }; slots: number; utterances: number };
const floor = JSON.parse(readFileSync(new URL('../../eval/floor.json', import.meta.url), 'utf8')) as Floor;

describe('NLU corpus', () => {
  const corpus = loadCorpus();
  const report = evaluateCorpus(corpus);
  const explain = (): string => formatReport(report);

  it('has at least 400 utterances, 60 in each of the six regions, none dropped', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(Math.max(400, floor.utterances));
    const perRegion = new Map<string, number>();
    for (const u of corpus) perRegion.set(u.region, (perRegion.get(u.region) ?? 0) + 1);
    expect([...perRegion.keys()].sort()).toEqual(['ar', 'ca', 'cl', 'co', 'mx', 'pe']);
    for (const n of perRegion.values()) expect(n).toBeGreaterThanOrEqual(60);
  });

  it('understands the intent at least as well as the floor, overall and in every region', () => {
    expect(report.intent.overall, explain()).toBeGreaterThanOrEqual(floor.intent.overall);
    for (const [region, min] of Object.entries(floor.intent.regions)) {
      expect(report.intent.regions[region], `${region}\n${explain()}`).toBeGreaterThanOrEqual(min);
    }
  });

  it('reads products, quantities, edits, questions, times and codes at least as well as the floor', () => {
    expect(report.slots.overall, explain()).toBeGreaterThanOrEqual(floor.slots);
  });
});
