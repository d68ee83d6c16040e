import { OUTPUT_SHEETS } from '../../pipeline/write/consolidated/labels';
import { OUTPUT_SHEET_SPECS, STREAM_ORDER } from '../../pipeline/write/consolidated/sheets';

describe("registry of the consolidated workbook's sheets", () => {
  test("every sheet of the contract has exactly one spec, in the contract's order, under its contract name", () => {
    expect(OUTPUT_SHEET_SPECS.map((s) => s.key)).toEqual(Object.keys(OUTPUT_SHEETS));
    expect(OUTPUT_SHEET_SPECS.map((s) => s.name)).toEqual(Object.values(OUTPUT_SHEETS));
  });

  test('every sheet is streamed exactly once, Synthèse after the detail sheets it refers to, Textes longs last', () => {
    expect([...STREAM_ORDER].sort()).toEqual(Object.keys(OUTPUT_SHEETS).sort());
    const at = (key: (typeof STREAM_ORDER)[number]) => STREAM_ORDER.indexOf(key);
    for (const detail of ['plannedVsAchieved', 'budget', 'beneficiaries'] as const)
      expect(at(detail)).toBeLessThan(at('synthesis'));
    expect(at('longTexts')).toBe(STREAM_ORDER.length - 1);
  });
});
