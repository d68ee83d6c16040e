import { createHash } from 'node:crypto';
import path from 'node:path';
import type { AcceptedReport, FileIssue, SourceRecord } from '../../core/consolidate/model';
import { periodsToDate } from '../../core/consolidate/coverage';
import { reportingPeriodsOf } from '../../core/framework/periods';
import { extract } from '../../core/extract';
import { communeFromName, periodFromName } from '../../core/file-name';
import type { Framework } from '../../core/framework/schema';
import type { Issue, Params } from '../../core/report';
import { a1, type Tables } from '../../core/tables';
import { tidyToGroups } from '../../core/tidy';
import { validate } from '../../core/validate';
import { TIDY_COLUMNS } from '../../core/layout/contract';
import { normalise } from '../../core/text';
import { parseCsvBuffer, templateSheetOfCsv } from '../read/csv';
import type { Discovered } from '../read/discover';
import { InputError } from '../read/input-error';
import { readInputFile } from '../read/input-file';
import { isOwnCsv } from '../read/own-output';
import { readWorkbookBuffer } from '../read/xlsx';
import type { ZipLimits } from '../read/zip-guard';

/** What one input file gave: its line in `Sources`, its issues, and its reports when accepted. */
export interface InputOutcome {
  record: SourceRecord;
  issues: FileIssue[];
  reports: AcceptedReport[];
}

export interface InputOptions {
  framework: Framework;
  limits: ZipLimits;
  period?: string;
}

const emptyRecord = (file: string): SourceRecord => ({
  file,
  commune: null,
  period: null,
  filledBy: '',
  entryDate: null,
  sha256: null,
  status: 'accepted',
  reason: null,
  errors: 0,
  warnings: 0,
});

/**
 * A file that cannot be used: its code and parameters are kept (rendered in the reader's language at the
 * edge, core/messages/merge.ts); an unexpected error keeps its first line as `detail`. The commune and
 * period its name tells are its own, as its feedback says: coverage then counts that commune-period
 * « refusé », not « non reçu ».
 */
function unusable(record: SourceRecord, err: unknown, framework: Framework): InputOutcome {
  const params: Params =
    err instanceof InputError
      ? { ...err.params, code: err.code }
      : { detail: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  const issue: FileIssue = {
    file: record.file,
    ruleId: 'unusable-file',
    severity: 'error',
    sheet: null,
    row: null,
    column: null,
    address: null,
    messageId: 'unusable',
    params,
  };
  return {
    record: {
      ...record,
      commune: communeFromName(path.basename(record.file), framework),
      period: periodFromName(path.basename(record.file), framework),
      status: 'rejected',
      reason: { id: 'unusable', params },
      errors: 1,
    },
    issues: [issue],
    reports: [],
  };
}

/** Last run's output, left in the input folder: listed as skipped, with why. */
const skippedAsOwn = (record: SourceRecord, id: 'ownWorkbook' | 'ownCsv' | 'ownFeedback'): InputOutcome => ({
  record: { ...record, status: 'skipped', reason: { id, params: {} } },
  issues: [],
  reports: [],
});

function count(issues: readonly Issue[]) {
  return {
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}

async function workbook(
  input: Discovered,
  buffer: Buffer,
  options: InputOptions,
  record: SourceRecord,
): Promise<InputOutcome> {
  let tables: Tables;
  try {
    tables = await readWorkbookBuffer(buffer, input.path, options.limits);
  } catch (err) {
    if (err instanceof InputError && err.code === 'ownOutput') return skippedAsOwn(record, 'ownWorkbook');
    if (err instanceof InputError && err.code === 'ownFeedback') return skippedAsOwn(record, 'ownFeedback');
    return unusable(record, err, options.framework);
  }
  const report = validate(tables, options.framework);
  const data = extract(tables, options.framework);
  const issues = report.issues.map((i) => ({ ...i, file: input.name }));
  const filled: SourceRecord = {
    ...record,
    commune: data.commune,
    period: data.period,
    filledBy: data.filledBy,
    entryDate: data.entryDate,
    ...count(report.issues),
  };
  if (!report.valid)
    return {
      record: { ...filled, status: 'rejected', reason: { id: 'invalid', params: { errors: filled.errors } } },
      issues,
      reports: [],
    };
  return {
    record: filled,
    issues,
    reports: [
      {
        source: input.name,
        commune: data.commune!,
        period: data.period!,
        filledBy: data.filledBy,
        entryDate: data.entryDate,
        points: data.points,
      },
    ],
  };
}

/** The template sheet a CSV was saved from, unless its header is the tidy table's own. */
function templateSheetOf(rows: readonly (readonly string[])[]): string | null {
  const header = new Set((rows[0] ?? []).map(normalise));
  const tidy = TIDY_COLUMNS.filter((c) => c.required).every((c) => header.has(normalise(c.header)));
  return tidy ? null : templateSheetOfCsv(rows);
}

function csv(input: Discovered, buffer: Buffer, options: InputOptions, record: SourceRecord): InputOutcome {
  let rows: string[][];
  try {
    rows = parseCsvBuffer(buffer, input.path);
  } catch (err) {
    return unusable(record, err, options.framework);
  }
  // A sheet of the template saved alone as CSV is a report in the wrong format, not tidy data with errors.
  const templateSheet = templateSheetOf(rows);
  if (templateSheet)
    return unusable(record, new InputError(input.path, 'csvSheet', { sheet: templateSheet }), options.framework);
  const sheet = path.basename(input.name, path.extname(input.name));
  const tidy = tidyToGroups(rows, options.framework, sheet, input.name);
  const issues: FileIssue[] = tidy.issues.map((i) => ({ ...i, file: input.name }));
  const reports: AcceptedReport[] = [];
  for (const group of tidy.groups) {
    const report = validate(group.tables, options.framework);
    for (const issue of report.issues) {
      // Put each issue back on the tidy row and column it came from.
      const origin = issue.sheet && issue.address ? group.origin.get(`${issue.sheet}!${issue.address}`) : undefined;
      const located = origin
        ? { sheet, row: origin.row, column: origin.column, address: a1(origin.row, origin.column) }
        : { sheet, row: null, column: null, address: null };
      issues.push({ ...issue, ...located, file: input.name });
    }
    const data = extract(group.tables, options.framework);
    // Each number's place is its row and column of the CSV, not of the workbook rebuilt from it.
    const points = data.points.map((p) => {
      const origin = p.source ? group.origin.get(p.source) : undefined;
      return { ...p, source: origin ? `${sheet}!${a1(origin.row, origin.column)}` : null };
    });
    reports.push({
      source: input.name,
      commune: group.commune,
      period: group.period,
      filledBy: '',
      entryDate: null,
      points,
    });
  }
  const filled: SourceRecord = {
    ...record,
    commune: [...new Set(reports.map((r) => r.commune))].join(', ') || null,
    period: [...new Set(reports.map((r) => r.period))].join(', ') || null,
    filledBy: '',
    ...count(issues),
  };
  if (filled.errors > 0)
    return {
      record: { ...filled, status: 'rejected', reason: { id: 'invalid', params: { errors: filled.errors } } },
      issues,
      reports: [],
    };
  return { record: filled, issues, reports };
}

/** Reads, checks and extracts one input; never throws for a bad file. */
export async function processInput(input: Discovered, options: InputOptions): Promise<InputOutcome> {
  const record = emptyRecord(input.name);
  if (input.kind === 'skip')
    return {
      record: { ...record, status: 'skipped', reason: { id: input.reason, params: {} } },
      issues: [],
      reports: [],
    };
  // Read once: the fingerprint and the reader share the same bytes.
  let buffer: Buffer;
  try {
    buffer = await readInputFile(input.path, options.limits.maxFileBytes);
  } catch (err) {
    return unusable(record, err, options.framework);
  }
  record.sha256 = createHash('sha256').update(buffer).digest('hex');
  // Last run's CSV left in the folder is not a submission: listed, never read as one (its workbook is
  // recognised by the reader, through the zip guard).
  if (input.kind === 'csv' && isOwnCsv(buffer)) return skippedAsOwn(record, 'ownCsv');
  const outcome =
    input.kind === 'workbook' ? await workbook(input, buffer, options, record) : csv(input, buffer, options, record);
  if (options.period && outcome.reports.length > 0) {
    // --period: the selection's files, and the earlier periods' for the cumulative to date; later ones are set aside.
    const upTo = new Set(periodsToDate(options.framework, options.period));
    if (outcome.reports.every((r) => !upTo.has(r.period))) {
      const period = [...new Set(outcome.reports.map((r) => r.period))].join(', ');
      return {
        record: {
          ...outcome.record,
          status: 'skipped',
          reason: { id: 'otherPeriod', params: { period, expected: options.period } },
        },
        issues: outcome.issues,
        reports: [],
      };
    }
    outcome.reports = outcome.reports.filter((r) => upTo.has(r.period));
    const selected = new Set(reportingPeriodsOf(options.framework.periods, options.period));
    const inSelection = [...new Set(outcome.reports.filter((r) => selected.has(r.period)).map((r) => r.period))];
    // An earlier period's file: accepted, and said to count in the cumulative to date only.
    if (inSelection.length === 0 && outcome.record.status === 'accepted') {
      const period = [...new Set(outcome.reports.map((r) => r.period))].join(', ');
      outcome.record = {
        ...outcome.record,
        period,
        reason: { id: 'toDateOnly', params: { period, expected: options.period } },
      };
    }
    // A CSV of several periods: Sources names the selection's (the earlier ones feed the cumulative only).
    else outcome.record = { ...outcome.record, period: inSelection.join(', ') || outcome.record.period };
  }
  return outcome;
}
