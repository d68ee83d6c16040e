import { EMPTY, compact, parseA1, type Cell, type Sheet, type Tables } from '../tables';
import type { PlannedCell, TemplatePlan } from './plan';

function toCell(planned: PlannedCell): Cell {
  if (planned.formula !== undefined) return { kind: 'formula', value: planned.result ?? 0, formula: planned.formula };
  const v = planned.value;
  if (v === null || v === undefined || v === '') return EMPTY;
  return typeof v === 'number' ? { kind: 'number', value: v } : { kind: 'string', value: v };
}

/**
 * The tables a reader would produce from the rendered plan, without writing a file: used to
 * validate data that arrives in another shape (CSV) with exactly the same rules.
 * `overrides` replaces cells by `Sheet!A1` (for date cells or typed values).
 */
export function planToTables(plan: TemplatePlan, overrides: ReadonlyMap<string, Cell> = new Map()): Tables {
  const sheets: Sheet[] = plan.sheets.map((planned) => {
    const rows: Cell[][] = [];
    for (const cell of planned.cells) {
      const row = (rows[cell.row - 1] ??= []);
      row[cell.column - 1] = toCell(cell);
    }
    for (const [key, cell] of overrides) {
      const [sheetName, address] = key.split('!') as [string, string];
      if (sheetName !== planned.name) continue;
      const at = parseA1(address);
      const row = (rows[at.row - 1] ??= []);
      row[at.column - 1] = cell;
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return compact({ name: planned.name, state: planned.state, rows });
  });
  return { sheets };
}
