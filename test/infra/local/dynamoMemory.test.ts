/**
 * The local DynamoDB (and with it the stack) keeps nothing of what it reads (issue 11): heap and RSS after 1,000 reads are within 10% of
 * before (GC forced, after a warm-up). Without `closeIteratorsWhenStreamsEnd` every read left its LevelDB
 * iterator open and the heap grew by half over the same reads.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = join(__dirname, '..', '..', '..');

interface Measured {
  reads: number;
  before: { rss: number; heapUsed: number };
  after: { rss: number; heapUsed: number };
}

async function measure(fixture: string, env: Record<string, string>, timeout: number): Promise<Measured> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'fixtures', fixture)], {
    cwd: repoRoot,
    env: { ...process.env, RATIFY_LOG_LEVEL: 'SILENT', ...env },
    timeout,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('{"') && l.includes('"before"'));
  return JSON.parse(line!) as Measured;
}

test('memory after 1,000 reads is within 10% of before', async () => {
  const { reads, before, after } = await measure('dynamoReads.ts', { READS: '1000' }, 110_000);
  expect(reads).toBe(1000);
  expect(after.heapUsed).toBeLessThanOrEqual(before.heapUsed * 1.1);
  expect(after.rss).toBeLessThanOrEqual(before.rss * 1.1);
}, 120_000);

test('the whole stack: memory after 1,000 GET /api/runs is within 10% of before', async () => {
  const { reads, before, after } = await measure('stackListReads.ts', { RUNS: '60', READS: '1000', WARM_UP: '300' }, 280_000);
  expect(reads).toBe(1000);
  expect(after.heapUsed).toBeLessThanOrEqual(before.heapUsed * 1.1);
  expect(after.rss).toBeLessThanOrEqual(before.rss * 1.1);
}, 300_000);
