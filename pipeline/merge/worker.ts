import { parentPort, workerData } from 'node:worker_threads';
import type { Discovered } from '../read/discover';
import { processInput, type InputOptions } from './inputs';

/** A worker thread: reads, checks and extracts the inputs it is sent, one at a time, in order. */
const options = workerData as InputOptions;
parentPort!.on('message', (task: { index: number; input: Discovered }) => {
  processInput(task.input, options).then(
    (outcome) => parentPort!.postMessage({ index: task.index, outcome }),
    (err: unknown) =>
      parentPort!.postMessage({ index: task.index, error: err instanceof Error ? err.message : String(err) }),
  );
});
