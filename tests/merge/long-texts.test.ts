import ExcelJS from 'exceljs';
import type { WriteContext } from '../../pipeline/write/consolidated/context';
import { labelsFor, OUTPUT_SHEETS } from '../../pipeline/write/consolidated/labels';
import {
  cutAt,
  keepLongTexts,
  LongTexts,
  rowCapacity,
  splitPieces,
} from '../../pipeline/write/consolidated/long-texts';
import { fileCell } from '../../pipeline/write/consolidated/synthesis-communes';
import { columnPixels, linesHeight, MAX_ROW_POINTS, wrappedLines } from '../../pipeline/write/consolidated/row-height';
import { CELL_TEXT_MAX } from '../../pipeline/write/consolidated/style';

/** The pieces of `Textes longs`: the whole text, in order, each in one cell and one row of at most 409 points. */
function expectPieces(text: string): string[] {
  const pieces = splitPieces(text);
  expect(pieces.join('') === text).toBe(true);
  const pixels = columnPixels(120) - 6;
  for (const p of pieces) {
    expect(p.length).toBeGreaterThan(0);
    expect(p.length).toBeLessThanOrEqual(CELL_TEXT_MAX);
    expect(linesHeight(wrappedLines(p, pixels))).toBeLessThanOrEqual(MAX_ROW_POINTS);
    // Never half an emoji at either end: half of one is a character XML forbids.
    expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  }
  return pieces;
}

test('words stay whole: a piece ends after a space', () => {
  const pieces = expectPieces(`${'Rapport collé. '.repeat(3000)}FIN`);
  expect(pieces.length).toBeGreaterThan(20);
  for (const p of pieces.slice(0, -1)) expect(p.endsWith(' ')).toBe(true);
});

test('wide letters without spaces, line breaks and emoji: smaller pieces, each fits in a row', () => {
  expectPieces('W'.repeat(40_000));
  expect(expectPieces('ligne\n'.repeat(5000)).length).toBeGreaterThan(5000 / 27);
  expectPieces('😀'.repeat(20_000));
  expectPieces(`a${'😀'.repeat(20_000)}`);
});

test('a cut keeps within the limit and never splits an emoji', () => {
  const tail = '… (suite : feuille « Textes longs », ligne 2)';
  const cut = cutAt(`a${'😀'.repeat(20_000)}`, CELL_TEXT_MAX, tail);
  expect(cut.length).toBeLessThanOrEqual(CELL_TEXT_MAX);
  expect(cut.endsWith(tail)).toBe(true);
  expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
});

test('Synthèse: a commune with more files than its row shows lists the first ones and says where the rest is', () => {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(OUTPUT_SHEETS.synthesis);
  ws.getColumn(6).width = 30;
  const texts = new LongTexts({ labels: labelsFor('fr'), lang: 'fr' } as WriteContext);
  keepLongTexts(workbook, texts);
  const files = Array.from(
    { length: 60 },
    (_, i) => `ensemble-gao_BAR_Bara_2024-S${String(i + 1).padStart(2, '0')}.xlsx`,
  );
  fileCell(ws, 5, files);
  expect(ws.getRow(5).height).toBeLessThanOrEqual(MAX_ROW_POINTS);
  const shown = ws.getCell('F5').value as string;
  expect(shown.startsWith(`${files[0]}\n${files[1]}\n`)).toBe(true);
  expect(shown).toMatch(/… \(suite : feuille « Textes longs », ligne 2\)$/);
  expect(texts.entries).toHaveLength(1);
  expect(texts.entries[0]!.where).toBe("'Synthèse'!F5");
  expect(texts.entries[0]!.pieces.join('')).toBe(files.join('\n'));
  // A few files: all shown, nothing kept apart.
  fileCell(ws, 6, files.slice(0, 3));
  expect(ws.getCell('F6').value).toBe(files.slice(0, 3).join('\n'));
  expect(texts.entries).toHaveLength(1);
});

test('a cell cut where its tallest row ends shows its pointer inside the row; a text that fits stays whole', () => {
  const pixels = columnPixels(40) - 15;
  const tail = '… (suite : feuille « Textes longs », ligne 1048576)';
  for (const text of [
    `${'Rapport collé. '.repeat(4000)}FIN`,
    'W'.repeat(5000),
    'ligne\n'.repeat(200),
    `${'é'.repeat(30)} `.repeat(200),
  ]) {
    const capacity = rowCapacity(text, pixels);
    expect(capacity).toBeLessThan(text.length);
    expect(linesHeight(wrappedLines(cutAt(text, capacity, tail), pixels))).toBeLessThanOrEqual(MAX_ROW_POINTS);
  }
  expect(rowCapacity('Insécurité sur la route de Bara', pixels)).toBe('Insécurité sur la route de Bara'.length);
});
