import { oneLineText, personSchema, planSchema } from '../../../functions/domain/runModel';

describe('oneLineText', () => {
  it('keeps valid Unicode on one line, astral characters included', () => {
    expect(oneLineText(50).parse(' Plan\r\n 😀  2017 ')).toBe('Plan 😀 2017');
  });

  it('refuses a lone surrogate, which no e-mail can encode, wherever a name or title is read', () => {
    for (const bad of ['\ud800', 'Plan \udfff', 'x\ud83d']) expect(oneLineText(50).safeParse(bad).success).toBe(false);
    expect(personSchema.safeParse({ name: 'Jo \ud800', email: 'jo@example.gov.uk' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
    const plan = planSchema.safeParse({ title: '\ud800', author: { name: 'Jo', email: 'jo@example.gov.uk' } });
    expect(plan.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['title', expect.stringContaining('not valid Unicode')]]);
  });
});
