import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Discovered } from '../read/discover';
import { processInput, type InputOptions, type InputOutcome } from './inputs';

/**
 * Processes inputs on `workers` threads (or in this thread when 1), keeping results in input order
 * so the output is identical whatever the timing. Each worker holds one file at a time: memory does
 * not grow with the number of inputs beyond their extracted numbers.
 */
export async function processInputs(
  inputs: readonly Discovered[],
  options: InputOptions,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<InputOutcome[]> {
  const outcomes = new Array<InputOutcome>(inputs.length);
  let done = 0;
  const finished = () => onProgress?.(++done, inputs.length);
  if (workers <= 1 || inputs.length < 2) {
    // Two files in flight so reading one overlaps checking the other.
    let next = 0;
    const lane = async () => {
      while (next < inputs.length) {
        const i = next++;
        outcomes[i] = await processInput(inputs[i]!, options);
        finished();
      }
    };
    await Promise.all([lane(), lane()]);
    return outcomes;
  }
  const script = path.join(__dirname, `worker${path.extname(__filename)}`);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= inputs.length) {
          resolve();
          return;
        }
        const index = next++;
        worker.postMessage({ index, input: inputs[index] });
      };
      worker.on('message', (msg: { index: number; outcome?: InputOutcome; error?: string }) => {
        if (msg.error !== undefined) {
          reject(new Error(`${inputs[msg.index]!.name}: ${msg.error}`));
          return;
        }
        outcomes[msg.index] = msg.outcome!;
        finished();
        send();
      });
      worker.on('error', reject);
      send();
    });
  // Run from TypeScript sources (tsx), a worker registers tsx itself before loading its script.
  const boot = script.endsWith('.ts') ? `require('tsx/cjs'); require(${JSON.stringify(script)});` : null;
  const pool = Array.from({ length: Math.min(workers, inputs.length) }, () =>
    boot ? new Worker(boot, { eval: true, workerData: options }) : new Worker(script, { workerData: options }),
  );
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return outcomes;
}
