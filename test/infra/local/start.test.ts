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
    const run = start({ PORT: '0', RATIFY_DATA_DIR: dataDir, RATIFY_CLOCK: 'virtual', RATIFY_CLOCK_START: '2017-01-09T09:00:00Z', RATIFY_DEV_AUTH: '1' });
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

  it('refuses a malformed setting', async () => {
    const run = start({ PORT: 'lots', RATIFY_DATA_DIR: dataDir });
    await expect(run.dashboard).rejects.toThrow(/PORT/);
  });
});
