import type { Framework } from '../../core/framework/schema';
import { renderIssue, severityLabel, type Lang } from '../../core/messages';
import { cliText, isSingular, type CliTextId } from '../../core/messages/cli';
import type { Issue, Report, ReportStats } from '../../core/report';
import { quoteSheet } from '../../core/tables';
import { InputError, type InputErrorCode } from '../read/input-error';
import { EXIT } from './common';
import { inputErrorText, renderInputError } from './text';

/**
 * How the command line shows validation reports: text for people (grouped by file, then by sheet),
 * JSON for programs. Shared by `validate` and the merge, which reports the files it refuses.
 */

/** The outcome for one input file: its report, or why it could not be used at all. */
export type FileOutcome = { file: string; report: Report } | { file: string; failure: FileFailure };

export interface FileFailure {
  /** An InputError code, or `internal` for an unexpected failure of the tool itself. */
  code: InputErrorCode | 'internal';
  /** One line, in the user's language, naming the file. */
  line: string;
  /** The reason alone, without the file name. */
  reason: string;
}

/** Any failure while reading or checking one file, as one line naming the file (never a stack trace). */
export function fileFailure(file: string, err: unknown, lang: Lang): FileFailure {
  if (err instanceof InputError)
    return { code: err.code, line: renderInputError(err, lang), reason: inputErrorText(err.code, err.params, lang) };
  const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 160);
  const reason = cliText('internal', { detail }, lang);
  // The same shape as renderInputError's lines.
  return { code: 'internal', line: cliText('fileLine', { file, reason }, lang), reason };
}

/** `Indicateurs!F5`, quoted as Excel does when the name needs it: `'Feuille 1'!A1`. */
export function cellReference(sheet: string, address: string | null): string {
  const name = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : quoteSheet(sheet);
  return address ? `${name}!${address}` : name;
}

/** Where an issue is: `Indicateurs!F5`, a sheet, or the whole workbook. */
export function issueLocation(issue: Pick<Issue, 'sheet' | 'address'>, lang: Lang): string {
  if (issue.sheet === null) return cliText('workbook', {}, lang);
  return cellReference(issue.sheet, issue.address);
}

const COUNT_IDS = {
  error: ['errorOne', 'errorMany'],
  warning: ['warningOne', 'warningMany'],
  info: ['infoOne', 'infoMany'],
} as const satisfies Record<string, readonly [CliTextId, CliTextId]>;

/** `0 erreur`, `1 erreur`, `2 erreurs` (French keeps 0 and 1 singular); `0 errors`, `1 error` in English. */
export function count(n: number, word: keyof typeof COUNT_IDS, lang: Lang): string {
  const [one, many] = COUNT_IDS[word];
  return cliText(isSingular(n, lang) ? one : many, { n }, lang);
}

function communeText(report: Report, framework: Framework | undefined, lang: Lang): string {
  if (!report.commune) return cliText('communeUnknown', {}, lang);
  const name = framework?.communes.find((c) => c.code === report.commune)?.name;
  return cliText('commune', { name: name ? `${name} (${report.commune})` : report.commune }, lang);
}

/** The per-file summary: verdict, counts, commune and period. */
export function summaryLine(report: Report, lang: Lang, framework?: Framework): string {
  const { stats } = report;
  const counts = [count(stats.errors, 'error', lang), count(stats.warnings, 'warning', lang)];
  if (stats.acknowledged > 0) counts.push(count(stats.acknowledged, 'info', lang));
  return cliText(
    'summary',
    {
      verdict: cliText(report.valid ? 'valid' : 'notValid', {}, lang),
      counts: counts.join(', '),
      commune: communeText(report, framework, lang),
      period: report.period
        ? cliText('periodGiven', { period: report.period }, lang)
        : cliText('periodMissing', {}, lang),
      filled: cliText('filled', { filled: stats.filled, inputs: stats.inputs }, lang),
    },
    lang,
  );
}

/** The lines of one file's report: the file, its issues by sheet, then the summary line. */
export function formatFileReport(file: string, report: Report, lang: Lang, framework?: Framework): string[] {
  const lines = [file];
  if (report.issues.length === 0) lines.push(`  ${cliText('noProblem', {}, lang)}`);
  // Aligned columns: severity, place, message.
  const width = Math.max(...report.issues.map((i) => severityLabel(i.severity, lang).length));
  const placeWidth = Math.min(24, Math.max(...report.issues.map((i) => issueLocation(i, lang).length)));
  const groups = new Map<string | null, Issue[]>();
  for (const issue of report.issues) groups.set(issue.sheet, [...(groups.get(issue.sheet) ?? []), issue]);
  for (const [sheet, issues] of groups) {
    lines.push(`  ${sheet ?? cliText('workbookHeading', {}, lang)}`);
    for (const issue of issues)
      lines.push(
        `    ${severityLabel(issue.severity, lang).padEnd(width)}  ${issueLocation(issue, lang).padEnd(placeWidth)}  ${renderIssue(issue, lang)}`,
      );
  }
  lines.push(`  ${summaryLine(report, lang, framework)}`);
  return lines;
}

/** The closing line when several files were checked. */
export function totalsLine(outcomes: readonly FileOutcome[], lang: Lang): string {
  const valid = outcomes.filter((o) => 'report' in o && o.report.valid).length;
  const invalid = outcomes.filter((o) => 'report' in o && !o.report.valid).length;
  const unusable = outcomes.length - valid - invalid;
  return cliText(
    'totals',
    {
      files: outcomes.length,
      valid,
      validWord: cliText(isSingular(valid, lang) ? 'validOne' : 'validMany', {}, lang),
      invalid,
      unusable,
      unusableWord: cliText(isSingular(unusable, lang) ? 'unusableOne' : 'unusableMany', {}, lang),
    },
    lang,
  );
}

export interface JsonIssue extends Issue {
  message: string;
}

export type JsonFile =
  | {
      file: string;
      valid: boolean;
      stats: ReportStats;
      commune: string | null;
      period: string | null;
      issues: JsonIssue[];
    }
  | { file: string; error: { code: FileFailure['code']; message: string } };

export interface JsonReport {
  valid: boolean;
  files: JsonFile[];
}

/** The machine report: every issue keeps its ids and parameters and gains its rendered `message`. */
export function jsonReport(outcomes: readonly FileOutcome[], lang: Lang): JsonReport {
  const files = outcomes.map((o): JsonFile => {
    if ('failure' in o) return { file: o.file, error: { code: o.failure.code, message: o.failure.reason } };
    const { valid, stats, commune, period, issues } = o.report;
    return {
      file: o.file,
      valid,
      stats,
      commune,
      period,
      issues: issues.map((i) => ({ ...i, message: renderIssue(i, lang) })),
    };
  });
  return { valid: files.every((f) => 'valid' in f && f.valid), files };
}

/** 2 when a file could not be used, else 1 when a file has errors, else 0. */
export function exitCode(outcomes: readonly FileOutcome[]): number {
  if (outcomes.some((o) => 'failure' in o)) return EXIT.unusable;
  if (outcomes.some((o) => 'report' in o && !o.report.valid)) return EXIT.invalid;
  return EXIT.ok;
}
