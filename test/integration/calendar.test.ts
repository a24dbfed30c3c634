/**
 * The council's calendar through the HTTP API on the real local stack: bodies and meetings added, read, listed
 * and refused when wrong (400 naming the fields, 403 for the wrong role, 404 for what is not stored).
 */
import type { TestStack } from '../support/localStack';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const clerk = as(person('Cleo Clerk', 'cleo.clerk@example.gov.uk'), 'clerk');
const admin = as(person('Ada Admin', 'ada.admin@example.gov.uk'), 'admin');
const officer = as(person('Olly Officer', 'olly.officer@example.gov.uk'), 'officer');

const errorFields = (res: { body: any }) => Object.keys(res.body?.error?.fields ?? {}).sort();

describe('bodies and meetings', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('creates and replaces bodies, with their defaults, and lists them', async () => {
    const cabinet = await t.api.request('PUT', '/api/bodies/cabinet', { as: clerk, body: { name: 'Cabinet', kind: 'executive' } });
    expect(cabinet.status).toBe(200);
    expect(cabinet.body).toEqual({ id: 'cabinet', name: 'Cabinet', kind: 'executive', clearDays: { count: 5, excludeNonWorkingDays: true }, callInWorkingDays: 5 });

    const scrutiny = await t.api.request('PUT', '/api/bodies/scrutiny', {
      as: admin,
      body: { name: 'Overview and Scrutiny', kind: 'scrutiny', clearDays: { count: 10, excludeNonWorkingDays: false } },
    });
    expect(scrutiny.status).toBe(200);
    expect(scrutiny.body).toMatchObject({ callInWorkingDays: 0, clearDays: { count: 10, excludeNonWorkingDays: false } });

    const replaced = await t.api.request('PUT', '/api/bodies/cabinet', { as: clerk, body: { name: 'The Cabinet', kind: 'executive', callInWorkingDays: 3 } });
    expect(replaced.body).toMatchObject({ name: 'The Cabinet', callInWorkingDays: 3 });

    const list = await t.api.get('/api/bodies', { as: officer });
    expect(list.status).toBe(200);
    expect(list.body.bodies.map((b: any) => [b.id, b.name])).toEqual([
      ['cabinet', 'The Cabinet'],
      ['scrutiny', 'Overview and Scrutiny'],
    ]);
    expect((await t.api.get('/api/bodies/scrutiny', { as: officer })).body.name).toBe('Overview and Scrutiny');
  });

  it('refuses bad bodies, the wrong role, and answers 404 for bodies not stored', async () => {
    const bad = await t.api.request('PUT', '/api/bodies/Not_An_Id', { as: clerk, body: { name: '', kind: 'parliament', clearDays: { count: -1 } } });
    expect(bad.status).toBe(400);
    expect(errorFields(bad)).toEqual(['bodyId', 'clearDays.count', 'kind', 'name'].sort());

    const officerPut = await t.api.request('PUT', '/api/bodies/council', { as: officer, body: { name: 'Council', kind: 'council' } });
    expect(officerPut.status).toBe(403);
    expect((await t.api.get('/api/bodies/council', { as: officer })).status).toBe(404);
    expect((await t.api.get('/api/bodies', {})).status).toBe(401);
  });

  it('adds meetings (201, with the publication deadline), reads one and lists them by body, dates and status', async () => {
    const first = await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-04-13', time: '18:30', location: 'Council Chamber' }, { as: clerk });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ body: 'cabinet', date: '2017-04-13', time: '18:30', location: 'Council Chamber', status: 'scheduled', publishBy: '2017-04-05' });
    expect(first.headers.get('location')).toBe(`/api/meetings/${first.body.meetingId}`);

    const untimed = await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-03-09' }, { as: clerk });
    expect(untimed.body).toMatchObject({ time: null, location: null });
    const scrutiny = await t.api.post('/api/meetings', { body: 'scrutiny', date: '2017-04-10' }, { as: clerk });
    // 10 clear calendar days: 10 April less 11 days is Thu 30 March.
    expect(scrutiny.body.publishBy).toBe('2017-03-30');

    const one = await t.api.get(`/api/meetings/${first.body.meetingId}`, { as: officer });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ ...first.body, reports: [] });

    const all = await t.api.get('/api/meetings', { as: officer });
    expect(all.body.meetings.map((m: any) => m.date)).toEqual(['2017-03-09', '2017-04-10', '2017-04-13']);
    const cabinet = await t.api.get('/api/meetings?body=cabinet&from=2017-04-01&to=2017-04-30', { as: officer });
    expect(cabinet.body.meetings.map((m: any) => m.meetingId)).toEqual([first.body.meetingId]);
    const scheduled = await t.api.get('/api/meetings?status=cancelled', { as: officer });
    expect(scheduled.body.meetings).toEqual([]);
  });

  it('refuses bad meetings naming every field, and answers 404 for meetings not stored', async () => {
    const bad = await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-02-30', time: '25:00' }, { as: clerk });
    expect(bad.status).toBe(400);
    expect(errorFields(bad)).toEqual(['date', 'time']);
    const unknownBody = await t.api.post('/api/meetings', { body: 'planning', date: '2017-04-13' }, { as: clerk });
    expect(unknownBody.status).toBe(400);
    expect(errorFields(unknownBody)).toEqual(['body']);
    expect((await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-04-13' }, { as: officer })).status).toBe(403);
    const badQuery = await t.api.get('/api/meetings?from=2017-05-01&to=2017-04-31&status=maybe', { as: officer });
    expect(badQuery.status).toBe(400);
    expect(errorFields(badQuery)).toEqual(['status', 'to']);
    const backwards = await t.api.get('/api/meetings?from=2017-05-01&to=2017-04-01', { as: officer });
    expect(errorFields(backwards)).toEqual(['to']);
    expect((await t.api.get('/api/meetings/no-such-meeting', { as: officer })).status).toBe(404);
  });
});
