/**
 * The morning re-import of a body's published calendar feed, through the real local stack: the feed is a fixture
 * file served over HTTP on this machine, the timer's function run as its schedule would run it
 * (`POST /_local/schedules/ReimportCalendarFeeds`). Bodies without a feed are left alone; a moved meeting carries
 * its run; a feed that cannot be read is reported and stores nothing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestStack } from '../support/localStack';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const clerk = as(person('Jade Hannam', 'jade.hannam@medway.example.gov.uk'), 'clerk');
const author = person('Tim England', 'tim.england@medway.example.gov.uk');
const fixture = readFileSync(join(__dirname, '../fixtures/calendars/medway-2017.ics'), 'utf8');

describe("a body's calendar feed, re-imported every morning", () => {
  let t: TestStack;
  let server: Server;
  let feedUrl: string;
  let served = fixture;
  const runFeeds = async () => {
    const res = await fetch(`${t.url}/_local/schedules/ReimportCalendarFeeds`, { method: 'POST' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: any[] }).result;
  };
  const meetings = async (bodyId: string) => (await t.api.get(`/api/meetings?body=${bodyId}`, { as: clerk })).body.meetings as any[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/medway.ics') {
        res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
        res.end(served);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await startStackAt('2017-01-09');
  });

  afterAll(async () => {
    await stopStack(t);
    await new Promise((resolve) => server.close(resolve));
  });

  it('does nothing while no body names a feed', async () => {
    await t.api.request('PUT', '/api/bodies/medway-council', { as: clerk, body: { name: 'Full Council', kind: 'council' } });
    expect(await runFeeds()).toEqual([]);
    expect(await meetings('medway-council')).toEqual([]);
  });

  it("imports the meetings of each body that names its feed, and shows the feed on the body", async () => {
    const put = await t.api.request('PUT', '/api/bodies/medway-council', { as: clerk, body: { name: 'Full Council', kind: 'council', feed: { url: `${feedUrl}/medway.ics` } } });
    expect(put.status).toBe(200);
    expect(put.body.feed).toEqual({ url: `${feedUrl}/medway.ics` });
    const [outcome] = await runFeeds();
    expect(outcome).toMatchObject({ bodyId: 'medway-council', ok: true, summary: { created: 4, moved: 0 } });
    expect((await meetings('medway-council')).map((m) => m.date)).toEqual(['2017-01-26', '2017-02-23', '2017-04-20', '2017-07-20']);
    // The next morning, the same feed: nothing changes.
    expect((await runFeeds())[0].summary).toMatchObject({ created: 0, moved: 0, cancelled: 0, unchanged: 4 });
  });

  it('moves a run with a meeting the feed moved, saying in its audit trail that the feed did it', async () => {
    const april = (await meetings('medway-council')).find((m) => m.date === '2017-04-20');
    const run = await t.api.post('/api/runs', { plan: { title: 'Medway Community Safety Plan 2017', author }, stages: [{ id: 'council', meetingId: april.meetingId }], signoffs: [] }, { as: clerk });
    expect(run.status).toBe(201);
    served = fixture.replace('DTSTART;TZID=Europe/London:20170420T190000', 'DTSTART;TZID=Europe/London:20170427T190000');
    expect((await runFeeds())[0].summary).toMatchObject({ moved: 1 });
    const after = (await t.api.get(`/api/runs/${run.body.runId}`, { as: clerk })).body;
    expect(after.stages[0].meetingDate).toBe('2017-04-27');
    expect(after.events.map((e: any) => e.who.name)).toContain("The council's calendar feed (morning import)");
  });

  it('reports a feed that cannot be read, or is not a calendar, and stores nothing from it', async () => {
    const before = await meetings('medway-council');
    await t.api.request('PUT', '/api/bodies/medway-council', { as: clerk, body: { name: 'Full Council', kind: 'council', feed: { url: `${feedUrl}/gone.ics` } } });
    expect(await runFeeds()).toEqual([{ bodyId: 'medway-council', url: `${feedUrl}/gone.ics`, ok: false, problem: 'the feed answered 404' }]);
    await t.api.request('PUT', '/api/bodies/medway-council', { as: clerk, body: { name: 'Full Council', kind: 'council', feed: { url: `${feedUrl}/medway.ics` } } });
    served = 'this is not a calendar';
    expect((await runFeeds())[0]).toMatchObject({ ok: false, problem: expect.stringContaining('not valid iCalendar') });
    expect(await meetings('medway-council')).toEqual(before);
  });

  it('refuses a feed address that is not http(s), naming the field', async () => {
    const res = await t.api.request('PUT', '/api/bodies/medway-council', { as: clerk, body: { name: 'Full Council', kind: 'council', feed: { url: 'file:///etc/passwd' } } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['feed.url']);
  });
});
