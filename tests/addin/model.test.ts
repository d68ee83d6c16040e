import {
  blankSheets,
  conflictingSheets,
  debounce,
  groupIssues,
  isTemplate,
  rate,
  summarise,
  watchedSheets,
} from '../../addin/taskpane/model';
import { planTemplate } from '../../core/layout/plan';
import type { Issue } from '../../core/report';
import type { Tables } from '../../core/tables';
import { validate } from '../../core/validate';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { COMMUNE, framework, PERIOD, seededIndicators, tempDir, writeExample, writeSeeded } from './helpers/fixtures';

const empty = (name: string) => ({ name, state: 'visible' as const, rows: [] });

describe('task pane model', () => {
  let example: Tables;
  let seeded: Tables;
  beforeAll(async () => {
    const dir = tempDir();
    example = await readWorkbookFile(await writeExample(dir));
    seeded = await readWorkbookFile(await writeSeeded(dir));
  });

  it('tells a template from another workbook', () => {
    expect(isTemplate(example)).toBe(true);
    expect(isTemplate({ sheets: [empty('Feuil1')] })).toBe(false);
    expect(isTemplate({ sheets: [empty('indicateurs')] })).toBe(true);
    expect(isTemplate({ sheets: [empty('_META')] })).toBe(true);
  });

  it('groups issues by sheet, workbook-level issues first, keeping the report order', () => {
    const issue = (sheet: string | null, ruleId: string): Issue => ({
      ruleId,
      severity: 'error',
      sheet,
      row: null,
      column: null,
      address: null,
      messageId: 'm',
      params: {},
    });
    const groups = groupIssues([
      issue('Identification', 'a'),
      issue('Indicateurs', 'b'),
      issue(null, 'c'),
      issue('Indicateurs', 'd'),
    ]);
    expect(groups.map((g) => [g.sheet, g.issues.map((i) => i.ruleId)])).toEqual([
      [null, ['c']],
      ['Identification', ['a']],
      ['Indicateurs', ['b', 'd']],
    ]);
  });

  it('summarises a complete report: commune, period, completeness, planned vs achieved by result', () => {
    const report = validate(example, framework());
    const summary = summarise(example, framework(), report);
    expect(summary.commune).toBe(COMMUNE);
    expect(summary.communeName).toBe('Gounzourèye');
    expect(summary.period).toBe(PERIOD);
    expect(summary.filled).toBe(summary.inputs);
    expect(summary.completeness).toBe(100);
    expect(summary.results.map((r) => r.code)).toEqual(
      framework()
        .results.map((r) => r.code)
        .filter((code) => framework().indicators.some((i) => i.result === code)),
    );
    const all = summary.results.flatMap((r) => r.indicators);
    expect(all).toHaveLength(framework().indicators.length);
    // The example is of 2023, whose targets are the seed's: achievements equal them, at 100 %.
    for (const ind of all) {
      expect(ind.achieved).toBe(ind.planned);
      if (ind.planned! > 0) expect(ind.rate).toBe(100);
    }
    expect(summary.budget.spent).toBe(summary.budget.planned);
    expect(summary.budget.rate).toBe(100);
    expect(summary.thresholds).toEqual({ good: 100, fair: 80 });
  });

  it('a period without targets (2024 in the seed’s framework): no planned figure, no rate, never the whole project’s', async () => {
    const tables = await readWorkbookFile(await writeExample(tempDir(), '2024'));
    const summary = summarise(tables, framework(), validate(tables, framework()));
    const all = summary.results.flatMap((r) => r.indicators);
    expect(all.map((i) => [i.planned, i.rate])).toEqual(all.map(() => [null, null]));
    expect(summary.results.map((r) => r.averageRate)).toEqual(summary.results.map(() => null));
    expect(summary.budget).toEqual({ planned: null, spent: expect.any(Number) as number, rate: null });
  });

  it('summarises the seeded report: missing values lower completeness and rates', () => {
    const report = validate(seeded, framework());
    const summary = summarise(seeded, framework(), report);
    expect(summary.filled).toBeLessThan(summary.inputs);
    expect(summary.completeness).toBe(Math.round((report.stats.filled / report.stats.inputs) * 100));
    const { plain } = seededIndicators();
    const line = summary.results.flatMap((r) => r.indicators).find((i) => i.code === plain[0]);
    expect(line).toMatchObject({ achieved: null, rate: null });
    const text = summary.results.flatMap((r) => r.indicators).find((i) => i.code === plain[1]);
    expect(text!.achieved).toBe(1250);
  });

  it('computes rates', () => {
    expect(rate(45, 60)).toBe(75);
    expect(rate(0, 0)).toBeNull();
    expect(rate(null, 10)).toBeNull();
  });

  it('finds the template sheets already in a workbook, and the blank sheets to drop', () => {
    const plan = planTemplate(framework(), COMMUNE);
    expect(conflictingSheets({ sheets: [empty('Feuil1'), empty('BUDGET')] }, plan)).toEqual(['Budget']);
    expect(blankSheets({ sheets: [empty('Feuil1'), empty('Feuil2')] })).toEqual(['Feuil1', 'Feuil2']);
    expect(
      blankSheets({
        sheets: [empty('Feuil1'), { name: 'Data', state: 'visible', rows: [[{ kind: 'number', value: 1 }]] }],
      }),
    ).toEqual([]);
    expect(watchedSheets(example)).toEqual(['Identification', 'Indicateurs', 'Budget', 'Bénéficiaires']);
  });

  it('debounces: one call after the calls stop', () => {
    jest.useFakeTimers();
    try {
      const fn = jest.fn();
      const run = debounce(fn, 600);
      run();
      jest.advanceTimersByTime(500);
      run();
      jest.advanceTimersByTime(500);
      expect(fn).not.toHaveBeenCalled();
      jest.advanceTimersByTime(100);
      expect(fn).toHaveBeenCalledTimes(1);
      run();
      run.cancel();
      jest.advanceTimersByTime(1000);
      expect(fn).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
