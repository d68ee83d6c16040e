import { readFileSync } from 'node:fs';
import { FrameworkError, parseFramework } from '../core/framework/load';
import type { Framework } from '../core/framework/schema';
import { fromRoot } from './paths';

export const DEFAULT_FRAMEWORK = fromRoot('templates', 'framework.json');

/** Where JSON.parse stopped (« at position 12 », or the end), as a line and a column; undefined if it does not say. */
function jsonPlace(text: string, err: unknown): { line: number; column: number } | undefined {
  const message = err instanceof Error ? err.message : '';
  const m = /at position (\d+)/.exec(message);
  const at = m ? Number(m[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (at === undefined) return undefined;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Reads and checks the framework file; every failure is a FrameworkError naming the file. */
export function loadFrameworkFile(file: string = DEFAULT_FRAMEWORK): Framework {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new FrameworkError(file, [{ path: '', id: 'unreadable', params: { code } }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const place = jsonPlace(text, err);
    throw new FrameworkError(file, [
      place ? { path: '', id: 'notJson', params: place } : { path: '', id: 'notJsonAnywhere', params: {} },
    ]);
  }
  return parseFramework(data, file);
}
