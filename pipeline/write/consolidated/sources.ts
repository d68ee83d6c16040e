import type ExcelJS from 'exceljs';
import { communeNames } from '../../../core/consolidate/model';
import { interpolate } from '../../../core/messages';
import { timeliness } from '../../../core/timeliness';
import { reasonText, statusText } from '../../../core/messages/merge';
import type { WriteContext } from './context';
import { fitRowHeight } from './row-height';
import { DATE_FORMAT, headerRow, value, widths } from './style';
import { latenessText } from './synthesis-communes';

const RED = 'FF9C0006';

/**
 * `Sources`: one row per input file, skipped ones included, with its fingerprint, status and timeliness;
 * then one row per commune and period in scope that no accepted file covers (« non reçu »).
 */
export function writeSources(ws: ExcelJS.Worksheet, ctx: WriteContext): void {
  const L = ctx.labels;
  const fw = ctx.model.framework;
  headerRow(ws.getRow(1), [
    L.file,
    L.commune,
    L.periods,
    L.filledBy,
    L.entryDate,
    L.timeliness,
    L.status,
    L.reason,
    L.errors,
    L.warnings,
    'SHA-256',
  ]);
  // Narrow enough to print at 8 points or more on A4: long texts and the fingerprint wrap.
  widths(ws, [31, 13, 8, 15, 11, 15, 9, 30, 7, 14, 24]);
  let r = 2;
  for (const s of ctx.sources) {
    const row = ws.getRow(r++);
    const reason = s.reason ? reasonText(s.reason.id, s.reason.params, ctx.lang) : '';
    // Timeliness of an accepted workbook (one commune, one period, a date of entry).
    const late = s.status === 'accepted' && s.entryDate ? timeliness(fw, s.period, s.entryDate) : null;
    const punctuality = late ? latenessText(late, ctx) : null;
    [
      s.file,
      communeNames(s.commune, fw) || null,
      s.period,
      s.filledBy || null,
      null,
      punctuality,
      statusText(s.status, ctx.lang),
      reason || null,
      s.errors,
      s.warnings,
      s.sha256,
    ].forEach((v, c) => value(row.getCell(c + 1), v));
    if (s.entryDate) {
      const cell = row.getCell(5);
      cell.value = new Date(`${s.entryDate}T00:00:00Z`);
      cell.numFmt = DATE_FORMAT;
    }
    for (const c of [1, 8]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    // After a date or a count (right-aligned): one step in, never glued to it.
    for (const c of [6, 11]) row.getCell(c).alignment = { ...row.getCell(c).alignment, indent: 1 };
    row.getCell(11).font = { name: 'Consolas' };
    fitRowHeight(ws, row.number, 11);
    row.commit();
  }
  // Commune-periods without an accepted file: the manager sees what is missing, not only what came.
  const names = new Map(fw.communes.map((c) => [c.code, c.name]));
  for (const c of ctx.model.coverage.filter((x) => x.state !== 'received')) {
    const row = ws.getRow(r++);
    const reason = interpolate(
      c.state === 'rejected' ? L.rejectedItem : L.missingItem,
      { commune: names.get(c.commune) ?? c.commune, period: c.period },
      ctx.lang,
    );
    // Not received for that period, whatever the reason (the reason says when its files were refused).
    [
      null,
      names.get(c.commune) ?? c.commune,
      c.period,
      null,
      null,
      null,
      L.stateMissing,
      reason,
      null,
      null,
      null,
    ].forEach((v, i) => value(row.getCell(i + 1), v));
    row.getCell(7).font = { name: 'Calibri', bold: true, color: { argb: RED } };
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
    fitRowHeight(ws, row.number, 11);
    row.commit();
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, r - 1), column: 11 } };
}
