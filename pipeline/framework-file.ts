import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FrameworkError, parseFramework } from '../core/framework/load';
import type { Framework } from '../core/framework/schema';

export const DEFAULT_FRAMEWORK = path.resolve(__dirname, '..', 'templates', 'framework.json');

/** Reads and checks the framework file; every failure is a FrameworkError naming the file. */
export function loadFrameworkFile(file: string = DEFAULT_FRAMEWORK): Framework {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FrameworkError(file, [`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FrameworkError(file, [`is not valid JSON (${(err as Error).message})`]);
  }
  return parseFramework(data, file);
}
