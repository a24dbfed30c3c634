import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemo, type DemoReport } from '../../../infra/local/demo/loadDemo';
import { formatReport } from '../../../infra/local/demo/report';
import { startTestStack, type TestStack } from '../../support/localStack';

const repoRoot = join(__dirname, '..', '..', '..');
const clerk = { email: 'demo.reader@example.gov.uk', name: 'Demo Reader', roles: ['clerk' as const] };
const TITLES = {
  tunbridgeWells: 'Community Safety Partnership Plan 2017/18',
  medway: 'Medway Community Safety Plan 2016 to 2020',
  thanet: 'Thanet Community Safety Plan 2017-20: Partnership Delivery Plan for 2017',
};

/** Runs the demo script; resolves with its output once it has printed `until` (or exited). */
function runDemo(command: string, args: string[], env: Record<string, string>, until?: RegExp) {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, RATIFY_LOG_LEVEL: 'SILENT', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve(output);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => (until ? reject(new Error(`exited with ${code}:\n${output}`)) : resolve(output)));
  });
  return { child, printed, exited, output: () => output };
}

const tsx = (script: string, ...args: string[]) => [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script, ...args];

describe('npm run demo', () => {
  describe('with a stack already running', () => {
    let t: TestStack;
    let first: DemoReport;
    const runsByTitle = async () => {
      const { runs } = (await t.api.get('/api/runs', { as: clerk })).body;
      const byTitle: Record<string, any> = {};
      for (const r of runs) byTitle[r.plan.title] = (await t.api.get(`/api/runs/${r.runId}`, { as: clerk })).body;
      return byTitle;
    };

    beforeAll(async () => {
      t = await startTestStack({ clockStart: '2026-11-26T09:00:00Z' });
    });

    afterAll(async () => {
      await t?.stop();
    });

    it('loads the three seed plans through the API: one just started, one mid-way with a decision, one finished', async () => {
      first = await loadDemo(t.url);
      expect(first.runs.map((r) => [r.plan.plan.title, r.created])).toEqual([
        [TITLES.tunbridgeWells, true],
        [TITLES.medway, true],
        [TITLES.thanet, true],
      ]);
      const runs = await runsByTitle();
      expect(Object.keys(runs).sort()).toEqual(Object.values(TITLES).sort());

      const tw = runs[TITLES.tunbridgeWells];
      expect([tw.status, tw.currentStage]).toEqual(['running', 'csp']);
      // Four weeks from Thursday 26 November 2026, the seed's weekdays kept (9 February 2017 was a Thursday too).
      expect(tw.stages.map((s: any) => [s.body, s.meetingDate])).toEqual([
        ['Community Safety Partnership', '2026-12-24'],
        ['Management Board', '2027-01-13'],
        ['Communities Cabinet Advisory Board', '2027-02-03'],
        ['Overview and Scrutiny Committee', '2027-02-22'],
        ['Cabinet', '2027-02-25'],
        ['Full Council', '2027-03-10'],
      ]);
      expect(tw.signoffs.map((s: any) => [s.area, s.officer.name, s.status])).toEqual([
        ['Legal', 'Keith Trowell', 'requested'],
        ['Finance and other resources', 'Terry Hughes', 'requested'],
        ['Equalities', 'Sarah Lavallie', 'requested'],
      ]);

      const medway = runs[TITLES.medway];
      expect([medway.status, medway.currentStage]).toEqual(['running', 'council']);
      // 30 days after the committee is Saturday 26 December; Monday 28 December 2026 is a bank holiday.
      expect(medway.stages.map((s: any) => [s.id, s.meetingDate, s.decisions.map((d: any) => d.outcome)])).toEqual([
        ['committee', '2026-11-26', ['approved-with-amendments']],
        ['council', '2026-12-29', []],
      ]);
      expect(medway.signoffs.map((s: any) => [s.area, s.status])).toEqual([
        ['Legal', 'signed'],
        ['Finance', 'signed'],
        ['Risk management', 'requested'],
      ]);

      // Every stage is at a meeting of the council's calendar, imported from its iCalendar file, with more to come.
      for (const run of Object.values(runs)) expect(run.stages.every((s: any) => s.meetingId && s.meetingStatus === 'scheduled')).toBe(true);
      const board = (await t.api.get(`/api/meetings/${tw.stages[1].meetingId}`, { as: clerk })).body;
      expect(board).toMatchObject({ date: '2027-01-13', time: '18:30', source: { kind: 'ics' } });
      const later = (await t.api.get(`/api/meetings?body=${board.body}`, { as: clerk })).body.meetings;
      expect(later.map((m: any) => m.date)).toEqual(['2027-01-13', '2027-02-10', '2027-03-10', '2027-04-07']);

      const thanet = runs[TITLES.thanet];
      expect(thanet.status).toBe('noted');
      expect(thanet.signoffs.every((s: any) => s.status === 'signed')).toBe(true);
      expect(thanet.stages[0].decisions.map((d: any) => d.outcome)).toEqual(['noted']);
    });

    it('puts the sign-off requests in the inbox at once', async () => {
      const emails = await t.emails();
      expect(first.emails).toBe(emails.length);
      for (const officer of ['k.trowell@example.gov.uk', 'sarah.lavallie@example.gov.uk', 'sunny.ee@medway.example.gov.uk']) {
        expect([officer, emails.filter((e) => e.to.includes(officer)).length]).toEqual([officer, 1]);
      }
    });

    it('prints each run, its page and API address, and where the e-mails are', () => {
      const printed = formatReport(first, { inboxViewer: 'http://127.0.0.1:4567/' });
      for (const title of Object.values(TITLES)) expect(printed).toContain(title);
      for (const { runId } of first.runs) {
        expect(printed).toContain(`${t.url}/runs/${runId}`);
        expect(printed).toContain(`${t.url}/api/runs/${runId}`);
      }
      expect(printed).toContain(`${t.url}/_local/emails`);
      expect(printed).toContain('http://127.0.0.1:4567/');
      expect(printed).toContain(`Bearer ${first.clerkToken}`);
    });

    it('changes nothing when loaded again', async () => {
      const emails = await t.emails();
      const again = await loadDemo(t.url);
      expect(again.runs.map((r) => [r.runId, r.created])).toEqual(first.runs.map((r) => [r.runId, false]));
      expect((await t.api.get('/api/runs', { as: clerk })).body.runs).toHaveLength(3);
      expect(await t.emails()).toEqual(emails);
    });

    it('runs as `npm run demo` against the stack on PORT, and reports the runs already there', async () => {
      const demo = runDemo('npm', ['run', '-s', 'demo'], { PORT: String(t.stack.ports.gateway) });
      const output = await demo.printed;
      expect(await demo.exited).toBe(0);
      expect(output.match(/\[already there\]/g)).toHaveLength(3);
      expect(output).not.toContain('starting one');
      expect((await t.api.get('/api/runs', { as: clerk })).body.runs).toHaveLength(3);
    });
  });

  describe('with a stack whose dev sign-in is off', () => {
    let t: TestStack;

    beforeAll(async () => {
      t = await startTestStack({ clockStart: '2026-11-26T09:00:00Z', devAuth: false });
    });

    afterAll(async () => {
      await t?.stop();
    });

    it('says to start it with RATIFY_DEV_AUTH=1', async () => {
      await expect(loadDemo(t.url)).rejects.toThrow(/RATIFY_DEV_AUTH=1/);
    });
  });

  describe('with no stack running', () => {
    let dataDir: string;
    let demo: ReturnType<typeof runDemo> | undefined;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'ratify-demo-'));
    });

    afterAll(async () => {
      if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });

    it('starts a stack of its own, loads the plans, and keeps it running until SIGTERM', async () => {
      demo = runDemo(process.execPath, tsx('infra/local/demo.ts'), {
        PORT: '0',
        RATIFY_DATA_DIR: dataDir,
        RATIFY_CLOCK: 'virtual',
        RATIFY_CLOCK_START: '2026-11-26T09:00:00Z',
      }, /Ctrl-C/);
      const output = await demo.printed;
      expect(output).toContain('starting one');
      expect(output).toMatch(/Inbox viewer\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(output.match(/\[created\]/g)).toHaveLength(3);
      const url = /Dashboard\s+(http:\/\/\S+?)\/\s/.exec(output)![1];
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
      expect(((await (await fetch(`${url}/_local/emails`)).json()) as unknown[]).length).toBeGreaterThan(0);

      const child: ChildProcess = demo.child;
      child.kill('SIGTERM');
      expect(await demo.exited).toBe(0);
    });

    it('stops at once with --exit, and finds the runs it loaded before in the same data directory', async () => {
      const again = runDemo(process.execPath, tsx('infra/local/demo.ts', '--exit'), { PORT: '0', RATIFY_DATA_DIR: dataDir, RATIFY_CLOCK: 'virtual' });
      const output = await again.printed;
      expect(await again.exited).toBe(0);
      expect(output.match(/\[already there\]/g)).toHaveLength(3);
    });
  });
});
