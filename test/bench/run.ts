// `npm run bench`: state transitions per second of our engine and of aws-local-stepfunctions, side by side,
// for one 10,000-transition loop and for 1,000 executions running at once. Not a test: numbers only.
import { ourEngine, referenceEngine, type BenchEngine } from './engines';
import { loopMachine, shortMachine } from './machines';

interface Workload {
  label: string;
  definition: object;
  inputs: unknown[];
  transitions: number;
  /** Checks the outputs, so a fast wrong answer cannot pass for a result. */
  check(outputs: unknown[]): boolean;
}

const LOOP = loopMachine(4_999);
const CONCURRENT = 1_000;

const workloads: Workload[] = [
  {
    label: `${LOOP.transitions.toLocaleString('en-GB')}-transition loop (1 execution)`,
    definition: LOOP.definition,
    inputs: [{}],
    transitions: LOOP.transitions,
    check: (outputs) => (outputs[0] as { count: number }).count === 4_999,
  },
  {
    label: `${CONCURRENT.toLocaleString('en-GB')} concurrent executions (${shortMachine.transitions} transitions each)`,
    definition: shortMachine.definition,
    inputs: Array.from({ length: CONCURRENT }, (_, id) => ({ id })),
    transitions: CONCURRENT * shortMachine.transitions,
    check: (outputs) => outputs.every((output, id) => JSON.stringify(output) === JSON.stringify({ id, n: 4 })),
  },
];

const engines: BenchEngine[] = [ourEngine(false), ourEngine(true), referenceEngine];

const ROUNDS = 3;

/** The median of a few rounds, so one garbage collection does not decide the figure. */
async function measure(engine: BenchEngine, workload: Workload): Promise<{ perSecond: number; seconds: number }> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    const outputs = await engine.runAll(workload.definition, workload.inputs);
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (!workload.check(outputs)) throw new Error(`${engine.label} gave wrong outputs for ${workload.label}`);
  }
  const seconds = times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
  return { perSecond: workload.transitions / seconds, seconds };
}

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

async function main(): Promise<void> {
  // Warm up every engine once (module loading, JIT) on a small run of each workload.
  for (const engine of engines) {
    await engine.runAll(loopMachine(50).definition, [{}]);
    await engine.runAll(shortMachine.definition, [{ id: 0 }, { id: 1 }]);
  }
  const widths = [Math.max(...workloads.map((w) => w.label.length)), ...engines.map((e) => Math.max(e.label.length, 18))];
  console.log(`State transitions per second on this machine, median of ${ROUNDS} rounds (Node ${process.version}; more is better)\n`);
  console.log(row(['workload', ...engines.map((e) => e.label)], widths));
  for (const workload of workloads) {
    const cells: string[] = [];
    for (const engine of engines) {
      const { perSecond, seconds } = await measure(engine, workload);
      cells.push(`${Math.round(perSecond).toLocaleString('en-GB')} (${seconds.toFixed(2)} s)`);
    }
    console.log(row([workload.label, ...cells], widths));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
