import { columnLetter, columnNumber } from '../../core/tables';
import { unsupported } from './fast-unsupported';

/** Shared (filled-down) formulas: the master's text moved to another cell. */

function columnToLetters(n: number): string {
  if (!(n >= 1 && n <= 16384)) unsupported(`a column ${n} out of bounds`);
  return columnLetter(n);
}

const REF = /^(\$?)([A-Za-z]{1,3})(\$?)([1-9][0-9]{0,6})$/;

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 36 ||
    code === 46 ||
    code > 127
  );
}

/**
 * A shared formula's text moved from its master to a cell, as Excel fills it down: relative
 * references move, `$` parts stay; text in "quotes", function names and defined names are left
 * alone; a sheet prefix (`Feuille2!`, `'Autre feuille'!`) is kept. One pass over the text: linear in
 * its length (the regex exceljs uses is quadratic on long runs of `-`).
 */
export function slideFormula(
  formula: string,
  from: { row: number; col: number },
  to: { row: number; col: number },
): string {
  const n = formula.length;
  let out = '';
  let last = 0;
  for (let i = 0; i < n;) {
    const code = formula.charCodeAt(i);
    if (code === 34 /* " */ || code === 39 /* ' */) {
      // A string literal, or a quoted sheet name (doubled quotes inside): copied as it is.
      let j = i + 1;
      for (;;) {
        const close = formula.indexOf(code === 34 ? '"' : "'", j);
        if (close < 0) {
          j = n;
          break;
        }
        if (formula.charCodeAt(close + 1) === code) j = close + 2;
        else {
          j = close + 1;
          break;
        }
      }
      i = j;
      continue;
    }
    if (!isNameChar(code)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isNameChar(formula.charCodeAt(j))) j++;
    const next = formula.charCodeAt(j);
    // A function name (`LOG10(`) or a sheet name (`Feuille2!`) is no reference.
    const m = next === 40 /* ( */ || next === 33 /* ! */ ? null : REF.exec(formula.slice(i, j));
    if (m) {
      const colStr = m[2]!.toUpperCase();
      if (!(colStr.length === 3 && colStr > 'XFD')) {
        let col = columnNumber(colStr);
        let row = parseInt(m[4]!, 10);
        if (!m[1]) col += to.col - from.col;
        if (!m[3]) row += to.row - from.row;
        if (row < 1 || row > 1048576) unsupported(`a row ${row} out of bounds`);
        out += formula.slice(last, i) + m[1] + columnToLetters(col) + m[3] + row;
        last = j;
      }
    }
    i = j;
  }
  return out + formula.slice(last);
}
