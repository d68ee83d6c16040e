import type ExcelJS from 'exceljs';
import { sheetRef } from '../../../core/tables';
import type { WriteContext } from './context';
import type { DetailMap } from './detail-sheet';
import type { RowCursor } from './row-cursor';
import { formula, heading, headerRow, NUMBER_FORMAT, value } from './style';

/** The partners' contributions (from the framework) and their total. */
export function writePartners(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  const L = ctx.labels;
  const contributions = ctx.model.framework.contributions;
  heading(ws.getCell(`A${at.row}`), L.partnersHeading);
  at.next();
  headerRow(ws.getRow(at.row), ['', L.partner, L.contribution]);
  at.next();
  const first = at.row;
  for (const c of contributions) {
    value(ws.getCell(`B${at.row}`), c.partner);
    value(ws.getCell(`C${at.row}`), c.amount);
    ws.getCell(`C${at.row}`).numFmt = NUMBER_FORMAT;
    at.next();
  }
  const r = at.row;
  value(ws.getCell(`B${r}`), L.total);
  formula(
    ws.getCell(`C${r}`),
    `SUM(C${first}:C${Math.max(first, r - 1)})`,
    contributions.reduce((a, x) => a + x.amount, 0),
  );
  ws.getCell(`C${r}`).numFmt = NUMBER_FORMAT;
  ws.getRow(r).font = { name: 'Calibri', bold: true };
  at.next();
}

/** Each beneficiary category's totals, referenced on the Bénéficiaires sheet; returns where its rows are. */
export function writeBeneficiaries(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  ben: DetailMap,
  at: RowCursor,
): { first: number; last: number } {
  const L = ctx.labels;
  heading(ws.getCell(`A${at.row}`), L.beneficiariesHeading);
  at.next();
  headerRow(ws.getRow(at.row), [L.code, L.category, L.women, L.men, L.total, L.planned]);
  at.next();
  const first = at.row;
  for (const line of ctx.model.beneficiaries) {
    const r = at.row;
    const total = ben.totalRows.get(line.item.code)!;
    value(ws.getCell(`A${r}`), line.item.code);
    value(ws.getCell(`B${r}`), line.item.label);
    const cells: [string, string, number | string | null][] = [
      ['C', ben.columns.women!, line.total.women],
      ['D', ben.columns.men!, line.total.men],
      ['E', ben.columns.total!, line.total.achieved],
      ['F', ben.columns.planned!, line.total.planned],
    ];
    for (const [col, source, result] of cells) {
      const isPeopleColumn = col === 'C' || col === 'D';
      if (isPeopleColumn && line.total.women === null && line.total.men === null && line.item.unit !== 'personnes')
        continue;
      // What the referenced cell shows: no number is « non reçu », or « cible non définie » for a target.
      formula(
        ws.getCell(`${col}${r}`),
        sheetRef(ben.sheet, `${source}${total}`),
        result ?? (col === 'F' ? L.targetUndefined : L.notReceived),
      );
      ws.getCell(`${col}${r}`).numFmt = NUMBER_FORMAT;
    }
    at.next();
  }
  return { first, last: at.row - 1 };
}
