import type { Lang } from '../messages';
import {
  frameworkErrorText,
  isFrameworkProblemId,
  type FrameworkProblem,
  type FrameworkProblemId,
} from '../messages/framework';
import type { Params } from '../report';
import { frameworkSchema, type Framework } from './schema';

export type { FrameworkProblem } from '../messages/framework';

/**
 * A framework file that failed: every problem as an id, its parameters and its JSON path, said in the
 * user's language by `text(lang)` at the edge; `message` is the French text (the tools' default language).
 */
export class FrameworkError extends Error {
  constructor(
    readonly source: string,
    readonly problems: FrameworkProblem[],
  ) {
    super(frameworkErrorText(source, problems, 'fr'));
    this.name = 'FrameworkError';
  }

  text(lang: Lang): string {
    return frameworkErrorText(this.source, this.problems, lang);
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

/** What zod tells of an issue, as far as a text needs it (zod's own issue types are a wide union). */
interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  params?: Record<string, unknown>;
  expected?: unknown;
  input?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  values?: readonly unknown[];
  keys?: readonly string[];
}

const asParam = (value: unknown): string | number =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : String(value);

/** zod's generic issues (no message of ours): an id of the catalogue and the issue's own figures. */
function genericProblem(issue: ZodIssueLike): { id: FrameworkProblemId; params: Params } {
  const minimum = asParam(issue.minimum);
  const maximum = asParam(issue.maximum);
  switch (issue.code) {
    case 'invalid_type':
      return {
        id: issue.input === undefined ? 'missing' : 'invalidType',
        params: { expected: asParam(issue.expected) },
      };
    case 'too_small':
      if (issue.origin === 'string') return { id: 'emptyText', params: { minimum } };
      if (issue.origin === 'array') return { id: 'tooFewItems', params: { minimum } };
      return { id: issue.inclusive === false ? 'tooSmallExclusive' : 'tooSmall', params: { minimum } };
    case 'too_big':
      return { id: issue.origin === 'string' ? 'tooLong' : 'tooBig', params: { maximum } };
    case 'invalid_value':
      return { id: 'invalidValue', params: { values: (issue.values ?? []).map((v) => JSON.stringify(v)).join(', ') } };
    case 'unrecognized_keys':
      return { id: 'unrecognizedKeys', params: { keys: (issue.keys ?? []).map((k) => `"${k}"`).join(', ') } };
    default:
      return { id: 'invalid', params: {} };
  }
}

/** A zod issue as a problem: the schema's messages are catalogue ids, their parameters in `params`. */
function problemOf(issue: ZodIssueLike): FrameworkProblem {
  const path = formatPath(issue.path);
  if (!isFrameworkProblemId(issue.message)) return { path, ...genericProblem(issue) };
  // A built-in check with our message keeps zod's figures too (a literal's `values`: "format": 2).
  const own = Object.fromEntries(Object.entries(issue.params ?? {}).map(([k, v]) => [k, asParam(v)]));
  return { path, id: issue.message, params: { ...genericProblem(issue).params, ...own } };
}

/** Checks parsed JSON against the schema; throws a FrameworkError naming each bad path. */
export function parseFramework(data: unknown, source = 'framework'): Framework {
  // The input in each issue tells a missing value from a wrong one.
  const parsed = frameworkSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new FrameworkError(source, parsed.error.issues.map(problemOf));
}
