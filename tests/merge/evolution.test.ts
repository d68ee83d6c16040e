/**
 * The `Évolution` sheet of a quarterly project (tests/helpers/evolution-fixture.ts): 2024 and its four
 * quarters, targets per quarter, no indicator target in T3, Bara missing T2, nobody T4. Every figure of
 * the sheet is checked against a computation made here from the values written into the communes'
 * workbooks (never from the consolidation's model), and its two native charts against its cells.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type ExcelJS from 'exceljs';
import type { Framework } from '../../core/framework/schema';
import { LABELS } from '../../pipeline/write/consolidated/labels';
import {
  chartsOfSheet,
  openPackage,
  refCells,
  sheetCells,
  sheetParts,
  type ChartData,
} from '../charts/helpers/package';
import { NO_INDICATOR_TARGET, QUARTERS, SENT, BASELINE, writeQuarterlyCase } from '../helpers/evolution-fixture';
import {
  formulaOf,
  mergeCli,
  readWorkbook,
  sheet,
  shown,
  tempDir,
  type Fill,
  type Scalar,
} from '../helpers/merge-fixtures';
import { columnLetter } from '../../core/tables';
import { elements, parseXml, sheetPartPath } from '../helpers/xml';

const tmp = tempDir('evolution');
afterAll(() => tmp.remove());
const L = LABELS.fr;

let fw: Framework;
let fills: Map<string, Fill>;
let ws: ExcelJS.Worksheet;
let output: string;
let withCommunes: ExcelJS.Worksheet;

beforeAll(async () => {
  const made = await writeQuarterlyCase(tmp.dir);
  fw = made.framework;
  fills = made.fills;
  output = path.join(tmp.dir, 'trimestres.xlsx');
  const input = path.join(tmp.dir, 'fiches');
  expect(
    (await mergeCli(['--input', input, '--output', output, '--framework', made.frameworkFile])).code,
  ).toBeLessThanOrEqual(1);
  ws = sheet(await readWorkbook(output), 'Évolution');
  const communes = path.join(tmp.dir, 'par-commune.xlsx');
  expect(
    (
      await mergeCli([
        '--input',
        input,
        '--output',
        communes,
        '--framework',
        made.frameworkFile,
        '--evolution-communes',
      ])
    ).code,
  ).toBeLessThanOrEqual(1);
  withCommunes = sheet(await readWorkbook(communes), 'Évolution');
}, 120_000);

// ---- The expected figures, from the fills and the framework only.

type Rule = 'sum' | 'max' | 'latest';
const communes = () => fw.communes.map((c) => c.code);
const filled = (commune: string, quarter: string, key: string): number | null => {
  const v = fills.get(`${commune}|${quarter}`)?.[key];
  return typeof v === 'number' ? v : null;
};
const across = (values: number[], rule: 'sum' | 'max') =>
  rule === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
const overTime = (values: number[], rule: Rule) =>
  rule === 'sum' ? values.reduce((a, b) => a + b, 0) : rule === 'max' ? Math.max(...values) : values.at(-1)!;

interface Item {
  code: string;
  key: string;
  periodTargets: Record<string, Record<string, number>>;
  targets: Record<string, number>;
  periods: Rule;
  communes: 'sum' | 'max';
}
const indicatorItems = (): Item[] =>
  fw.indicators.map((i) => ({
    code: i.code,
    key: `indicators:${i.code}:achieved`,
    periodTargets: i.periodTargets,
    targets: i.targets,
    periods: i.aggregation.periods,
    communes: i.aggregation.communes,
  }));
const budgetItems = (): Item[] =>
  fw.budgetLines.map((l) => ({
    code: l.code,
    key: `budget:${l.code}:spent`,
    periodTargets: l.periodPlanned,
    targets: l.planned,
    periods: 'sum',
    communes: 'sum',
  }));

/** A beneficiary category's reported total: its total, or women + men. */
function beneficiaryValue(code: string, commune: string, quarter: string): number | null {
  const total = filled(commune, quarter, `beneficiaries:${code}:total`);
  if (total !== null) return total;
  const [w, m] = [
    filled(commune, quarter, `beneficiaries:${code}:women`),
    filled(commune, quarter, `beneficiaries:${code}:men`),
  ];
  return w === null && m === null ? null : (w ?? 0) + (m ?? 0);
}

/** The project's target and achieved for one quarter: over the communes that sent it (all of them when none did). */
function quarterFigures(item: Item, quarter: string, value = (c: string) => filled(c, quarter, item.key)) {
  const senders = SENT[quarter]!;
  const basis = senders.length > 0 ? senders : communes();
  const own = item.periodTargets[quarter];
  return {
    target: own
      ? across(
          basis.map((c) => own[c]!),
          item.communes,
        )
      : null,
    achieved:
      senders.length > 0
        ? across(
            senders.map((c) => value(c)!),
            item.communes,
          )
        : null,
  };
}

/** A commune's cumulative up to `quarter` (inclusive) over the quarters it sent. */
function communeCumulative(
  item: Item,
  commune: string,
  upTo: number,
  value = (c: string, q: string) => filled(c, q, item.key),
): number | null {
  const sent = QUARTERS.slice(0, upTo + 1).filter((q) => SENT[q]!.includes(commune));
  return sent.length === 0
    ? null
    : overTime(
        sent.map((q) => value(commune, q)!),
        item.periods,
      );
}

const LAST_READ = QUARTERS.indexOf('2024-T3');

// ---- Reading the sheet.

const text = (v: Scalar) => (typeof v === 'string' ? v : '');
function rowWhere(sheetOf: ExcelJS.Worksheet, test: (a: Scalar, b: Scalar) => boolean, from = 1): number {
  for (let r = from; r <= sheetOf.rowCount; r++)
    if (test(shown(sheetOf.getCell(`A${r}`)), shown(sheetOf.getCell(`B${r}`)))) return r;
  throw new Error('row not found');
}
function columnsOf(sheetOf: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  sheetOf.getRow(row).eachCell((cell, col) => {
    const t = shown(cell);
    if (typeof t === 'string' && t !== '' && !out.has(t)) out.set(t, col);
  });
  return out;
}
/** The detail table under `heading` (from row `from`): header → column, and code → row. */
function table(sheetOf: ExcelJS.Worksheet, heading: string, from = 1) {
  const at = rowWhere(sheetOf, (a) => a === heading, from);
  const cols = columnsOf(sheetOf, at + 1);
  const rows = new Map<string, number>();
  for (let r = at + 2; r <= sheetOf.rowCount && shown(sheetOf.getCell(`A${r}`)) !== null; r++)
    rows.set(text(shown(sheetOf.getCell(`A${r}`))), r);
  const cell = (code: string, header: string) => {
    const col = cols.get(header);
    if (col === undefined) throw new Error(`no column « ${header} » (have ${[...cols.keys()].join(', ')})`);
    return sheetOf.getRow(rows.get(code)!).getCell(col);
  };
  return { at, rows, cell, value: (code: string, header: string) => shown(cell(code, header)) };
}

/** A figure as shown: a number (to the unit or rounding), or its words. */
function expectFigure(actual: Scalar, expected: number | string | null, what: string, digits = 6) {
  if (typeof expected === 'number') {
    expect({ what, type: typeof actual }).toEqual({ what, type: 'number' });
    expect([what, Number((actual as number).toFixed(digits))]).toEqual([what, Number(expected.toFixed(digits))]);
  } else expect([what, actual]).toEqual([what, expected]);
}

// ---- Tests.

test('Évolution comes after Prévu vs Réalisé, titled, with what it shows', async () => {
  const workbook = await readWorkbook(output);
  const names = workbook.worksheets.map((w) => w.name);
  expect(names.indexOf('Évolution')).toBe(names.indexOf('Prévu vs Réalisé') + 1);
  expect(shown(ws.getCell('A1'))).toBe(L.evolutionTitle);
  expect(shown(ws.getCell('A3'))).toBe(L.evolutionNote);
});

test('indicators: each quarter’s own target and achieved, cumulative to date, end target and progress, as summed here', () => {
  const t = table(ws, L.evolutionIndicators);
  expect([...t.rows.keys()]).toEqual(fw.indicators.map((i) => i.code));
  for (const item of indicatorItems()) {
    QUARTERS.forEach((q) => {
      const { target, achieved } = quarterFigures(item, q);
      expectFigure(t.value(item.code, `Cible ${q}`), target ?? L.targetUndefined, `${item.code} cible ${q}`);
      expectFigure(t.value(item.code, `Réalisé ${q}`), achieved ?? L.notReceived, `${item.code} réalisé ${q}`);
    });
    const perCommune = communes()
      .map((c) => communeCumulative(item, c, LAST_READ))
      .filter((v): v is number => v !== null);
    const cumulative = across(perCommune, item.communes);
    const end = Object.values(item.targets).reduce((a, b) => a + b, 0);
    expectFigure(t.value(item.code, L.evoToDate), cumulative, `${item.code} cumul`);
    expectFigure(t.value(item.code, L.evoEndTarget), end, `${item.code} cible fin`);
    expectFigure(t.value(item.code, L.evoProgress), cumulative / end, `${item.code} avancement`);
    // The progress is live: cumulative over end target on its row.
    expect(formulaOf(t.cell(item.code, L.evoProgress))).toMatch(/\//);
  }
  // Every cell of the quarter without indicator targets says so; every cell of the quarter nobody sent too.
  for (const code of t.rows.keys()) {
    expect(t.value(code, `Cible ${NO_INDICATOR_TARGET}`)).toBe(L.targetUndefined);
    expect(t.value(code, 'Réalisé 2024-T4')).toBe(L.notReceived);
  }
  expect(t.value(BASELINE.code, L.evoBaseline)).toBe(`${BASELINE.value} (${BASELINE.year})`);
});

test('budget lines and beneficiary categories: the same, in FCFA and people', () => {
  const budget = table(ws, L.evolutionBudget);
  for (const item of budgetItems()) {
    QUARTERS.forEach((q) => {
      const { target, achieved } = quarterFigures(item, q);
      expectFigure(budget.value(item.code, `Prévu ${q}`), target, `${item.code} prévu ${q}`);
      expectFigure(budget.value(item.code, `Dépensé ${q}`), achieved ?? L.notReceived, `${item.code} dépensé ${q}`);
    });
    const spent = communes().reduce((s, c) => s + (communeCumulative(item, c, LAST_READ) ?? 0), 0);
    const planned = Object.values(item.targets).reduce((a, b) => a + b, 0);
    expectFigure(budget.value(item.code, L.evoToDate), spent, `${item.code} cumul`);
    expectFigure(budget.value(item.code, L.projectBudget), planned, `${item.code} budget`);
    expectFigure(budget.value(item.code, L.evoExecution), spent / planned, `${item.code} exécution`);
  }
  const ben = table(ws, L.evolutionBeneficiaries);
  for (const b of fw.beneficiaries) {
    const item: Item = {
      code: b.code,
      key: '',
      periodTargets: b.periodTargets,
      targets: b.targets,
      periods: b.aggregation.periods,
      communes: b.aggregation.communes,
    };
    const value = (c: string, q: string) => beneficiaryValue(b.code, c, q);
    QUARTERS.forEach((q) => {
      const { target, achieved } = quarterFigures(item, q, (c) => value(c, q));
      expectFigure(ben.value(b.code, `Cible ${q}`), target, `${b.code} cible ${q}`);
      expectFigure(ben.value(b.code, `Réalisé ${q}`), achieved ?? L.notReceived, `${b.code} réalisé ${q}`);
    });
    const cumulative = across(
      communes().map((c) => communeCumulative(item, c, LAST_READ, value)!),
      item.communes,
    );
    expectFigure(ben.value(b.code, L.evoToDate), cumulative, `${b.code} cumul`);
  }
});

test('summary per quarter: rate of the quarter, cumulative progress, budget planned, spent, spent to date, execution', () => {
  const header = rowWhere(ws, (a, b) => a === L.evoPeriod && b === L.evoPeriodRate);
  const cols = columnsOf(ws, header);
  const budgetTotal = fw.project.budget;
  let spentSoFar = 0;
  QUARTERS.forEach((q, i) => {
    const r = header + 1 + i;
    const get = (h: string) => shown(ws.getRow(r).getCell(cols.get(h)!));
    expect(shown(ws.getCell(`A${r}`))).toBe(q);
    // Rate of the quarter: the capped mean of the indicators' rates, where the quarter has a target.
    const rates = indicatorItems()
      .map((item) => quarterFigures(item, q))
      .filter((f) => f.target !== null && f.target > 0 && f.achieved !== null)
      .map((f) => Math.min(1, f.achieved! / f.target!));
    const received = SENT[q]!.length > 0;
    expectFigure(
      get(L.evoPeriodRate),
      rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : received ? L.targetUndefined : L.notReceived,
      `taux ${q}`,
    );
    // Cumulative progress: each indicator's cumulative over the end targets of the communes that reported by then.
    const progress = indicatorItems().flatMap((item) => {
      const reached = communes().flatMap((c) => {
        const v = communeCumulative(item, c, i);
        return v === null ? [] : [{ v, target: item.targets[c]! }];
      });
      const basis = reached.reduce((s, x) => s + x.target, 0);
      return reached.length === 0 || basis === 0
        ? []
        : [
            Math.min(
              1,
              across(
                reached.map((x) => x.v),
                item.communes,
              ) / basis,
            ),
          ];
    });
    expectFigure(
      get(L.evoCumulativeProgress),
      i <= LAST_READ && progress.length > 0 ? progress.reduce((a, b) => a + b, 0) / progress.length : L.notReceived,
      `avancement ${q}`,
    );
    const planned = budgetItems().reduce((s, item) => s + quarterFigures(item, q).target!, 0);
    expectFigure(get(L.evoPeriodBudget), planned, `budget ${q}`);
    const spent = received ? budgetItems().reduce((s, item) => s + quarterFigures(item, q).achieved!, 0) : null;
    expectFigure(get(L.spentFcfa), spent ?? L.notReceived, `dépensé ${q}`);
    if (spent !== null) spentSoFar += spent;
    expectFigure(get(L.evoSpentToDate), spent === null ? L.notReceived : spentSoFar, `dépensé cumulé ${q}`);
    expectFigure(
      get(L.evoCumulativeExecution),
      spent === null ? L.notReceived : spentSoFar / budgetTotal,
      `exécution ${q}`,
    );
    // Live: the rates and sums read the tables below.
    for (const h of [L.evoPeriodRate, L.evoPeriodBudget, L.spentFcfa, L.evoSpentToDate, L.evoCumulativeExecution])
      expect([q, h, formulaOf(ws.getRow(r).getCell(cols.get(h)!))]).not.toEqual([q, h, null]);
  });
  // The trend a manager expects: progress grows quarter after quarter while reports come in.
  const progress = [0, 1, 2].map(
    (i) => shown(ws.getRow(header + 1 + i).getCell(cols.get(L.evoCumulativeProgress)!)) as number,
  );
  expect(progress[0]! < progress[1]! && progress[1]! < progress[2]!).toBe(true);
});

test('two native charts on Évolution read its summary: a line chart of the two rates with the 100 % line, clustered columns of planned and spent', async () => {
  const pkg = await openPackage(output);
  const charts: ChartData[] = await chartsOfSheet(pkg, 'Évolution');
  expect(charts.map((c) => c.title)).toEqual([L.chartEvolutionRates, L.chartEvolutionBudget]);
  const cells = await sheetCells(pkg, (await sheetParts(pkg)).get('Évolution')!);
  const header = rowWhere(ws, (a, b) => a === L.evoPeriod && b === L.evoPeriodRate);
  const [lines, columns] = charts as [ChartData, ChartData];
  expect(lines.xml).toContain('<c:lineChart>');
  expect(lines.xml).not.toContain('<c:barChart>');
  expect(lines.series.map((s) => s.nameCache[0])).toEqual([
    L.evoPeriodRate,
    L.evoCumulativeProgress,
    L.evoEndReference,
  ]);
  expect(columns.xml).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="clustered"\/>/);
  expect(columns.series.map((s) => s.nameCache[0])).toEqual([L.evoPeriodBudget, L.spentFcfa]);
  const summaryColumn = (h: string) => columnsOf(ws, header).get(h)!;
  for (const chart of charts)
    for (const s of chart.series) {
      const cats = refCells(s.catRef);
      expect(cats.sheet).toBe('Évolution');
      expect(cats.cells.map((a) => cells.get(a)?.value)).toEqual([...QUARTERS]);
      const vals = refCells(s.valRef);
      expect(vals.sheet).toBe('Évolution');
      expect(vals.cells.map((a) => Number(a.replace(/^[A-Z]+/, '')))).toEqual(QUARTERS.map((_, i) => header + 1 + i));
      // Each cached point is what the sheet shows; a quarter with no number is a gap, never 0.
      vals.cells.forEach((address, idx) => {
        const v = cells.get(address)?.value;
        if (typeof v === 'number') expect(s.valCache.get(idx)).toBeCloseTo(v, 9);
        else expect(s.valCache.has(idx)).toBe(false);
      });
    }
  // The lines plot the summary's rates: where the summary has a number, the same; where it has words, a gap.
  const [rate, progress, reference] = lines.series as [
    ChartData['series'][number],
    ChartData['series'][number],
    ChartData['series'][number],
  ];
  QUARTERS.forEach((_, i) => {
    const r = header + 1 + i;
    for (const [s, h] of [
      [rate, L.evoPeriodRate],
      [progress, L.evoCumulativeProgress],
    ] as const) {
      const v = shown(ws.getRow(r).getCell(summaryColumn(h)));
      if (typeof v === 'number') expect(s.valCache.get(i)).toBeCloseTo(v, 9);
      else expect(s.valCache.has(i)).toBe(false);
    }
    expect(reference.valCache.get(i)).toBe(1);
  });
  expect(rate.valCache.has(QUARTERS.indexOf(NO_INDICATOR_TARGET))).toBe(false);
  expect(columns.series[1]!.valCache.has(3)).toBe(false); // T4: nothing spent is not 0 spent
});

test('--evolution-communes: the detail tables again for each commune, with Bara’s missing quarter « non reçu »', () => {
  expect(() => table(ws, L.evolutionIndicators, table(ws, L.evolutionIndicators).at + 1)).toThrow('row not found');
  for (const status of fw.communes) {
    const start = rowWhere(withCommunes, (a) => a === `${status.name} (cercle de ${status.cercle})`);
    const t = table(withCommunes, L.evolutionIndicators, start);
    for (const item of indicatorItems()) {
      QUARTERS.forEach((q) => {
        const own = item.periodTargets[q]?.[status.code];
        expectFigure(
          t.value(item.code, `Cible ${q}`),
          own ?? L.targetUndefined,
          `${status.code} ${item.code} cible ${q}`,
        );
        expectFigure(
          t.value(item.code, `Réalisé ${q}`),
          SENT[q]!.includes(status.code) ? filled(status.code, q, item.key)! : L.notReceived,
          `${status.code} ${item.code} réalisé ${q}`,
        );
      });
      expectFigure(
        t.value(item.code, L.evoToDate),
        communeCumulative(item, status.code, LAST_READ),
        `${status.code} ${item.code} cumul`,
      );
      expectFigure(
        t.value(item.code, L.evoEndTarget),
        item.targets[status.code]!,
        `${status.code} ${item.code} cible fin`,
      );
    }
    if (status.code === 'BAR')
      for (const code of t.rows.keys()) expect(t.value(code, 'Réalisé 2024-T2')).toBe(L.notReceived);
  }
});

test('the quarter’s rate is coloured by the thresholds; the progress toward the end-of-project target is not (50 % halfway is on track)', () => {
  const header = rowWhere(ws, (a, b) => a === L.evoPeriod && b === L.evoPeriodRate);
  const cols = columnsOf(ws, header);
  const letter = (h: string) => columnLetter(cols.get(h)!);
  const formats = (
    ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }
  ).conditionalFormattings;
  const covering = (column: string, row: number) =>
    formats.filter((f) =>
      f.ref.split(' ').some((ref) => {
        const [a, b = a] = ref.split(':') as [string, string?];
        const [c1, r1, c2, r2] = [
          a.replace(/\d+/, ''),
          Number(a.replace(/\D+/, '')),
          b.replace(/\d+/, ''),
          Number(b.replace(/\D+/, '')),
        ];
        return column >= c1 && column <= c2 && row >= r1 && row <= r2;
      }),
    );
  expect(covering(letter(L.evoPeriodRate), header + 1).flatMap((f) => f.rules.map((r) => r.type))).toContain(
    'expression',
  );
  expect(covering(letter(L.evoCumulativeProgress), header + 1)).toEqual([]);
  const t = table(ws, L.evolutionIndicators);
  expect(covering(columnLetter(Number(t.cell('R1.1.1', L.evoProgress).col)), t.rows.get('R1.1.1')!)).toEqual([]);
});

test('a table longer than a page repeats its header row after each page break, and the summary still reads the right rows', async () => {
  const dir = path.join(tmp.dir, 'long');
  const made = await writeQuarterlyCase(dir, 30);
  const file = path.join(tmp.dir, 'long.xlsx');
  expect(
    (await mergeCli(['--input', path.join(dir, 'fiches'), '--output', file, '--framework', made.frameworkFile])).code,
  ).toBeLessThanOrEqual(1);
  const long = sheet(await readWorkbook(file), 'Évolution');
  const t = table(long, L.evolutionIndicators);
  // Read down from the table's header: every indicator once, in order, and the header again after each break.
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const sheetXml = await zip.file(sheetPartPath(workbookXml, rels, 'Évolution'))!.async('string');
  const breaks = elements(parseXml(sheetXml), 'brk').map((b) => Number(b.attributes['id']));
  const codes: string[] = [];
  const repeated: number[] = [];
  for (let r = t.at + 2; r <= long.rowCount; r++) {
    const a = shown(long.getCell(`A${r}`));
    if (a === null) break;
    if (a === L.code) repeated.push(r);
    else codes.push(String(a));
  }
  expect(codes).toEqual(made.framework.indicators.map((i) => i.code));
  expect(repeated.length).toBeGreaterThan(0);
  for (const r of repeated) {
    expect(breaks).toContain(r - 1);
    expect(columnsOf(long, r)).toEqual(columnsOf(long, t.at + 1));
  }
  // The quarter's rate: the capped mean of the rates of the detail rows, wherever they went.
  const header = rowWhere(long, (a, b) => a === L.evoPeriod && b === L.evoPeriodRate);
  const rates = codes.flatMap((code) => {
    const [a, c] = [t.value(code, 'Réalisé 2024-T1'), t.value(code, 'Cible 2024-T1')];
    return typeof a === 'number' && typeof c === 'number' && c > 0 ? [Math.min(1, a / c)] : [];
  });
  expectFigure(shown(long.getCell(`B${header + 1}`)), rates.reduce((x, y) => x + y, 0) / rates.length, 'taux 2024-T1');
  for (const code of codes)
    expect(formulaOf(long.getCell(`B${header + 1}`))).toContain(
      `${columnLetter(Number(t.cell(code, 'Réalisé 2024-T1').col))}${t.rows.get(code)}/`,
    );
}, 60_000);

test('--lang en: the sheet keeps its French name (the contract), its texts are English', async () => {
  const E = LABELS.en;
  const file = path.join(tmp.dir, 'english.xlsx');
  expect(
    (
      await mergeCli([
        '--input',
        path.join(tmp.dir, 'fiches'),
        '--output',
        file,
        '--framework',
        path.join(tmp.dir, 'cadre-trimestriel.json'),
        '--lang',
        'en',
      ])
    ).code,
  ).toBeLessThanOrEqual(1);
  const en = sheet(await readWorkbook(file), 'Évolution');
  expect(shown(en.getCell('A1'))).toBe(E.evolutionTitle);
  const header = rowWhere(en, (a, b) => a === E.evoPeriod && b === E.evoPeriodRate);
  expect([3, 4].map((i) => shown(en.getCell(`B${header + i}`)))).toEqual([E.targetUndefined, E.notReceived]);
  expect(columnsOf(en, table(en, E.evolutionIndicators).at + 1).has('Target 2024-T1')).toBe(true);
  for (const text of [E.evolutionNote, E.chartEvolutionRates, E.evoPeriodRate])
    expect(text).not.toMatch(/[àâçéèêëîïôûù]|période|cible/i);
});
