import { DescribeExecutionCommand, SFNClient, SendTaskSuccessCommand, StartExecutionCommand, CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { INVOKE_CALLBACK, ROLE, tempDir } from './support/engine';

const root = join(__dirname, '..', '..', '..', '..');

interface Child {
  process: ChildProcess;
  url: string;
  client: SFNClient;
}

function startChild(dataDir: string, tokensFile: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'infra/local/sfn/main.ts'), '--data-dir', dataDir, '--port', '0', '--clock', 'virtual',
      '--clock-start', '2026-11-26T09:00:00Z', '--lambdas', join(__dirname, 'support/childLambdas.ts')],
    { cwd: root, env: { ...process.env, SFN_TEST_TOKENS: tokensFile }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`engine exited early with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const ready = JSON.parse(line) as { ready: boolean; port: number; url: string };
      const client = new SFNClient({ endpoint: ready.url, region: 'eu-west-2', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
      resolve({ process: child, url: ready.url, client });
    });
  });
}

async function kill(child: Child): Promise<void> {
  child.client.destroy();
  child.process.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
}

const post = (child: Child, path: string, body: unknown) =>
  fetch(`${child.url}${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe('the engine as a child process', () => {
  let dir: ReturnType<typeof tempDir>;
  let child: Child | undefined;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    if (child) await kill(child);
    child = undefined;
    dir.remove();
  });

  it('prints its port when ready and picks executions up again after SIGKILL, clock included', async () => {
    const tokensFile = join(dir.path, 'tokens.txt');
    child = await startChild(dir.path, tokensFile);
    const { stateMachineArn } = await child.client.send(
      new CreateStateMachineCommand({
        name: 'approval',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Wait',
          States: {
            Wait: { Type: 'Wait', Seconds: 86_400 * 30, Next: 'Await' },
            Await: { Type: 'Task', Resource: INVOKE_CALLBACK, Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } }, End: true },
          },
        }),
      }),
    );
    const { executionArn } = await child.client.send(new StartExecutionCommand({ stateMachineArn, input: '{"runId":"r1"}' }));
    expect(await post(child, '/_engine/clock', { now: '2026-12-10T00:00:00Z' })).toEqual({ now: '2026-12-10T00:00:00.000Z' });
    await kill(child);

    child = await startChild(dir.path, tokensFile);
    expect(await fetch(`${child.url}/_engine/clock`).then((r) => r.json())).toEqual({ now: '2026-12-10T00:00:00.000Z' });
    await post(child, '/_engine/clock', { now: '2027-01-01T00:00:00Z' });
    expect(existsSync(tokensFile)).toBe(true);
    await kill(child);

    child = await startChild(dir.path, tokensFile);
    const [token] = readFileSync(tokensFile, 'utf8').trim().split('\n');
    await child.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"signed":true}' }));
    await post(child, '/_engine/idle', {});
    const described = await child.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"signed":true}' });
  }, 60_000);
});
