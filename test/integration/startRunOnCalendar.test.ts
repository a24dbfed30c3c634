/**
 * The start-a-run form on the council's calendar, through the real local stack: a stage whose body is on the
 * calendar picks one of its meetings, "Find the earliest dates" puts every stage at the earliest meeting that fits
 * and says why, a route whose bodies are on the calendar lands on its meetings, and rows can be removed.
 */
import { logger } from '../../functions/platform/logger';
import { startTestStack, type Caller, type TestStack } from '../support/localStack';
import { pageClient, textOf } from './support/pageClient';
import { planFields, postStartForm } from './support/startForm';

const clerk: Caller = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] };
const legal = 'k.trowell@example.gov.uk';

let t: TestStack;
let pages: ReturnType<typeof pageClient>;
const m: Record<string, string> = {};
let n = 0;

beforeAll(async () => {
  logger.setLogLevel('WARN');
  // Monday 9 January 2017.
  t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
  pages = pageClient(t);
  await t.api.request('PUT', '/api/bodies/board', { as: clerk, body: { name: 'Management Board', kind: 'board' } });
  await t.api.request('PUT', '/api/bodies/cabinet', { as: clerk, body: { name: 'Cabinet', kind: 'executive' } });
  for (const [key, body, date] of [
    ['board-soon', 'board', '2017-01-12'],
    ['board-feb', 'board', '2017-02-09'],
    ['cabinet-feb', 'cabinet', '2017-02-02'],
    ['cabinet-mar', 'cabinet', '2017-03-09'],
    ['cabinet-apr', 'cabinet', '2017-04-13'],
  ]) {
    const res = await t.api.post('/api/meetings', { body, date, time: '18:30' }, { as: clerk });
    expect(res.status).toBe(201);
    m[key] = res.body.meetingId;
  }
});

afterAll(async () => {
  await t?.stop();
});

/** The form as a clerk fills it in with bodies only: the calendar gives the dates. */
function withBodies(title: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...planFields(title),
    'stages-0-body': 'Management Board',
    'stages-1-body': 'cabinet',
    'stages-2-body': '',
    'signoffs-0-area': 'Legal',
    'signoffs-0-officer-name': 'Keith Trowell',
    'signoffs-0-officer-email': legal,
    'signoffs-0-requiredBefore': '1',
    ...overrides,
  };
}

const post = async (fields: Record<string, string>) => (await postStartForm(pages, fields, clerk)).res;

/** The value a select shows chosen. */
const selected = (html: string, id: string) => new RegExp(`<select[^>]*id="${id}"[\\s\\S]*?<option value="([^"]*)" selected`).exec(html)?.[1];
const field = (html: string, name: string) => new RegExp(`name="${name}" type="text" value="([^"]*)"`).exec(html)?.[1];

describe('the start form on the calendar', () => {
  it('finds the earliest meetings that fit, saying why, and starts the run at them', async () => {
    const found = await post(withBodies(`Calendar plan ${++n}`, { action: 'find-dates' }));
    expect(found.status).toBe(200);
    // 12 January leaves no time for sign-offs; Cabinet on 2 February comes before the board.
    expect(selected(found.html, 'stages-0-meetingId')).toBe(m['board-feb']);
    expect(selected(found.html, 'stages-1-meetingId')).toBe(m['cabinet-mar']);
    expect([field(found.html, 'stages-1-meetingDate-day'), field(found.html, 'stages-1-meetingDate-month'), field(found.html, 'stages-1-meetingDate-year')]).toEqual(['9', '3', '2017']);
    expect(found.html).toMatch(/<option value="executive" selected>/);
    const text = textOf(found.html);
    expect(text).toContain('Management Board on Thursday 9 February 2017 is the earliest meeting that leaves 5 working days for sign-offs');
    expect(text).toContain('the meeting on 12 January is too soon');
    expect(text).toContain('Cabinet on Thursday 9 March 2017 is the earliest meeting after Management Board on 9 February');

    const started = await post(withBodies(`Calendar plan ${n}`, { action: 'start', 'stages-0-meetingId': m['board-feb'], 'stages-1-meetingId': m['cabinet-mar'] }));
    expect(started.status).toBe(303);
    const runId = /^\/runs\/([^/?]+)\?updated=started$/.exec(started.location ?? '')![1];
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.stages.map((s: { meetingId: string; meetingDate: string; body: string; kind: string }) => [s.meetingId, s.meetingDate, s.body, s.kind])).toEqual([
      [m['board-feb'], '2017-02-09', 'Management Board', 'board'],
      [m['cabinet-mar'], '2017-03-09', 'Cabinet', 'executive'],
    ]);
    const agenda = (await t.api.get(`/api/meetings/${m['cabinet-mar']}`, { as: clerk })).body;
    expect(agenda.reports.map((r: { runId: string }) => r.runId)).toContain(runId);
  });

  it('offers each calendar body its next meetings, and a meeting picked by hand gives the stage its date', async () => {
    const res = await post(withBodies(`Picked ${++n}`, { action: 'add-stage' }));
    expect(res.html).toContain('id="stages-1-meetingId"');
    expect(res.html).toContain(`value="${m['cabinet-apr']}"`);
    expect(textOf(res.html)).toContain('Thursday 13 April 2017, 18:30');
    // The board's meetings are offered on the board's row, not on Cabinet's.
    const cabinetRow = res.html.split('id="stages-1-meetingId"')[1].split('</select>')[0];
    expect(cabinetRow).not.toContain(m['board-feb']);

    const started = await post(withBodies(`Picked ${n}`, { action: 'start', 'stages-0-meetingId': m['board-feb'], 'stages-1-meetingId': m['cabinet-apr'] }));
    expect(started.status).toBe(303);
    const runId = /^\/runs\/([^/?]+)\?updated=started$/.exec(started.location ?? '')![1];
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.stages.map((s: { meetingDate: string }) => s.meetingDate)).toEqual(['2017-02-09', '2017-04-13']);
  });

  it('refuses a picked meeting out of order on its own field, keeping the choice', async () => {
    const res = await post(withBodies(`Out of order ${++n}`, { action: 'start', 'stages-0-meetingId': m['board-feb'], 'stages-1-meetingId': m['cabinet-feb'] }));
    expect(res.status).toBe(400);
    expect(res.html).toContain('href="#stages-1-meetingId"');
    expect(textOf(res.html)).toContain('The meeting chosen for stage 2 must be on or after the meeting of the stage before it');
    expect(selected(res.html, 'stages-1-meetingId')).toBe(m['cabinet-feb']);
  });

  it('says which stage no meeting fits, and which body is not on the calendar', async () => {
    const none = await post(withBodies(`No fit ${++n}`, { action: 'find-dates', 'stages-2-body': 'Management Board' }));
    expect(none.status).toBe(400);
    expect(none.html).toContain('href="#stages-2-body"');
    expect(textOf(none.html)).toMatch(/No meeting fits stage 3: .*Management Board/);

    const unknown = await post(withBodies(`Unknown ${++n}`, { action: 'find-dates', 'stages-2-body': 'Full Council' }));
    expect(unknown.status).toBe(400);
    expect(textOf(unknown.html)).toContain('Full Council (stage 3) is not on the calendar: type its meeting date');
  });

  it('puts a route whose bodies are all on the calendar at their earliest meetings', async () => {
    await t.api.request('PUT', '/api/bodies/working-party', { as: clerk, body: { name: 'Community Safety Working Party', kind: 'working-party' } });
    const meeting = (await t.api.post('/api/meetings', { body: 'working-party', date: '2017-02-16' }, { as: clerk })).body.meetingId;
    const res = await post(withBodies(`Route ${++n}`, { route: 'for-noting', action: 'use-route' }));
    expect(res.status).toBe(200);
    expect(selected(res.html, 'stages-0-meetingId')).toBe(meeting);
    expect(textOf(res.html)).toContain('Community Safety Working Party on Thursday 16 February 2017 is the earliest meeting');
    // A route with a body the calendar lacks keeps its suggested dates, with no meeting chosen.
    const typed = await post(withBodies(`Route ${++n}`, { route: 'executive-decision', action: 'use-route' }));
    expect(typed.status).toBe(200);
    expect(field(typed.html, 'stages-0-meetingDate-year')).toBe('2017');
    expect(typed.html).not.toContain('govuk-error-summary');
  });

  it('removes a stage, and a sign-off needed before a later stage follows it', async () => {
    const res = await post(withBodies(`Remove ${++n}`, { action: 'remove-stage-0', 'signoffs-0-requiredBefore': '1' }));
    expect(res.status).toBe(200);
    expect(field(res.html, 'stages-0-body')).toBe('cabinet');
    expect(res.html).not.toContain('id="stages-2-body"');
    expect(selected(res.html, 'signoffs-0-requiredBefore')).toBe('0');
    const signoff = await post(withBodies(`Remove ${n}`, { action: 'remove-signoff-0' }));
    expect(field(signoff.html, 'signoffs-0-area')).toBe('');
  });
});
