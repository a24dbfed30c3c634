/**
 * The seed plans on calendars imported from iCalendar files (test/fixtures/calendars), through the HTTP API on
 * the real local stack: bodies set up, each body's meetings imported from the council-wide file, the run started on
 * meetings (no typed dates), each agenda's despatch recorded by the clerk for the whole meeting, sign-offs on the
 * dates of the report's implications table, decisions to the end. Nothing is published that was not recorded,
 * nothing is "missed" or late along the way, and every e-mail goes once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCalendarDays } from '../../functions/domain/calendar';
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { duplicateEmails } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const ics = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'calendars', name), 'utf8');

interface Seed {
  council: string;
  file: string;
  start: string;
  bodies: Array<{ id: string; name: string; kind: string }>;
  /** Each stage: its body, the date of the meeting the report went to, what was decided there. */
  stages: Array<{ id: string; body: string; date: string; outcome: string }>;
  signoffs: Array<{ area: string; officer: { name: string; email: string }; requiredBefore?: string; signedOn: string }>;
  author: { name: string; email: string };
  title: string;
  finalStatus: string;
}

const twOfficers = {
  keith: person('Keith Trowell', 'keith.trowell@tunbridgewells.example.gov.uk'),
  terry: person('Terry Hughes', 'terry.hughes@tunbridgewells.example.gov.uk'),
  sarah: person('Sarah Lavallie', 'sarah.lavallie@tunbridgewells.example.gov.uk'),
};

const seeds: Seed[] = [
  {
    council: 'Tunbridge Wells',
    file: 'tunbridge-wells-2017.ics',
    start: '2017-01-09',
    title: 'Community Safety Partnership Plan 2017/18',
    author: twOfficers.terry,
    bodies: [
      { id: 'tw-csp', name: 'Community Safety Partnership', kind: 'partnership' },
      { id: 'tw-management-board', name: 'Management Board', kind: 'board' },
      { id: 'tw-communities-cab', name: 'Communities Cabinet Advisory Board', kind: 'advisory' },
      { id: 'tw-overview-scrutiny', name: 'Overview and Scrutiny Committee', kind: 'scrutiny' },
      { id: 'tw-cabinet', name: 'Cabinet', kind: 'executive' },
      { id: 'tw-full-council', name: 'Full Council', kind: 'council' },
    ],
    stages: [
      { id: 'csp', body: 'tw-csp', date: '2017-02-09', outcome: 'noted' },
      { id: 'mb', body: 'tw-management-board', date: '2017-03-01', outcome: 'approved' },
      { id: 'cab', body: 'tw-communities-cab', date: '2017-03-22', outcome: 'approved' },
      { id: 'os', body: 'tw-overview-scrutiny', date: '2017-04-10', outcome: 'approved' },
      { id: 'cabinet', body: 'tw-cabinet', date: '2017-04-13', outcome: 'approved' },
      { id: 'council', body: 'tw-full-council', date: '2017-04-26', outcome: 'approved' },
    ],
    signoffs: [
      { area: 'Legal including Human Rights Act', officer: twOfficers.keith, requiredBefore: 'cab', signedOn: '2017-03-03' },
      { area: 'Finance and other resources', officer: twOfficers.terry, requiredBefore: 'cab', signedOn: '2017-02-24' },
      { area: 'Equalities', officer: twOfficers.sarah, requiredBefore: 'cab', signedOn: '2017-03-07' },
    ],
    finalStatus: 'adopted',
  },
  {
    council: 'Thanet',
    file: 'thanet-2017.ics',
    start: '2017-01-16',
    title: 'Thanet Community Safety Plan 2017-20',
    author: person('Jessica Bailey', 'jessica.bailey@thanet.example.gov.uk'),
    bodies: [
      { id: 'thanet-cabinet', name: 'Cabinet', kind: 'executive' },
      { id: 'thanet-overview-scrutiny', name: 'Overview and Scrutiny Panel', kind: 'scrutiny' },
    ],
    stages: [
      { id: 'cabinet-draft', body: 'thanet-cabinet', date: '2017-02-14', outcome: 'approved' },
      { id: 'scrutiny', body: 'thanet-overview-scrutiny', date: '2017-03-09', outcome: 'noted' },
      { id: 'cabinet', body: 'thanet-cabinet', date: '2017-03-23', outcome: 'approved' },
    ],
    signoffs: [
      { area: 'Finance', officer: person('Matt Sanham', 'matt.sanham@thanet.example.gov.uk'), signedOn: '2017-01-25' },
      { area: 'Communications', officer: person('Hannah Thorpe', 'hannah.thorpe@thanet.example.gov.uk'), signedOn: '2017-01-26' },
      { area: 'Legal', officer: person('Ciara Feeney', 'ciara.feeney@thanet.example.gov.uk'), requiredBefore: 'cabinet', signedOn: '2017-03-06' },
    ],
    finalStatus: 'adopted',
  },
  {
    council: 'Medway',
    file: 'medway-2017.ics',
    start: '2017-01-09',
    title: 'Strategic Assessment and Community Safety Plan 2016 to 2020',
    author: person('Tim England', 'tim.england@medway.example.gov.uk'),
    bodies: [
      { id: 'medway-hwb', name: 'Health and Wellbeing Board', kind: 'board' },
      { id: 'medway-community-safety-committee', name: 'Community Safety Committee (acting as the Crime and Disorder Committee)', kind: 'committee' },
      { id: 'medway-council', name: 'Full Council', kind: 'council' },
    ],
    stages: [
      { id: 'hwb', body: 'medway-hwb', date: '2017-02-02', outcome: 'noted' },
      { id: 'committee', body: 'medway-community-safety-committee', date: '2017-02-28', outcome: 'approved' },
      { id: 'council', body: 'medway-council', date: '2017-04-20', outcome: 'approved' },
    ],
    signoffs: [
      { area: 'Legal', officer: person('Deborah Lane', 'deborah.lane@medway.example.gov.uk'), signedOn: '2017-01-12' },
      { area: 'Finance', officer: person('Phil Watkins', 'phil.watkins@medway.example.gov.uk'), signedOn: '2017-01-13' },
      { area: 'Risk management', officer: person('Sunny Ee', 'sunny.ee@medway.example.gov.uk'), requiredBefore: 'council', signedOn: '2017-03-20' },
    ],
    finalStatus: 'adopted',
  },
];

describe.each(seeds)('the $council seed on its imported calendar', (seed) => {
  let t: TestStack;
  let runId: string;
  const clerk = as(person('Demo Clerk', `clerk@${seed.council.toLowerCase().replace(/\s+/g, '')}.example.gov.uk`), 'clerk');
  const manager = as(person('Mo Manager', 'mo.manager@example.gov.uk'), 'manager');
  const meetingOf: Record<string, string> = {};
  const run = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;

  beforeAll(async () => {
    t = await startStackAt(seed.start);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('sets up the bodies and imports each one\'s meetings from the council\'s file, once', async () => {
    for (const body of seed.bodies) {
      expect((await t.api.request('PUT', `/api/bodies/${body.id}`, { as: clerk, body: { name: body.name, kind: body.kind } })).status).toBe(200);
      const headers = { 'content-type': 'text/calendar' };
      const first = await t.api.request('POST', `/api/meetings/import?body=${body.id}`, { as: clerk, headers, body: ics(seed.file) });
      expect(first.status).toBe(200);
      expect(first.body.created).toBeGreaterThan(0);
      const again = await t.api.request('POST', `/api/meetings/import?body=${body.id}`, { as: clerk, headers, body: ics(seed.file) });
      expect(again.body).toMatchObject({ created: 0, moved: 0, cancelled: 0 });
    }
    for (const stage of seed.stages) {
      const { meetings } = (await t.api.get(`/api/meetings?body=${stage.body}&from=${stage.date}&to=${stage.date}`, { as: clerk })).body;
      expect(meetings).toHaveLength(1);
      meetingOf[stage.id] = meetings[0].meetingId;
    }
  });

  it('starts the run on those meetings: bodies, kinds and dates from the calendar', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: seed.title, author: seed.author },
        stages: seed.stages.map((s) => ({ id: s.id, meetingId: meetingOf[s.id] })),
        signoffs: seed.signoffs.map(({ signedOn: _s, ...so }) => so),
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    expect(res.body.stages.map((s: any) => [s.id, s.meetingDate, s.meetingId])).toEqual(seed.stages.map((s) => [s.id, s.date, meetingOf[s.id]]));
  });

  it('goes to its end with each agenda despatched on its deadline day, never late, every e-mail once', async () => {
    const signoffIds = new Map<string, string>((await run()).signoffs.map((so: any) => [so.area, so.id]));
    type Step = { at: string; act: () => Promise<void> };
    const steps: Step[] = [];
    for (const so of seed.signoffs) {
      steps.push({
        at: london(so.signedOn, '10:00'),
        act: async () => {
          const res = await t.api.post(`/api/runs/${runId}/signoffs/${signoffIds.get(so.area)}`, { result: 'signed' }, { as: as(so.officer, 'officer') });
          expect(res.status).toBe(200);
        },
      });
    }
    const stages = (await run()).stages;
    for (const stage of seed.stages) {
      const publishBy = stages.find((s: any) => s.id === stage.id).publishBy;
      steps.push({
        at: london(publishBy, '16:00'),
        act: async () => {
          const res = await t.api.post(`/api/meetings/${meetingOf[stage.id]}/publication`, { publishedOn: publishBy }, { as: clerk });
          expect(res.status).toBe(200);
          expect((await run()).stages.find((s: any) => s.id === stage.id).publication.status).toBe('published');
        },
      });
      steps.push({
        at: london(stage.date, '21:00'),
        act: async () => {
          await settle(t);
          const res = await t.api.post(`/api/runs/${runId}/stages/${stage.id}/decision`, { outcome: stage.outcome }, { as: clerk });
          expect(res.status).toBe(200);
        },
      });
    }
    steps.sort((a, b) => a.at.localeCompare(b.at));
    for (const step of steps) {
      await t.advanceClock(step.at);
      await step.act();
      const listed = (await t.api.get('/api/runs?status=running', { as: manager })).body.runs.find((r: any) => r.runId === runId);
      if (listed) expect({ at: step.at, rag: listed.rag }).toEqual({ at: step.at, rag: expect.objectContaining({ status: expect.not.stringMatching('red') }) });
    }
    await settle(t);
    // A final executive decision (Thanet's Cabinet) takes effect once its call-in period has passed uncalled.
    const callIn = (await run()).callIn;
    if (callIn) {
      expect(callIn.status).toBe('open');
      await t.advanceClock(london(addCalendarDays(callIn.endsOn, 1), '09:00'));
      await settle(t);
    }
    const final = await run();
    expect(final.status).toBe(seed.finalStatus);
    expect(final.stages.every((s: any) => s.publication.status === 'published')).toBe(true);
    const emails = await t.emails();
    expect(emails.filter((e) => /deadline missed/i.test(e.subject))).toEqual([]);
    expect(duplicateEmails(emails)).toEqual([]);
  });
});
