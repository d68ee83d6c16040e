import type ExcelJS from 'exceljs';
import { severityLabel } from '../../../core/messages';
import { issueText, ruleTitle } from '../../merge/messages';
import type { WriteContext } from './context';
import { fitRowHeight } from './row-height';
import { headerRow, printSetup, value, widths } from './style';

/** `Contrôles`: every issue of every input, with file, sheet, cell, rule, severity and message. */
export function writeControls(ws: ExcelJS.Worksheet, ctx: WriteContext): void {
  const L = ctx.labels;
  headerRow(ws.getRow(1), [L.file, L.sheet, L.cell, L.ruleTitle, L.severity, L.message, L.rule]);
  widths(ws, [30, 13, 7, 30, 13, 62, 20]);
  ctx.issues.forEach((issue, i) => {
    const row = ws.getRow(i + 2);
    const title = ruleTitle(issue.ruleId, ctx.lang);
    const message = issueText(issue, ctx.lang);
    [issue.file, issue.sheet, issue.address, title, severityLabel(issue.severity, ctx.lang), message, issue.ruleId].forEach((v, c) => value(row.getCell(c + 1), v));
    for (const c of [1, 4, 6]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    for (const c of [2, 3, 4, 5, 6, 7]) row.getCell(c).alignment = { ...row.getCell(c).alignment, indent: 1 };
    const colour = issue.severity === 'error' ? 'FF9C0006' : issue.severity === 'warning' ? 'FF9C5700' : 'FF595959';
    row.getCell(5).font = { name: 'Calibri', bold: issue.severity === 'error', color: { argb: colour } };
    fitRowHeight(ws, i + 2);
    row.commit();
  });
  if (ctx.issues.length === 0) value(ws.getCell('A2'), L.noIssue);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ctx.issues.length + 1), column: 7 } };
  printSetup(ws, '1:1', ctx.footer);
}
