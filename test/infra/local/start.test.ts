import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');

/** Starts `npm start`'s script (tsx infra/local/start.ts) and resolves with the dashboard URL it prints. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string; dashboard: Promise<string> } {
  const child = spawn(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'infra/local/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, RATIFY_LOG_LEVEL: 'SILENT', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const dashboard = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Dashboard\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
  return { child, output: () => output, dashboard };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm start', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ratify-start-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts from the environment, prints its addresses and the dev-auth warning, and stops cleanly on SIGTERM', async () => {
    const run = start({ PORT: '0', RATIFY_SES_PORT: '0', RATIFY_DATA_DIR: dataDir, RATIFY_CLOCK: 'virtual', RATIFY_CLOCK_START: '2017-01-09T09:00:00Z', RATIFY_DEV_AUTH: '1' });
    const url = await run.dashboard;
    const clock = await (await fetch(`${url}/_local/clock`)).json();
    expect(clock).toEqual({ now: '2017-01-09T09:00:00.000Z' });
    expect(run.output()).toMatch(/Inbox \(SES\)\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(run.output()).toMatch(/Sign in \(dev\)\s+http:\/\/localhost:\d+\/dev\/login/);
    expect(run.output()).toContain('WARNING: RATIFY_DEV_AUTH=1');
    const code = exited(run.child);
    run.child.kill('SIGTERM');
    expect(await code).toBe(0);
  });

  it('without dev auth (the first command of the README) prints the administrator\'s one-time sign-in address, which signs in once', async () => {
    const ownDir = await mkdtemp(join(tmpdir(), 'ratify-start-'));
    const run = start({ PORT: '0', RATIFY_SES_PORT: '0', RATIFY_DATA_DIR: ownDir, RATIFY_ADMIN_EMAIL: 'Ada.Admin@Example.gov.uk', RATIFY_DEV_AUTH: '' });
    try {
      const url = await run.dashboard;
      const link = /Sign in\s+(http:\/\/localhost:\d+\/local\/sign-in\/[A-Za-z0-9_-]{43})\s/.exec(run.output())?.[1];
      expect(link).toBeDefined();
      expect(run.output()).toContain('as ada.admin@example.gov.uk, administrator');
      expect(run.output()).not.toContain('Sign in (dev)');

      const signedOut = await fetch(`${url}/`, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect([signedOut.status, signedOut.headers.get('location')]).toEqual([303, '/local/sign-in?next=%2F']);
      const shown = await fetch(link!);
      expect(shown.status).toBe(200);
      expect(await shown.text()).toContain('ada.admin@example.gov.uk');
      const form = { method: 'POST', redirect: 'manual' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'next=%2F' };
      const signedIn = await fetch(link!, form);
      expect(signedIn.status).toBe(303);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
      expect(cookie).toMatch(/^ratify_session=/);
      const dashboard = await fetch(`${url}/`, { headers: { cookie } });
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain('Local administrator');
      expect((await fetch(link!, form)).status).toBe(410);
      const code = exited(run.child);
      run.child.kill('SIGTERM');
      expect(await code).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
      await rm(ownDir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed setting', async () => {
    const run = start({ PORT: 'lots', RATIFY_DATA_DIR: dataDir });
    await expect(run.dashboard).rejects.toThrow(/PORT/);
  });
});
