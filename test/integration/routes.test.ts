/**
 * Runs started on a route template (`route` in POST /api/runs), through the HTTP API only: the template's
 * stages are used when the request omits them, and a sign-off's `requiredBefore` still defaults to the first stage.
 */
import type { TestStack } from '../support/localStack';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const author = person('Terry Hughes', 'terry.hughes@example.gov.uk');
const clerk = as(person('Caroline Britt', 'caroline.britt@example.gov.uk'), 'clerk');

describe('runs started on a route template', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('uses the route’s stages, on dates to come and in order, when the request has none', async () => {
    const res = await t.api.post(
      '/api/runs',
      { plan: { title: 'Community Safety Plan 2017-20 action plan', author }, route: 'for-noting', signoffs: [{ area: 'Legal', officer: person('Ciara Feeney', 'ciara.feeney@example.gov.uk') }] },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    expect(res.body.stages.map((s: any) => [s.id, s.kind])).toEqual([['working-party', 'working-party']]);
    expect(res.body.stages[0].meetingDate >= '2017-01-09').toBe(true);
    // A date the report can still be published for: the suggestion leaves the clear days from today.
    expect(res.body.stages[0].publishBy >= '2017-01-09').toBe(true);
    expect(res.body.signoffs.map((s: any) => s.requiredBefore)).toEqual(['working-party']);
  });

  it('defaults requiredBefore to the first stage, whatever the route', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: 'Community Safety Partnership Plan 2017/18', author },
        route: 'district-executive',
        stages: [
          { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
          { id: 'management-board', body: 'Management Board', kind: 'board', meetingDate: '2017-03-01' },
          { id: 'cab', body: 'Communities Cabinet Advisory Board', kind: 'advisory', meetingDate: '2017-03-22' },
          { id: 'scrutiny', body: 'Overview and Scrutiny Committee', kind: 'scrutiny', meetingDate: '2017-04-10' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
        ],
        signoffs: [{ area: 'Equalities', officer: person('Sarah Lavallie', 'sarah.lavallie@example.gov.uk') }],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    const run = (await t.api.get(`/api/runs/${res.body.runId}`, { as: clerk })).body;
    // First stage: Thu 9 Feb 2017 -> publish by Wed 1 Feb -> due Wed 25 Jan.
    expect(run.signoffs.map((s: any) => [s.area, s.requiredBefore, s.dueBy])).toEqual([['Equalities', 'csp', '2017-01-25']]);
  });
});
