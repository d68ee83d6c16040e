import { unsupported } from './fast-unsupported';

/** Shared (filled-down) formulas: the master's text moved to another cell. */

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

function columnToLetters(n: number): string {
  if (!(n >= 1 && n <= 16384)) unsupported(`a column ${n} out of bounds`);
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

const SLIDE_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const SLIDE_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/** exceljs' slideFormula (lib/utils/shared-formula.js): a shared formula's text moved from its master to a cell. */
export function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  return formula.replace(SLIDE_CANDIDATE, (refMatch: string, sheet: string | undefined, _sheetName: string | undefined, addrPart: string, paren: string | undefined) => {
    if (paren) return refMatch;
    const m = SLIDE_REF.exec(addrPart);
    if (!m) return refMatch;
    const colDollar = m[1];
    const colStr = m[2]!.toUpperCase();
    const rowDollar = m[3];
    if (colStr.length > 3 || (colStr.length === 3 && colStr > 'XFD')) return refMatch;
    let col = lettersToColumn(colStr);
    let row = parseInt(m[4]!, 10);
    if (!colDollar) col += to.col - from.col;
    if (!rowDollar) row += to.row - from.row;
    return (sheet || '') + (colDollar || '') + columnToLetters(col) + (rowDollar || '') + row;
  });
}
