import { frameworkSchema, type Framework } from './schema';

/** A framework that failed its schema: every problem with its path inside the file. */
export class FrameworkError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'FrameworkError';
  }
}

/** `['indicators', 3, 'targets', 'BAR']` → `indicators[3].targets.BAR` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const text = String(key);
    return out ? `${out}.${text}` : text;
  }, '');
}

/** Checks parsed JSON against the schema; throws a FrameworkError naming each bad path. */
export function parseFramework(data: unknown, source = 'framework'): Framework {
  const parsed = frameworkSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const where = formatPath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  throw new FrameworkError(source, problems);
}
