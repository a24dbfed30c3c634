/**
 * Publication deadlines and sign-off due dates across the bank holidays that move (substitute days, the VE Day
 * and Platinum Jubilee changes, one-off holidays), as POST /api/runs answers them and GET shows them. Every date
 * is worked out by hand from the gov.uk lists of England and Wales bank holidays.
 */
import type { TestStack } from '../support/localStack';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const author = person('Anna Marshall', 'anna.marshall@folkestone-hythe.example.gov.uk');
const legal = person('Amandeep Khroud', 'amandeep.khroud@folkestone-hythe.example.gov.uk');
const clerk = as(person('Kate Clark', 'kate.clark@folkestone-hythe.example.gov.uk'), 'clerk');

type Case = [sentence: string, meetingDate: string, clearDays: { count: number; excludeNonWorkingDays: boolean }, publishBy: string, dueBy: string];
const FIVE_WORKING = { count: 5, excludeNonWorkingDays: true };

const cases: Case[] = [
  // 4 and 3 January, 30, 29 and 28 December clear: 2 January, 27 and 26 December are bank holidays.
  ['skips Christmas 2016’s substitute day and the New Year’s', '2017-01-05', FIVE_WORKING, '2016-12-23', '2016-12-16'],
  ['counts calendar days over Christmas, then goes back to a working day', '2017-01-05', { count: 10, excludeNonWorkingDays: false }, '2016-12-23', '2016-12-16'],
  ['skips Good Friday and Easter Monday before a Tuesday meeting', '2017-04-18', FIVE_WORKING, '2017-04-06', '2017-03-30'],
  // In 2020 the early May bank holiday moved to Friday 8 May (VE Day): Monday 4 May was a working day.
  ['follows the early May bank holiday of 2020 to VE Day', '2020-05-14', FIVE_WORKING, '2020-05-05', '2020-04-28'],
  // Christmas 2021 fell on a Saturday: 27 and 28 December were the substitute days; 3 January 2022 the New Year's.
  ['skips the substitute days of Christmas 2021 and New Year 2022', '2022-01-06', FIVE_WORKING, '2021-12-24', '2021-12-17'],
  // In 2022 the spring bank holiday moved to Thursday 2 June, with Friday 3 June for the Platinum Jubilee.
  ['follows the spring bank holiday of 2022 to the Platinum Jubilee', '2022-06-09', FIVE_WORKING, '2022-05-30', '2022-05-23'],
  ['skips the State Funeral of 19 September 2022', '2022-09-22', FIVE_WORKING, '2022-09-13', '2022-09-06'],
  ['skips the Coronation of 8 May 2023 and the early May bank holiday', '2023-05-11', FIVE_WORKING, '2023-05-02', '2023-04-24'],
];

describe('publication deadlines and sign-off due dates around bank holidays', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startStackAt('2016-11-28');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it.each(cases)('%s', async (sentence, meetingDate, clearDays, publishBy, dueBy) => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: `Community Safety Partnership Plan: ${sentence}`, author },
        clearDays,
        stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate }],
        signoffs: [{ area: 'Legal', officer: legal }],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    expect([res.body.stages[0].publishBy, res.body.signoffs[0].dueBy]).toEqual([publishBy, dueBy]);
    const run = (await t.api.get(`/api/runs/${res.body.runId}`, { as: clerk })).body;
    expect([run.stages[0].publishBy, run.signoffs[0].dueBy]).toEqual([publishBy, dueBy]);
  });
});
