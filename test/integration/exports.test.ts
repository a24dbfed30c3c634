/**
 * The report front sheet exported from a run, through the HTTP API of the local stack: the author pastes its
 * Timetable and Sign-off tables into the report (HTML), a clerk keeps them in a spreadsheet (CSV) or a Word file;
 * and the run's timeline picture with its words.
 */
import mammoth from 'mammoth';
import { parse } from 'csv-parse/sync';
import type { TestStack } from '../support/localStack';
import { as, person } from './support/people';
import { pageClient, textOf } from './support/pageClient';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Terry Hughes', 'terry.hughes@tunbridgewells.example.gov.uk');
const legal = { ...person('Keith Trowell', 'keith.trowell@tunbridgewells.example.gov.uk'), role: 'Senior Lawyer (Corporate Governance)' };
const equalities = person('Sarah Lavallie', 'sarah.lavallie@tunbridgewells.example.gov.uk');
const clerk = as(person('Mary Clerk', 'mary.clerk@tunbridgewells.example.gov.uk'), 'clerk');
const manager = as(person('Mo Manager', 'mo.manager@tunbridgewells.example.gov.uk'), 'manager');

describe('the front sheet of a run', () => {
  let t: TestStack;
  let runId: string;

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: 'Community Safety Partnership Plan 2017/18', author },
        stages: [
          { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
        ],
        signoffs: [
          { area: 'Legal including Human Rights Act', officer: legal },
          { area: 'Equalities', officer: equalities, requiredBefore: 'cabinet' },
        ],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    expect(res.body.signoffs[0].officer.role).toBe('Senior Lawyer (Corporate Governance)');
    await t.advanceClock(london('2017-01-20', '10:00'));
    const signed = await t.api.post(`/api/runs/${runId}/signoffs/${res.body.signoffs[0].id}`, { result: 'signed' }, { as: as(legal, 'officer') });
    expect(signed.status).toBe(200);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('is a GOV.UK table fragment by default: the meetings with their dates, each sign-off signed or due', async () => {
    const res = await t.api.get(`/api/runs/${runId}/front-sheet`, { as: as(author, 'author') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html: string = res.body;
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Timetable</caption>');
    expect(html).toMatch(/Full Council<\/th><td class="govuk-table__cell">26 April 2017<\/td>/);
    expect(html).toMatch(/Legal including Human Rights Act<\/th><td[^>]*>Keith Trowell<\/td><td[^>]*>Senior Lawyer \(Corporate Governance\)<\/td><td[^>]*>20 January 2017</);
    expect(html).toMatch(/Equalities<\/th><td[^>]*>Sarah Lavallie<\/td><td[^>]*><\/td><td[^>]*>Due by 29 March 2017</);
    expect(html).not.toContain('<html');
  });

  it('is a CSV file of both tables, one row each', async () => {
    const res = await t.api.get(`/api/runs/${runId}/front-sheet?format=csv`, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="community-safety-partnership-plan-2017-18-front-sheet.csv"');
    const rows: string[][] = parse(res.body);
    expect(rows.map((r) => r[0])).toEqual(['Table', 'Timetable', 'Timetable', 'Timetable', 'Sign-off', 'Sign-off']);
    expect(rows[2]).toEqual(['Timetable', 'Cabinet', '', '', '13 April 2017']);
  });

  it('is a Word document holding the same tables', async () => {
    const res = await t.api.get(`/api/runs/${runId}/front-sheet?format=docx`, { as: clerk, binary: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { value: text } = await mammoth.extractRawText({ buffer: res.body });
    expect(text).toContain('Community Safety Partnership Plan 2017/18');
    expect(text).toContain('Keith Trowell');
    expect(text).toContain('20 January 2017');
  });

  it('is refused in a format it does not have (400 naming format), and to someone not on the run', async () => {
    const bad = await t.api.get(`/api/runs/${runId}/front-sheet?format=pdf`, { as: clerk });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['format']);
    const stranger = await t.api.get(`/api/runs/${runId}/front-sheet`, { as: as(person('Ann Other', 'ann.other@example.gov.uk'), 'officer') });
    expect([403, 404]).toContain(stranger.status);
  });

  it('is linked from the run page, and served to the page session as a page and as downloads', async () => {
    const pages = pageClient(t);
    const run = await pages.get(`/runs/${runId}`, as(author, 'author'), 'cookie');
    expect(run.status).toBe(200);
    expect(run.html).toContain(`href="/runs/${runId}/front-sheet?format=docx"`);
    const page = await pages.get(`/runs/${runId}/front-sheet`, as(author, 'author'), 'cookie');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Legal including Human Rights Act Keith Trowell Senior Lawyer (Corporate Governance) 20 January 2017');
    const csv = await pages.get(`/runs/${runId}/front-sheet?format=csv`, as(author, 'author'), 'cookie');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.csv"$/);
    expect(csv.html.split('\r\n')[0]).toBe('Table,Meeting or issue,Officer,Role,Date');
    const wrong = await pages.get(`/runs/${runId}/front-sheet?format=pdf`, as(author, 'author'), 'cookie');
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it("shows the run's timeline as an SVG picture on the run page, with the same in words", async () => {
    const pages = pageClient(t);
    const svg = await pages.get(`/runs/${runId}/timeline.svg`, as(author, 'author'), 'cookie');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svg.html).toContain('<title id="timeline-title">Timeline of Community Safety Partnership Plan 2017/18</title>');
    const run = await pages.get(`/runs/${runId}`, as(author, 'author'), 'cookie');
    expect(run.html).toContain(`<img src="/runs/${runId}/timeline.svg"`);
    expect(textOf(run.html)).toContain('Legal including Human Rights Act sign-off (Keith Trowell) due by Wednesday 25 January 2017: signed');
    const stranger = await pages.get(`/runs/${runId}/timeline.svg`, as(person('Ann Other', 'ann.other@example.gov.uk'), 'officer'), 'cookie');
    expect(stranger.status).toBeGreaterThanOrEqual(403);
    expect(stranger.html).not.toContain('<svg');
  });

  it('lists the runs as CSV with the list filters, one row per run, for managers and clerks only', async () => {
    const other = await t.api.post(
      '/api/runs',
      {
        plan: { title: '=Parking Strategy, "phase 2"', author: person('Pat Parker', 'pat.parker@tunbridgewells.example.gov.uk') },
        stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' }],
        signoffs: [],
      },
      { as: clerk },
    );
    expect(other.status).toBe(201);
    const all = await t.api.get('/api/runs.csv', { as: manager });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.headers.get('x-ratify-truncated')).toBeNull();
    const rows: string[][] = parse(all.body);
    expect(rows[0]).toEqual(['Run', 'Plan', 'Author', 'Status', 'Current stage', 'Meeting date', 'Next deadline', 'Next deadline for', 'Sign-offs signed', 'Sign-offs required', 'RAG', 'Reasons']);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.size).toBe(2);
    expect(byId.get(runId)!.slice(1, 11)).toEqual([
      'Community Safety Partnership Plan 2017/18',
      'Terry Hughes',
      'running',
      'Community Safety Partnership',
      '2017-02-09',
      '2017-02-01',
      'Publish the report for the Community Safety Partnership',
      '1',
      '2',
      'Green',
    ]);
    expect(byId.get(other.body.runId)![1]).toBe(`'=Parking Strategy, "phase 2"`);

    const filtered = parse(await (await t.api.get('/api/runs.csv?q=parking', { as: clerk })).body);
    expect(filtered.slice(1).map((r: string[]) => r[0])).toEqual([other.body.runId]);
    expect((await t.api.get('/api/runs.csv?status=finished', { as: clerk })).body.error.fields).toHaveProperty('status');
    expect((await t.api.get('/api/runs.csv', { as: as(author, 'author') })).status).toBe(403);

    const pages = pageClient(t);
    const dashboard = await pages.get('/?q=parking', manager, 'cookie');
    expect(dashboard.html).toContain('href="/runs.csv?q=parking"');
    const download = await pages.get('/runs.csv?q=parking', manager, 'cookie');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="runs.csv"');
    expect(parse(download.html)).toEqual(filtered);
  });

  it('shows every plan in flight on one timeline, linked from its words, and nothing to someone on none of them', async () => {
    const pages = pageClient(t);
    const page = await pages.get('/timeline', manager, 'cookie');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title id="timeline-title">Timeline of every plan in flight</title>');
    expect(page.html).toContain(`<a class="govuk-link" href="/runs/${runId}">Community Safety Partnership Plan 2017/18</a>`);
    expect(textOf(page.html)).toContain('Community Safety Partnership: Meeting on Thursday 9 February 2017');
    expect(page.html).toMatch(/<a class="govuk-service-navigation__link" href="\/timeline" aria-current="page">/);
    const stranger = await pages.get('/timeline', as(person('Ann Other', 'ann.other@example.gov.uk'), 'officer'), 'cookie');
    expect(stranger.status).toBe(200);
    expect(stranger.html).toContain('No plans are in flight.');
  });
});
