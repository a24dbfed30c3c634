import type { EngineOptions } from './sfn/types';

/**
 * The Step Functions engine's interface (DESIGN.md, "Local Step Functions engine"). It is loaded at run time
 * so the rest of the stack still starts while the engine is missing; /health then reports it down.
 */
export interface LocalStepFunctions {
  url: string;
  port: number;
  advanceTo(instant: Date): Promise<void>;
  waitForIdle(): Promise<void>;
  close(): Promise<void>;
}

export type StartEngine = (opts: EngineOptions) => Promise<LocalStepFunctions>;

export function loadEngine(): StartEngine | undefined {
  try {
    return (require('./sfn') as { startStepFunctionsEngine: StartEngine }).startStepFunctionsEngine;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((err as Error).message).includes('./sfn')) return undefined;
    throw err;
  }
}
