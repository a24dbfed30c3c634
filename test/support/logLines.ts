import { logger } from '../../functions/platform/logger';

// Keys the logger keeps for itself: passed as extra keys they are dropped from the line (with a warning).
const RESERVED_KEYS = ['level', 'message', 'sampling_rate', 'service', 'timestamp'];

export type LogLine = Record<string, unknown> & { level: string; message: string };

/**
 * The log lines `work` writes through our logger, as `{ level, message, ...extra keys }`, whatever level the
 * tests log at (jest runs SILENT). A line passing a key the logger would drop fails the test.
 */
export async function logLinesOf<T>(work: () => Promise<T>): Promise<{ result: T; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const spies = (['debug', 'info', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(logger, level).mockImplementation(((message: string, extra?: Record<string, unknown>) => {
      const dropped = Object.keys(extra ?? {}).filter((k) => RESERVED_KEYS.includes(k));
      if (dropped.length) throw new Error(`log line "${message}" passes reserved keys ${dropped.join(', ')}: they would be dropped`);
      lines.push({ ...extra, level: level.toUpperCase(), message });
    }) as never),
  );
  try {
    return { result: await work(), lines };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/**
 * The JSON lines `work` makes the logger print, whole (with the keys appended for the invocation, such as
 * `runId`), at INFO whatever level the tests run at.
 */
export async function printedLogLinesOf<T>(work: () => Promise<T>): Promise<{ result: T; lines: Array<Record<string, unknown>> }> {
  const written: string[] = [];
  const printer = (logger as unknown as { console: Console }).console;
  const capture = (...args: unknown[]) => void written.push(String(args[0]));
  const spies = [
    ...(['debug', 'info', 'warn', 'error', 'log'] as const).map((method) => jest.spyOn(printer, method).mockImplementation(capture)),
    // Powertools puts the level back to the configured one (SILENT in tests) at each invocation: keep INFO.
    jest.spyOn(logger, 'refreshSampleRateCalculation').mockImplementation(() => undefined),
  ];
  const level = logger.getLevelName();
  logger.setLogLevel('INFO');
  try {
    const result = await work();
    const lines = written.flatMap((w) => w.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    return { result, lines };
  } finally {
    logger.setLogLevel(level);
    for (const spy of spies) spy.mockRestore();
  }
}
