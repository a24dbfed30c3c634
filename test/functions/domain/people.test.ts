import { DomainError } from '../../../functions/domain/errors';
import {
  actingDeputy,
  checkPerson,
  checkRemoval,
  deputyChain,
  isAway,
  lookupOf,
  officerOf,
  peopleOfArea,
  personInputSchema,
  standsInFor,
  type DirectoryPerson,
} from '../../../functions/domain/people';

function person(email: string, more: Partial<DirectoryPerson> = {}): DirectoryPerson {
  return {
    email,
    name: email.split('@')[0],
    jobTitle: null,
    area: null,
    roles: ['officer'],
    deputy: null,
    away: false,
    awayUntil: null,
    updatedAt: '2017-01-09T09:00:00.000Z',
    updatedBy: { name: 'Ada', email: 'ada@example.gov.uk' },
    ...more,
  };
}

const input = (more: Record<string, unknown> = {}) => personInputSchema.parse({ name: 'Someone', ...more });

function problemOf(fn: () => void): { code: string; fields: Record<string, string>; rule?: string } {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { code: err.code, fields: err.fields ?? {}, rule: Object.values(err.problems ?? {})[0]?.rule };
  }
  throw new Error('did not throw');
}

describe('the person input', () => {
  it('takes blank optional fields as none, lower-cases the deputy and drops repeated roles', () => {
    expect(personInputSchema.parse({ name: '  Keith   Trowell ', jobTitle: '', area: ' ', deputy: 'B.Lee@Example.gov.uk', roles: ['officer', 'officer'], awayUntil: '' })).toEqual({
      name: 'Keith Trowell',
      jobTitle: null,
      area: null,
      roles: ['officer'],
      deputy: 'b.lee@example.gov.uk',
      away: false,
      awayUntil: null,
    });
  });

  it('names each bad field', () => {
    const parsed = personInputSchema.safeParse({ name: '', roles: ['mayor'], deputy: 'not-an-address', away: 'yes', awayUntil: '2017-02-30' });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['away', 'awayUntil', 'deputy', 'name', 'roles.0']);
  });
});

describe('away', () => {
  it('is the flag, or every day up to and including the away-until date', () => {
    expect(isAway({ away: true, awayUntil: null }, '2017-01-09')).toBe(true);
    expect(isAway({ away: false, awayUntil: null }, '2017-01-09')).toBe(false);
    expect(isAway({ away: false, awayUntil: '2017-01-09' }, '2017-01-09')).toBe(true);
    expect(isAway({ away: false, awayUntil: '2017-01-09' }, '2017-01-10')).toBe(false);
    expect(isAway({ away: false, awayUntil: '2017-01-20' }, '2017-01-09')).toBe(true);
  });
});

describe('deputies', () => {
  const today = '2017-01-09';

  it('stand in only for an officer who is away', () => {
    const lookup = lookupOf([person('a@x.gov.uk', { deputy: 'b@x.gov.uk' }), person('b@x.gov.uk')]);
    expect(actingDeputy('a@x.gov.uk', lookup, today)).toBeUndefined();
    const away = lookupOf([person('a@x.gov.uk', { deputy: 'b@x.gov.uk', awayUntil: '2017-01-13' }), person('b@x.gov.uk')]);
    expect(actingDeputy('a@x.gov.uk', away, today)?.email).toBe('b@x.gov.uk');
    expect(actingDeputy('a@x.gov.uk', away, '2017-01-16')).toBeUndefined();
  });

  it('follow the chain past deputies who are away themselves, to the first one who is not', () => {
    const lookup = lookupOf([
      person('a@x.gov.uk', { deputy: 'b@x.gov.uk', away: true }),
      person('b@x.gov.uk', { deputy: 'c@x.gov.uk', away: true }),
      person('c@x.gov.uk', { deputy: 'd@x.gov.uk' }),
      person('d@x.gov.uk'),
    ]);
    expect(actingDeputy('a@x.gov.uk', lookup, today)?.email).toBe('c@x.gov.uk');
    expect(actingDeputy('b@x.gov.uk', lookup, today)?.email).toBe('c@x.gov.uk');
  });

  it('leave nobody when everyone along the chain is away, the deputy is unknown or the officer is not in the directory', () => {
    const allAway = lookupOf([person('a@x.gov.uk', { deputy: 'b@x.gov.uk', away: true }), person('b@x.gov.uk', { away: true })]);
    expect(actingDeputy('a@x.gov.uk', allAway, today)).toBeUndefined();
    const gap = lookupOf([person('a@x.gov.uk', { deputy: 'gone@x.gov.uk', away: true })]);
    expect(actingDeputy('a@x.gov.uk', gap, today)).toBeUndefined();
    expect(actingDeputy('nobody@x.gov.uk', gap, today)).toBeUndefined();
  });

  it('never walk round a loop (one stored by two writers racing): the walk ends where it began', () => {
    const loop = lookupOf([
      person('a@x.gov.uk', { deputy: 'b@x.gov.uk', away: true }),
      person('b@x.gov.uk', { deputy: 'c@x.gov.uk', away: true }),
      person('c@x.gov.uk', { deputy: 'a@x.gov.uk', away: true }),
    ]);
    expect(deputyChain('a@x.gov.uk', loop).map((p) => p.email)).toEqual(['b@x.gov.uk', 'c@x.gov.uk']);
    expect(actingDeputy('a@x.gov.uk', loop, today)).toBeUndefined();
  });

  it('tell whom a deputy stands in for among a run\'s officers', () => {
    const lookup = lookupOf([
      person('a@x.gov.uk', { deputy: 'd@x.gov.uk', away: true }),
      person('b@x.gov.uk', { deputy: 'd@x.gov.uk' }),
      person('d@x.gov.uk'),
    ]);
    expect([...standsInFor('d@x.gov.uk', ['a@x.gov.uk', 'b@x.gov.uk', 'd@x.gov.uk'], lookup, today)]).toEqual(['a@x.gov.uk']);
    expect([...standsInFor('b@x.gov.uk', ['a@x.gov.uk'], lookup, today)]).toEqual([]);
  });
});

describe('storing a person', () => {
  const directory = [
    person('a@x.gov.uk', { deputy: 'b@x.gov.uk' }),
    person('b@x.gov.uk', { deputy: 'c@x.gov.uk' }),
    person('c@x.gov.uk'),
  ];

  it('refuses a person who is their own deputy', () => {
    expect(problemOf(() => checkPerson('c@x.gov.uk', input({ deputy: 'C@x.gov.uk' }), directory))).toMatchObject({ code: 'invalid-input', rule: 'own-deputy', fields: { deputy: expect.any(String) } });
  });

  it('refuses a deputy who is not in the directory', () => {
    expect(problemOf(() => checkPerson('c@x.gov.uk', input({ deputy: 'z@x.gov.uk' }), directory))).toMatchObject({ code: 'invalid-input', rule: 'unknown-deputy' });
  });

  it('refuses a deputy whose chain comes back, naming the loop', () => {
    const p = problemOf(() => checkPerson('c@x.gov.uk', input({ deputy: 'a@x.gov.uk' }), directory));
    expect(p).toMatchObject({ code: 'invalid-input', rule: 'deputy-loop' });
    expect(p.fields.deputy).toContain('c@x.gov.uk -> a@x.gov.uk -> b@x.gov.uk -> c@x.gov.uk');
    expect(problemOf(() => checkPerson('b@x.gov.uk', input({ deputy: 'a@x.gov.uk' }), directory)).rule).toBe('deputy-loop');
  });

  it('takes a deputy that makes no loop, and a change of deputy that breaks the old chain', () => {
    expect(() => checkPerson('c@x.gov.uk', input(), directory)).not.toThrow();
    expect(() => checkPerson('d@x.gov.uk', input({ deputy: 'a@x.gov.uk' }), directory)).not.toThrow();
    // a's old deputy chain ended at c; making c's deputy a is a loop, but not once a points elsewhere.
    expect(() => checkPerson('a@x.gov.uk', input({ deputy: 'c@x.gov.uk' }), directory)).not.toThrow();
  });

  it('refuses to remove someone who is another person\'s deputy', () => {
    expect(problemOf(() => checkRemoval('b@x.gov.uk', directory))).toMatchObject({ code: 'conflict', rule: 'is-a-deputy', fields: { email: 'is the deputy of a@x.gov.uk' } });
    expect(() => checkRemoval('a@x.gov.uk', directory)).not.toThrow();
  });
});

describe('the directory for sign-offs', () => {
  it('finds the people of an area whatever its case, and makes an officer with the job title as role', () => {
    const people = [person('z@x.gov.uk', { name: 'Zoe', area: 'Legal' }), person('k@x.gov.uk', { name: 'Keith', area: 'legal ', jobTitle: 'Senior Lawyer (Corporate Governance)' }), person('f@x.gov.uk', { area: 'Finance' })];
    expect(peopleOfArea(people, 'LEGAL').map((p) => p.name)).toEqual(['Keith', 'Zoe']);
    expect(officerOf(people[1])).toEqual({ name: 'Keith', email: 'k@x.gov.uk', role: 'Senior Lawyer (Corporate Governance)' });
    expect(officerOf(people[0])).toEqual({ name: 'Zoe', email: 'z@x.gov.uk' });
  });
});
