import type ExcelJS from 'exceljs';
import type { BudgetLine } from '../../../core/framework/schema';
import type { WriteContext } from './context';
import { sumOrNull } from '../../../core/consolidate/aggregate';
import { rateOf } from '../../../core/consolidate/rates';
import { rateFigure, rateFormula, writeDetailSheet, type DetailMap } from './detail-sheet';
import { EXECUTION_FORMAT, executionFormatting, formula, notReceived, NUMBER_FORMAT, totalRow, value } from './style';

export interface BudgetMap extends DetailMap {
  /** The row of the grand total (all lines), under the last line. */
  grandTotalRow: number;
}

/** `Budget`: line × commune, planned, spent, execution rate, remaining, in FCFA; then the grand total. */
export async function writeBudget(ws: ExcelJS.Worksheet, ctx: WriteContext): Promise<BudgetMap> {
  const { labels: L, model } = ctx;
  const map = await writeDetailSheet<BudgetLine>(
    ws,
    ctx,
    {
      title: L.budgetTitle,
      itemHeaders: [
        { header: L.code, width: 9 },
        { header: L.budgetLine, width: 44 },
      ],
      itemCells: (b) => [b.code, b.label],
      commentsHeader: L.comments,
      basis: 'spent',
      communeRule: () => 'sum',
      figures: [
        { key: 'planned', header: L.plannedFcfa, width: 16, kind: 'planned', pick: (f) => f.planned },
        { key: 'spent', header: L.spentFcfa, width: 16, kind: 'input', pick: (f) => f.achieved },
        rateFigure(L.executionRate, 12, 'spent', 'rate', 'execution'),
        {
          key: 'remaining',
          header: L.remainingFcfa,
          width: 16,
          kind: 'derived',
          format: 'number',
          formula: (c, r) =>
            `IF(AND(ISNUMBER(${c.spent}${r}),ISNUMBER(${c.planned}${r})),${c.planned}${r}-${c.spent}${r},"")`,
          compute: (f) => (f.achieved === null || f.planned === null ? null : f.planned - f.achieved),
        },
      ],
    },
    model.budget,
  );
  // Grand total: the sum of the « Total projet » rows, i.e. the project budget (96 303 057 FCFA).
  const row = ws.getRow(map.lastDataRow + 2);
  const c = map.columns;
  const totals = [...map.totalRows.values()];
  const plannedValues = model.budget.map((l) => l.total.planned);
  const planned = sumOrNull(plannedValues);
  const spentValues = model.budget.map((l) => l.total.achieved);
  const spent = spentValues.every((v) => v === null) ? null : spentValues.reduce<number>((a, v) => a + (v ?? 0), 0);
  value(row.getCell(2), L.budgetTotal);
  if (planned === null) notReceived(ws.getCell(`${c.planned}${row.number}`), L.targetUndefined);
  else formula(ws.getCell(`${c.planned}${row.number}`), totals.map((r) => `${c.planned}${r}`).join('+'), planned);
  formula(ws.getCell(`${c.spent}${row.number}`), `SUM(${totals.map((r) => `${c.spent}${r}`).join(',')})`, spent ?? 0);
  formula(
    ws.getCell(`${c.rate}${row.number}`),
    rateFormula(`${c.spent}${row.number}`, `${c.planned}${row.number}`),
    rateOf(spent, planned) ?? '',
  );
  const remaining = `IF(ISNUMBER(${c.planned}${row.number}),${c.planned}${row.number}-${c.spent}${row.number},"")`;
  formula(ws.getCell(`${c.remaining}${row.number}`), remaining, planned === null ? '' : planned - (spent ?? 0));
  for (const k of ['planned', 'spent', 'remaining']) ws.getCell(`${c[k]}${row.number}`).numFmt = NUMBER_FORMAT;
  ws.getCell(`${c.rate}${row.number}`).numFmt = EXECUTION_FORMAT;
  executionFormatting(ws, `${c.rate}${row.number}`);
  totalRow(row, 9);
  return { ...map, grandTotalRow: row.number };
}
