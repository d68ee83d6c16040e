import path from 'node:path';
import type { Framework } from '../../core/framework/schema';
import type { Lang } from '../../core/messages';
import { issueText } from '../../core/messages/merge';
import type { Report } from '../../core/report';
import type { Tables } from '../../core/tables';
import type { MergeResult } from '../merge/merge';
import { readWorkbookFile } from '../read/xlsx';
import { DEFAULT_LIMITS, type ZipLimits } from '../read/zip-guard';
import type { FeedbackRequest, FeedbackSource } from '../write/feedback/write';

interface Common {
  dir: string;
  framework: Framework;
  lang: Lang;
  limits?: ZipLimits;
  now?: Date;
}

/** The values of a workbook that was read, read again for its read-only views (null for a CSV or on failure). */
const tablesReader =
  (limits: ZipLimits = DEFAULT_LIMITS) =>
  async (source: FeedbackSource): Promise<Tables | null> => {
    if (source.unusable !== null || !/\.xls[xm]$/i.test(source.path)) return null;
    try {
      return await readWorkbookFile(source.path, limits);
    } catch {
      return null;
    }
  };

/**
 * The merge's account as feedback: every file it read (accepted, refused, set aside as a duplicate),
 * with its issues; skipped files (lock files, other periods, own outputs) get none. Reminders for the
 * commune-periods in scope that no file answered.
 */
export function feedbackOfMerge(result: MergeResult, input: string, options: Common): FeedbackRequest {
  // The accepted file of each commune and period (a CSV may answer several).
  const acceptedFor = new Map<string, string>();
  for (const s of result.sources)
    if (s.status === 'accepted' && s.commune !== null && s.period !== null)
      for (const c of s.commune.split(', '))
        for (const p of s.period.split(', ')) if (!acceptedFor.has(`${c}|${p}`)) acceptedFor.set(`${c}|${p}`, s.file);
  const sources: FeedbackSource[] = result.sources
    .filter((s) => s.status !== 'skipped')
    .map((s) => {
      const issues = result.issues.filter((i) => i.file === s.file);
      const unusable = issues.find((i) => i.ruleId === 'unusable-file');
      // A CSV of several communes has no one commune to answer.
      const commune = s.commune !== null && !s.commune.includes(',') ? s.commune : null;
      const period = s.period !== null && !s.period.includes(',') ? s.period : null;
      return {
        file: s.file,
        path: path.join(input, s.file),
        commune,
        period,
        issues: unusable ? [] : issues,
        unusable: unusable ? issueText(unusable, options.lang) : null,
        // A refused file, or a copy set aside, next to the accepted one for the same commune and period:
        // not used, not to resend.
        supersededBy:
          (s.status === 'rejected' || s.status === 'duplicate') && commune !== null && period !== null
            ? (acceptedFor.get(`${commune}|${period}`) ?? null)
            : null,
      };
    });
  // Without a consolidation (every file refused), the periods the files name are the scope.
  const coverage =
    result.model?.coverage ??
    [
      ...new Set(
        sources.map((s) => s.period).filter((p): p is string => options.framework.periods.some((x) => x.label === p)),
      ),
    ]
      .flatMap((period) => options.framework.communes.map((c) => ({ commune: c.code, period })))
      .map((c) => ({
        ...c,
        state: sources.some((s) => s.commune === c.commune && s.period === c.period) ? 'rejected' : 'missing',
      }));
  return {
    ...options,
    readTables: tablesReader(options.limits),
    sources,
    missing: coverage.filter((c) => c.state === 'missing').map((c) => ({ commune: c.commune, period: c.period })),
    periods: [...new Set(coverage.map((c) => c.period))],
  };
}

/** `validate`'s outcomes as feedback: each file given, its report or why it could not be read. No reminders. */
export function feedbackOfValidate(
  outcomes: readonly ({ file: string; report: Report } | { file: string; failure: { reason: string } })[],
  options: Common,
): FeedbackRequest {
  return {
    ...options,
    readTables: tablesReader(options.limits),
    sources: outcomes.map((o) => ({
      file: o.file,
      path: path.resolve(o.file),
      commune: 'report' in o ? o.report.commune : null,
      period: 'report' in o ? o.report.period : null,
      issues: 'report' in o ? o.report.issues : [],
      unusable: 'failure' in o ? o.failure.reason : null,
    })),
    missing: [],
    periods: [],
  };
}
