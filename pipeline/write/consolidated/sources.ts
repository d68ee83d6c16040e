import type ExcelJS from 'exceljs';
import { communeNames } from '../../../core/consolidate/model';
import { reasonText, statusText } from '../../merge/messages';
import type { WriteContext } from './context';
import { fitRowHeight } from './row-height';
import { DATE_FORMAT, headerRow, printSetup, value, widths } from './style';

/** `Sources`: one row per input file, skipped ones included, with its fingerprint and status. */
export function writeSources(ws: ExcelJS.Worksheet, ctx: WriteContext): void {
  const L = ctx.labels;
  headerRow(ws.getRow(1), [L.file, L.commune, L.periods, L.filledBy, L.entryDate, 'SHA-256', L.status, L.reason, L.errors, L.warnings]);
  // Narrow enough to print at 8 points or more on A4: long texts and the fingerprint wrap.
  widths(ws, [32, 16, 9, 18, 12, 24, 10, 40, 9, 14]);
  ctx.sources.forEach((s, i) => {
    const row = ws.getRow(i + 2);
    const reason = s.reason ? reasonText(s.reason.id as Parameters<typeof reasonText>[0], s.reason.params, ctx.lang) : '';
    [s.file, communeNames(s.commune, ctx.model.framework) || null, s.period, s.filledBy || null, null, s.sha256, statusText(s.status, ctx.lang), reason || null, s.errors, s.warnings].forEach(
      (v, c) => value(row.getCell(c + 1), v),
    );
    if (s.entryDate) {
      const cell = row.getCell(5);
      cell.value = new Date(`${s.entryDate}T00:00:00Z`);
      cell.numFmt = DATE_FORMAT;
    }
    row.getCell(6).font = { name: 'Consolas' };
    fitRowHeight(ws, i + 2);
    row.commit();
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ctx.sources.length + 1), column: 10 } };
  printSetup(ws, '1:1', ctx.footer);
}
