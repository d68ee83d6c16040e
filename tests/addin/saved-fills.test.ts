/** The original fills kept in the document's settings travel with the workbook: what comes back is checked. */
import { parseSavedFills } from '../../addin/excel/highlighter';

describe('parseSavedFills', () => {
  it('gives back the fills saved by « Surligner »', () => {
    const fills = [
      { sheet: 'Indicateurs', address: 'D5', color: '#FFFFFF' },
      { sheet: 'Budget', address: 'C7', color: null },
    ];
    expect(parseSavedFills(JSON.stringify(fills))).toEqual(fills);
  });

  it.each([
    ['not JSON', '{oops'],
    ['not a list', '{"sheet":"Budget"}'],
    ['not a string', 42],
    ['absent', undefined],
  ])('ignores a setting that is %s', (_what, raw) => {
    expect(parseSavedFills(raw)).toEqual([]);
  });

  it('drops the entries that are not fills and keeps the others', () => {
    const raw = JSON.stringify([
      { sheet: 'Budget', address: 'C7', color: '#FF0000' },
      { sheet: 'Budget', address: 7, color: null },
      { sheet: 'Budget', address: 'C8', color: { rgb: 'FF0000' } },
      null,
    ]);
    expect(parseSavedFills(raw)).toEqual([{ sheet: 'Budget', address: 'C7', color: '#FF0000' }]);
  });
});
