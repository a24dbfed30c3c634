import { logger } from '../../functions/commons/logger';

/**
 * The structured log lines `work` writes through our logger, parsed: the logger prints JSON lines to stdout and
 * stderr itself (not through jest's console), at INFO for the duration whatever the tests' level.
 */
export async function logLinesOf<T>(work: () => Promise<T>): Promise<{ result: T; lines: Array<Record<string, unknown>> }> {
  const written: string[] = [];
  const capture = (stream: NodeJS.WriteStream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(chunk.toString());
      return true;
    });
  const level = logger.getLevelName();
  const spies = [capture(process.stdout), capture(process.stderr)];
  logger.setLogLevel('INFO');
  try {
    const result = await work();
    return { result, lines: written.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    logger.setLogLevel(level);
    for (const spy of spies) spy.mockRestore();
  }
}
