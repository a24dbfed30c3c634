/**
 * Intake on front sheets it was not built on: every fact of every corpus report, and the corpus score (facts
 * found / facts present, and values invented) printed and held to a floor.
 */
import { corpus, fixtureText, scoreFacts, type FactResult } from '../../../fixtures/intake/corpus';
import { proposeRun, type IntakeAnswer } from '../../../../functions/domain/intake/proposeRun';
import { loadPdfjsOutsideSandbox } from '../../../fixtures/intake/pdfjsInJest';

const read = new Map<string, { text: string; answer: IntakeAnswer; facts: FactResult[] }>();

beforeAll(async () => {
  await loadPdfjsOutsideSandbox();
  for (const f of corpus) {
    const text = await fixtureText(f);
    const answer = proposeRun(text, { today: f.today });
    read.set(f.id, { text, answer, facts: scoreFacts(answer, f.facts) });
  }
});

describe.each(corpus.map((f) => [f.id, f] as const))('the %s front sheet', (id, f) => {
  it(`(${f.format}: ${f.layout}) yields every fact it gives and invents none`, () => {
    const { facts } = read.get(id)!;
    expect(facts.filter((r) => !r.found).map((r) => [r.fact, r.expected, r.got])).toEqual([]);
  });

  it('cites for every field the very line it was read from', () => {
    const { text, answer } = read.get(id)!;
    const lines = text.split(/\r\n|\r|\n/);
    for (const [field, source] of Object.entries(answer.sources)) expect([field, lines[source.line - 1]]).toEqual([field, source.text]);
  });
});

describe('the corpus', () => {
  it('has at least 15 front sheets in distinct layouts, pasted, Word and PDF', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    expect(new Set(corpus.map((f) => f.layout)).size).toBe(corpus.length);
    expect(new Set(corpus.map((f) => f.format))).toEqual(new Set(['text', 'docx', 'pdf']));
  });

  it('scores at least 95% of facts found and none invented', () => {
    const all = [...read.values()].flatMap((r) => r.facts);
    const found = all.filter((r) => r.found).length;
    const invented = all.filter((r) => r.invented);
    const score = found / all.length;
    console.log(`intake corpus: ${found}/${all.length} facts found (${(score * 100).toFixed(1)}%), ${invented.length} invented, ${corpus.length} front sheets`);
    expect(invented.map((r) => [r.fact, r.got])).toEqual([]);
    expect(score).toBeGreaterThanOrEqual(0.95);
  });
});
