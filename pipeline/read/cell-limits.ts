import { a1, type Tables } from '../../core/tables';
import { InputError } from './input-error';

/**
 * Excel's own limit: a cell holds at most 32 767 characters (the formula bar and the file format agree).
 * A longer text was not typed in Excel; carried into the consolidated workbook, it would make it one that
 * Excel cannot open (one 300 MB comment once made the whole merge fail). The file is refused by name, at
 * the cell, and the other files are read as usual.
 */
export const MAX_CELL_CHARACTERS = 32767;

/** Throws an InputError naming the first cell (sheet order, then row, then column) whose text is too long. */
export function refuseOversizedCells(tables: Tables, file: string): Tables {
  for (const sheet of tables.sheets) {
    for (let r = 0; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell) continue;
        const length = Math.max(typeof cell.value === 'string' ? cell.value.length : 0, cell.formula?.length ?? 0);
        if (length > MAX_CELL_CHARACTERS)
          throw new InputError(file, 'cellTooLong', {
            sheet: sheet.name,
            address: a1(r + 1, c + 1),
            length,
            max: MAX_CELL_CHARACTERS,
          });
      }
    }
  }
  return tables;
}
