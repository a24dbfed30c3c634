import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The engine in a process of its own (infra/local/sfn/main.ts), run with tsx as a loader so a kill hits it. */
export interface EngineProcess {
  url: string;
  /** SIGKILL: no chance to store anything or close the database. */
  kill(): Promise<void>;
  /** SIGTERM: the engine stores what is pending and exits. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../../../../..');
const MAIN = path.join(ROOT, 'infra/local/sfn/main.ts');
const READY_TIMEOUT_MS = 20_000;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startEngineProcess(options: {
  dataDir: string;
  lambdasModule: string;
  env: Record<string, string>;
}): Promise<EngineProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, '--data-dir', options.dataDir, '--port', '0', '--lambdas', options.lambdasModule],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not start: ${stderr}`)), READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited (${code}) before it was ready: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const message = JSON.parse(line) as { ready?: boolean; url?: string };
        if (message.ready && message.url) {
          clearTimeout(timer);
          resolve(message.url);
        }
      } catch {
        // not the ready line
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
