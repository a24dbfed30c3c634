/**
 * The iCalendar feeds through HTTP on the real local stack, each parsed back with ical.js: a body's public feed, a
 * run's timetable (who may read the run), and a person's own feed behind a secret address that can be revoked.
 */
import ICAL from 'ical.js';
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const clerk = as(person('Cleo Clerk', 'cleo.clerk@example.gov.uk'), 'clerk');
const terry = person('Terry Hughes', 'terry.hughes@example.gov.uk');
const keith = person('Keith Trowell', 'k.trowell@example.gov.uk');
const stranger = as(person('Someone Else', 'someone.else@example.gov.uk'), 'officer');
const title = 'Community Safety Partnership Plan 2017/18';

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  allDay: boolean;
  zone: string | null;
  location: string | null;
  status: string | null;
}

function eventsOf(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const event = new ICAL.Event(c);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
      zone: (c.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null,
      location: event.location ?? null,
      status: (c.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
}

describe('calendar feeds', () => {
  let t: TestStack;
  let runId: string;
  const m: Record<string, string> = {};
  const path = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
    await t.api.request('PUT', '/api/bodies/csp', { as: clerk, body: { name: 'Community Safety Partnership', kind: 'partnership' } });
    await t.api.request('PUT', '/api/bodies/cabinet', { as: clerk, body: { name: 'Cabinet', kind: 'executive' } });
    const add = async (key: string, body: unknown) => (m[key] = (await t.api.post('/api/meetings', body, { as: clerk })).body.meetingId);
    await add('csp', { body: 'csp', date: '2017-02-09', time: '10:00', location: 'Committee Room A, Town Hall' });
    await add('cab1', { body: 'cabinet', date: '2017-03-09', time: '18:30', location: 'Council Chamber' });
    await add('cab2', { body: 'cabinet', date: '2017-04-13' });
    expect((await t.api.patch(`/api/meetings/${m.cab2}`, { status: 'cancelled' }, { as: clerk })).status).toBe(200);
    const run = await t.api.post(
      '/api/runs',
      {
        plan: { title, author: terry },
        stages: [
          { id: 'csp', meetingId: m.csp },
          { id: 'cabinet', meetingId: m.cab1 },
        ],
        signoffs: [
          { area: 'Finance', officer: terry, requiredBefore: 'csp' },
          { area: 'Legal', officer: keith, requiredBefore: 'cabinet' },
        ],
      },
      { as: clerk },
    );
    expect(run.status).toBe(201);
    runId = run.body.runId;
    await settle(t);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it("serves a body's meetings to anyone: dates and titles only, cancelled ones as CANCELLED", async () => {
    const res = await t.api.get('/calendar/bodies/cabinet.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(eventsOf(res.body)).toEqual([
      { uid: `meeting.${m.cab1}@ratify`, summary: 'Cabinet', start: '2017-03-09', allDay: true, zone: null, location: null, status: null },
      { uid: `meeting.${m.cab2}@ratify`, summary: 'Cancelled: Cabinet', start: '2017-04-13', allDay: true, zone: null, location: null, status: 'CANCELLED' },
    ]);
    expect((await t.api.get('/calendar/bodies/planning.ics')).status).toBe(404);
    expect((await t.api.get('/calendar/bodies/cabinet')).status).toBe(404);
  });

  it("serves a run's timetable to those who may read the run", async () => {
    const res = await t.api.get(`/api/runs/${runId}/timetable.ics`, { as: clerk });
    expect(res.status).toBe(200);
    const events = eventsOf(res.body);
    expect(events.map((e) => [e.summary, e.start])).toEqual([
      [`Community Safety Partnership: ${title}`, '2017-02-09T10:00:00'],
      [`Publish by: ${title} for Community Safety Partnership`, '2017-02-01'],
      [`Cabinet: ${title}`, '2017-03-09T18:30:00'],
      [`Publish by: ${title} for Cabinet`, '2017-03-01'],
      [`Sign-off due: Finance, ${title}`, '2017-01-25'],
      [`Sign-off due: Legal, ${title}`, '2017-02-22'],
    ]);
    expect(events[0]).toMatchObject({ zone: 'Europe/London', location: 'Committee Room A, Town Hall', uid: `run.${runId}.stage.csp@ratify` });
    expect((await t.api.get(`/api/runs/${runId}/timetable.ics`, { as: as(keith, 'officer') })).status).toBe(200);
    expect((await t.api.get(`/api/runs/${runId}/timetable.ics`, { as: stranger })).status).toBe(403);
    expect((await t.api.get(`/api/runs/${runId}/timetable.ics`)).status).toBe(401);
    expect((await t.api.get('/api/runs/no-such-run/timetable.ics', { as: clerk })).status).toBe(404);
  });

  it("gives each person a secret feed of their own sign-offs and their runs' meetings, revoked on DELETE", async () => {
    const mine = await t.api.get('/api/me/calendar-feed', { as: as(keith, 'officer') });
    expect(mine.status).toBe(200);
    expect(mine.body.url).toMatch(/\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await t.api.get('/api/me/calendar-feed', { as: as(keith, 'officer') })).body.url).toBe(mine.body.url);

    const feed = await t.api.get(path(mine.body.url));
    expect(feed.status).toBe(200);
    expect(eventsOf(feed.body).map((e) => [e.summary, e.start])).toEqual([
      [`Sign-off due: Legal, ${title}`, '2017-02-22'],
      [`Community Safety Partnership: ${title}`, '2017-02-09T10:00:00'],
      [`Cabinet: ${title}`, '2017-03-09T18:30:00'],
    ]);

    // The author (and here an officer too) sees their own sign-off and the run's meetings; not Keith's.
    const terrysUrl = (await t.api.get('/api/me/calendar-feed', { as: as(terry, 'author') })).body.url;
    expect(terrysUrl).not.toBe(mine.body.url);
    expect(eventsOf((await t.api.get(path(terrysUrl))).body).map((e) => e.summary)).toEqual([
      `Sign-off due: Finance, ${title}`,
      `Community Safety Partnership: ${title}`,
      `Cabinet: ${title}`,
    ]);

    const revoked = await t.api.request('DELETE', '/api/me/calendar-feed', { as: as(keith, 'officer') });
    expect(revoked.status).toBe(204);
    expect((await t.api.get(path(mine.body.url))).status).toBe(404);
    const renewed = await t.api.get('/api/me/calendar-feed', { as: as(keith, 'officer') });
    expect(renewed.body.url).not.toBe(mine.body.url);
    expect((await t.api.get(path(renewed.body.url))).status).toBe(200);

    expect((await t.api.get(`/calendar/feeds/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await t.api.get('/calendar/feeds/short.ics')).status).toBe(404);
    expect((await t.api.get('/api/me/calendar-feed')).status).toBe(401);
  });
});
