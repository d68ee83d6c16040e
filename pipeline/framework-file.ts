import { readFileSync } from 'node:fs';
import { FrameworkError, parseFramework } from '../core/framework/load';
import type { Framework } from '../core/framework/schema';
import { fromRoot } from './paths';

export const DEFAULT_FRAMEWORK = fromRoot('templates', 'framework.json');

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
