import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExceljsRead } from './exceljs-tables';

/** What an exceljs thread is given: the package, and the file's xl/workbook.xml (its date system). */
export interface ExceljsTask {
  workbook: Uint8Array;
  workbookXml?: Uint8Array;
}

/** The thread's answer, or `timeout` when it was stopped at the deadline. */
export type ExceljsOutcome = ExceljsRead | { kind: 'timeout' };

type Message = ExceljsRead | { kind: 'failed'; name: string; message: string };

/** The worker script next to this module (`.ts` under tsx and jest, `.js` once compiled). */
const SCRIPT = path.join(__dirname, `exceljs-worker${path.extname(__filename)}`);

/**
 * Starting a thread costs about a second (loading exceljs), reading a fallback workbook a fraction
 * of that: a thread that answered is kept for the next fallback, then ended once idle this long.
 */
const IDLE_MS = 10_000;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
  /** Forgets a kept thread that ended on its own. */
  onExit: () => void;
}
const idle: Idle[] = [];

/** exceljs on a hostile package must not take the whole machine: its thread's heap is capped (a refusal then). */
const LIMITS = { resourceLimits: { maxOldGenerationSizeMb: 1024 } };

function startWorker(): Worker {
  // From TypeScript sources a worker registers tsx itself before loading its script (as merge/pool.ts).
  return SCRIPT.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(SCRIPT)});`, { eval: true, ...LIMITS })
    : new Worker(SCRIPT, LIMITS);
}

function takeWorker(): Worker {
  const kept = idle.pop();
  if (!kept) return startWorker();
  clearTimeout(kept.timer);
  kept.worker.off('exit', kept.onExit).off('error', kept.onExit).ref();
  return kept.worker;
}

/** A kept thread never keeps the process alive, and ends after IDLE_MS. */
function keepWorker(worker: Worker): void {
  const end = () => {
    const at = idle.indexOf(entry);
    if (at >= 0) idle.splice(at, 1);
    void worker.terminate();
  };
  const entry: Idle = { worker, timer: setTimeout(end, IDLE_MS).unref(), onExit: end };
  worker.unref();
  // An error of a kept thread (a late rejection inside exceljs) ends it; unheard, it would end the process.
  worker.once('exit', end).on('error', end);
  idle.push(entry);
}

/**
 * Reads a workbook with exceljs on a thread of its own, stopped after `timeoutMs`: exceljs cannot be
 * interrupted (50 000 merged ranges keep it busy for minutes), a thread can. Tables are plain data
 * and come back unchanged (structured clone); an error thrown while converting comes back as an
 * Error of the same name and text.
 */
export function readTablesInThread(
  buffer: Buffer,
  workbookXml: Buffer | undefined,
  timeoutMs: number,
): Promise<ExceljsOutcome> {
  // Copies the thread owns: moved to it, and the caller's buffer stays usable.
  const task: ExceljsTask = {
    workbook: new Uint8Array(buffer),
    workbookXml: workbookXml && new Uint8Array(workbookXml),
  };
  const transfer = [
    task.workbook.buffer as ArrayBuffer,
    ...(task.workbookXml ? [task.workbookXml.buffer as ArrayBuffer] : []),
  ];
  return new Promise<ExceljsOutcome>((resolve, reject) => {
    const worker = takeWorker();
    let settled = false;
    const settle = (keep: boolean, act: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keep) keepWorker(worker);
      else void worker.terminate();
      act();
    };
    const timer = setTimeout(() => settle(false, () => resolve({ kind: 'timeout' })), Math.max(0, timeoutMs));
    const onMessage = (msg: Message) =>
      // A thread that answered, even with an error it caught, is sound: kept.
      settle(true, () => {
        if (msg.kind !== 'failed') return resolve(msg);
        const err = new Error(msg.message);
        err.name = msg.name;
        reject(err);
      });
    const onError = (err: Error) => settle(false, () => reject(err));
    const onExit = (code: number) =>
      settle(false, () => reject(new Error(`exceljs thread stopped (code ${code}) before answering`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(task, transfer);
  });
}
