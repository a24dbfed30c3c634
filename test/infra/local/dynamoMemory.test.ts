/**
 * The local DynamoDB keeps nothing of what it reads (issue 11): heap and RSS after 1,000 reads are within 10% of
 * before (GC forced, after a warm-up). Without `closeIteratorsWhenStreamsEnd` every read left its LevelDB
 * iterator open and the heap grew by half over the same reads.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = join(__dirname, '..', '..', '..');

test('memory after 1,000 reads is within 10% of before', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(__dirname, 'fixtures', 'dynamoReads.ts')],
    { cwd: repoRoot, env: { ...process.env, READS: '1000' }, timeout: 110_000 },
  );
  const { reads, before, after } = JSON.parse(stdout.trim().split('\n').pop()!) as {
    reads: number;
    before: { rss: number; heapUsed: number };
    after: { rss: number; heapUsed: number };
  };
  expect(reads).toBe(1000);
  expect(after.heapUsed).toBeLessThanOrEqual(before.heapUsed * 1.1);
  expect(after.rss).toBeLessThanOrEqual(before.rss * 1.1);
}, 120_000);
