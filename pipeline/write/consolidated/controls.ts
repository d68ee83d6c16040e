import type ExcelJS from 'exceljs';
import type { FileIssue } from '../../../core/consolidate/model';
import { interpolate, severityLabel } from '../../../core/messages';
import { issueText, ruleTitle } from '../../../core/messages/merge';
import type { WriteContext } from './context';
import { fitRowHeight } from './row-height';
import { headerRow, value, widths } from './style';

/**
 * Rows of one file listed in `Contrôles`; beyond, one line counts the rest. A file with more problems
 * than that (a million-line CSV in the wrong shape) is fixed from its first ones, and a sheet has at most
 * 1 048 576 rows.
 */
export const ISSUES_PER_FILE = 1000;
/** All files together, under Excel's 1 048 576 rows (header and summary lines included). */
export const ISSUES_ROWS_MAX = 1_000_000;

/** An issue; the rest of one file's issues; or, when the sheet is full, the rest of every other file's. */
type Line = { issue: FileIssue } | { more: FileIssue[]; otherFiles?: true };

/**
 * The issues to list, file by file in their order, each file's beyond the cap summed up in one line;
 * never more than `total` lines, however many files: once the sheet is full, the files still to come
 * share one last line.
 */
export function controlLines(issues: readonly FileIssue[], perFile = ISSUES_PER_FILE, total = ISSUES_ROWS_MAX): Line[] {
  const lines: Line[] = [];
  const shown = new Map<string, number>();
  const more = new Map<string, FileIssue[]>();
  let overflow: FileIssue[] | undefined;
  for (const issue of issues) {
    const n = shown.get(issue.file) ?? 0;
    let rest = more.get(issue.file);
    if (n < perFile && !rest && lines.length < total - more.size - 1) {
      shown.set(issue.file, n + 1);
      lines.push({ issue });
    } else if (rest) rest.push(issue);
    else if (lines.length < total - 1) {
      rest = [issue];
      more.set(issue.file, rest);
      lines.push({ more: rest });
    } else {
      if (!overflow) lines.push({ more: (overflow = []), otherFiles: true });
      overflow.push(issue);
    }
  }
  return lines;
}

/** `Contrôles`: every issue of every input, with file, sheet, cell, rule, severity and message. */
export function writeControls(ws: ExcelJS.Worksheet, ctx: WriteContext): void {
  const L = ctx.labels;
  headerRow(ws.getRow(1), [L.file, L.sheet, L.cell, L.ruleTitle, L.severity, L.message, L.rule]);
  widths(ws, [30, 13, 7, 30, 13, 62, 20]);
  const lines = controlLines(ctx.issues);
  lines.forEach((line, i) => {
    const row = ws.getRow(i + 2);
    if ('more' in line) {
      const rest = line.more;
      const count = (s: string) => rest.filter((x) => x.severity === s).length;
      const counts = { count: rest.length, errors: count('error'), warnings: count('warning') };
      const files = new Set(rest.map((x) => x.file)).size;
      const text = interpolate(line.otherFiles ? L.moreIssuesOtherFiles : L.moreIssues, { ...counts, files }, ctx.lang);
      [
        line.otherFiles ? interpolate(L.otherFiles, { count: files }, ctx.lang) : rest[0]!.file,
        null,
        null,
        null,
        null,
        text,
        null,
      ].forEach((v, c) => value(row.getCell(c + 1), v));
      row.getCell(6).font = { name: 'Calibri', italic: true, bold: true };
      for (const c of [1, 6]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
      fitRowHeight(ws, i + 2);
      row.commit();
      return;
    }
    const { issue } = line;
    const title = ruleTitle(issue.ruleId, ctx.lang);
    const message = issueText(issue, ctx.lang);
    [
      issue.file,
      issue.sheet,
      issue.address,
      title,
      severityLabel(issue.severity, ctx.lang),
      message,
      issue.ruleId,
    ].forEach((v, c) => value(row.getCell(c + 1), v));
    for (const c of [1, 4, 6]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    for (const c of [2, 3, 4, 5, 6, 7]) row.getCell(c).alignment = { ...row.getCell(c).alignment, indent: 1 };
    const colour = issue.severity === 'error' ? 'FF9C0006' : issue.severity === 'warning' ? 'FF9C5700' : 'FF595959';
    row.getCell(5).font = { name: 'Calibri', bold: issue.severity === 'error', color: { argb: colour } };
    fitRowHeight(ws, i + 2);
    row.commit();
  });
  if (lines.length === 0) value(ws.getCell('A2'), L.noIssue);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, lines.length + 1), column: 7 } };
}
