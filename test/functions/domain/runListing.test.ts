import { bodyIdOf, runListQuerySchema, wordsOf } from '../../../functions/domain/runListing';

describe('the runs list rules', () => {
  it('makes a body id from its name with the shared slug rule', () => {
    expect(bodyIdOf('Full Council')).toBe('full-council');
    expect(bodyIdOf('Overview & Scrutiny Committee')).toBe('overview-scrutiny-committee');
    expect(bodyIdOf('Comité Général')).toBe('comite-general');
    expect(bodyIdOf('!!!')).toBe('');
  });

  it('splits a title into lower-case words of letters and digits', () => {
    expect(wordsOf('Community Safety Partnership Plan 2017/18')).toEqual(['community', 'safety', 'partnership', 'plan', '2017', '18']);
  });

  it('reads empty parameters as none, defaults the limit to 50 and refuses what the contract refuses, by field', () => {
    expect(runListQuerySchema.parse({ status: '', body: ' ', cursor: '' })).toEqual({ limit: 50 });
    const fieldsOf = (query: Record<string, string>) => runListQuerySchema.safeParse(query).error?.issues.map((i) => i.path.join('.'));
    expect(fieldsOf({ limit: '200' })).toBeUndefined();
    expect(fieldsOf({ limit: '201' })).toEqual(['limit']);
    expect(fieldsOf({ q: 'one two three four five six seven eight nine ten eleven' })).toEqual(['q']);
    expect(fieldsOf({ officer: 'k\ud800@example.gov.uk' })).toEqual(['officer']);
  });
});
