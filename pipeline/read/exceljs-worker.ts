import { parentPort } from 'node:worker_threads';
import { readTablesWithExceljs } from './exceljs-tables';
import type { ExceljsTask } from './exceljs-thread';

/**
 * A thread that reads workbooks with exceljs, one at a time, and posts their tables (plain data)
 * back. exceljs reads synchronously for long stretches: only a thread can be stopped mid-read
 * (exceljs-thread.ts terminates it at the deadline).
 */
const bytes = (view: Uint8Array) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
parentPort!.on('message', (task: ExceljsTask) => {
  readTablesWithExceljs(bytes(task.workbook), task.workbookXml && bytes(task.workbookXml)).then(
    (read) => parentPort!.postMessage(read),
    (err: unknown) =>
      parentPort!.postMessage({
        kind: 'failed',
        name: err instanceof Error ? err.name : 'Error',
        message: err instanceof Error ? err.message : String(err),
      }),
  );
});
