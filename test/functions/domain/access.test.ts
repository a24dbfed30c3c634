import { answerCapacity, assertCanAnswer, assertCanRead } from '../../../functions/domain/access';
import type { Actor } from '../../../functions/domain/actor';
import type { RunSnapshot, Signoff } from '../../../functions/domain/runModel';
import { onBehalfOf } from '../../../functions/domain/signoffAnswers';

const signoff = { id: 'legal', area: 'Legal', officer: { name: 'Keith Trowell', email: 'keith@x.gov.uk' } } as Signoff;
const snapshot = { meta: { plan: { author: { name: 'Terry', email: 'terry@x.gov.uk' } } }, signoffs: [signoff] } as unknown as RunSnapshot;
const who = (email: string, ...roles: Actor['roles']): Actor => ({ email, name: email, roles });
const dana = who('dana@x.gov.uk', 'officer');

describe('who may answer a sign-off, deputies included', () => {
  it('is its officer, a clerk, or the acting deputy of its officer while they are away', () => {
    expect(answerCapacity(who('keith@x.gov.uk'), signoff)).toBe('officer');
    expect(answerCapacity(who('cleo@x.gov.uk', 'clerk'), signoff)).toBe('clerk');
    expect(answerCapacity(dana, signoff)).toBeUndefined();
    expect(answerCapacity(dana, signoff, new Set(['keith@x.gov.uk']))).toBe('deputy');
    // A clerk who stands in as the deputy answers as the deputy.
    expect(answerCapacity(who('dana@x.gov.uk', 'clerk'), signoff, new Set(['keith@x.gov.uk']))).toBe('deputy');
  });

  it('lets the deputy read the run and answer, and says in the audit trail that they answered as deputy', () => {
    expect(() => assertCanRead(dana, snapshot)).toThrow(/named on a run/);
    expect(() => assertCanAnswer(dana, signoff)).toThrow(/their deputy while they are away/);
    const standIns = new Set(['keith@x.gov.uk']);
    expect(() => assertCanRead(dana, snapshot, undefined, standIns)).not.toThrow();
    expect(() => assertCanAnswer(dana, signoff, standIns)).not.toThrow();
    expect(onBehalfOf(dana, signoff, standIns)).toBe(' on behalf of Keith Trowell, as their deputy while they are away');
    expect(onBehalfOf(who('cleo@x.gov.uk', 'clerk'), signoff)).toBe(' on behalf of Keith Trowell');
    expect(onBehalfOf(who('keith@x.gov.uk'), signoff)).toBe('');
  });
});
