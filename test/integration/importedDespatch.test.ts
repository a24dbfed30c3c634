/**
 * An agenda despatch read from an imported calendar, through the HTTP API on the real local stack: an iCalendar
 * event with `X-AGENDA-PUBLISHED` (and its URL), or a Modern.Gov meeting with `agendapublisheddate`, records the
 * despatch as the clerk's `POST /api/meetings/{id}/publication` would: the cleared report is published for the
 * meeting, the one still waiting is a late item; importing again changes nothing; a despatch the calendar cannot
 * take is skipped with the reason.
 */
import type { TestStack } from '../support/localStack';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const clerk = as(person('Cleo Clerk', 'cleo.clerk@example.gov.uk'), 'clerk');
const keith = person('Keith Trowell', 'k.trowell@example.gov.uk');
const tina = person('Tina Brooks', 'tina.brooks@example.gov.uk');
const author = person('Terry Hughes', 'terry.hughes@example.gov.uk');
const AGENDA = 'https://democracy.example.gov.uk/ieListDocuments.aspx?MId=3101';

/** Cabinet on Thursday 9 February 2017, the agenda despatched (when `published` is given) on that day. */
function icsFile(published?: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Example Borough Council//Meetings//EN',
    'BEGIN:VEVENT',
    'UID:cabinet-2017-02-09@example.gov.uk',
    'DTSTAMP:20170101T000000Z',
    'DTSTART;TZID=Europe/London:20170209T180000',
    'SUMMARY:Cabinet',
    `URL:${AGENDA}`,
    ...(published ? [`X-AGENDA-PUBLISHED;VALUE=DATE:${published}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function modernGov(published: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><getmeetings><meeting><meetingid>3101</meetingid><meetingdate>16/02/2017</meetingdate>
<meetingtime>18:30</meetingtime><meetingstatus>Confirmed</meetingstatus><agendapublisheddate>${published}</agendapublisheddate>
<linktomeeting>https://democracy.example.gov.uk/mgMeeting.aspx?ID=3101</linktomeeting></meeting></getmeetings>`;
}

describe('an agenda despatch read from an imported calendar', () => {
  let t: TestStack;
  let meetingId: string;
  let cleared: string;
  let waiting: string;
  const run = async (id: string) => (await t.api.get(`/api/runs/${id}`, { as: clerk })).body;
  const importFile = (bodyId: string, text: string, type: string) =>
    t.api.request('POST', `/api/meetings/import?body=${bodyId}`, { as: clerk, body: text, headers: { 'content-type': type } });

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
    await t.api.request('PUT', '/api/bodies/cabinet', { as: clerk, body: { name: 'Cabinet', kind: 'executive' } });
    await t.api.request('PUT', '/api/bodies/scrutiny', { as: clerk, body: { name: 'Overview and Scrutiny Committee', kind: 'scrutiny' } });
    expect((await importFile('cabinet', icsFile(), 'text/calendar')).body).toMatchObject({ created: 1 });
    meetingId = (await t.api.get('/api/meetings?body=cabinet', { as: clerk })).body.meetings[0].meetingId;
    const start = async (title: string, officer: typeof keith) =>
      (await t.api.post('/api/runs', { plan: { title, author }, stages: [{ id: 'cabinet', meetingId }], signoffs: [{ area: 'Legal', officer }] }, { as: clerk })).body
        .runId as string;
    cleared = await start('Community Safety Partnership Plan 2017/18', keith);
    waiting = await start('Car Parking Strategy 2017-2020', tina);
    await t.advanceClock(london('2017-01-31', '10:00'));
    const legal = (await run(cleared)).signoffs[0].id;
    expect((await t.api.post(`/api/runs/${cleared}/signoffs/${legal}`, { result: 'signed' }, { as: as(keith, 'officer') })).status).toBe(200);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('leaves the reports waiting while the file says nothing of the agenda', async () => {
    expect((await importFile('cabinet', icsFile(), 'text/calendar')).body).toMatchObject({ unchanged: 1, skipped: [] });
    expect((await run(cleared)).stages[0].publication.status).toBe('cleared');
  });

  it('refuses a despatch dated after today, saying why, and records nothing', async () => {
    const res = await importFile('cabinet', icsFile('20170201'), 'text/calendar');
    expect(res.status).toBe(200);
    expect(res.body.skipped).toEqual([{ uid: 'cabinet-2017-02-09@example.gov.uk', reason: expect.stringContaining("the agenda's despatch on 2017-02-01 is not recorded") }]);
    expect((await t.api.get(`/api/meetings/${meetingId}`, { as: clerk })).body.publication).toBeNull();
  });

  it('publishes the cleared report for the meeting and makes the other a late item, once', async () => {
    const res = await importFile('cabinet', icsFile('20170131'), 'text/calendar');
    expect(res.body).toMatchObject({ created: 0, moved: 0, cancelled: 0, unchanged: 1, skipped: [] });
    const meeting = (await t.api.get(`/api/meetings/${meetingId}`, { as: clerk })).body;
    expect(meeting.publication).toEqual({ publishedOn: '2017-01-31', agendaUrl: AGENDA });
    expect((await run(cleared)).stages[0]).toMatchObject({ status: 'published', publication: { status: 'published', publishedOn: '2017-01-31', agendaUrl: AGENDA } });
    expect((await run(waiting)).stages[0].publication.status).toBe('late-item');

    const events = (await run(cleared)).events.length;
    expect((await importFile('cabinet', icsFile('20170131'), 'text/calendar')).body).toMatchObject({ unchanged: 1, skipped: [] });
    expect((await run(cleared)).events).toHaveLength(events);
    // Another date than the one recorded is not taken from a file.
    const other = await importFile('cabinet', icsFile('20170130'), 'text/calendar');
    expect(other.body.skipped[0].reason).toContain('already recorded as despatched on 2017-01-31');
  });

  it("reads a Modern.Gov meeting's agendapublisheddate and its link", async () => {
    expect((await importFile('scrutiny', modernGov('30/01/2017'), 'application/xml')).body).toMatchObject({ created: 1, skipped: [] });
    const [meeting] = (await t.api.get('/api/meetings?body=scrutiny', { as: clerk })).body.meetings;
    expect(meeting.publication).toEqual({ publishedOn: '2017-01-30', agendaUrl: 'https://democracy.example.gov.uk/mgMeeting.aspx?ID=3101' });
  });
});
