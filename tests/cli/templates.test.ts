/**
 * `npm run templates`: generic templates (period chosen in the sheet, Prévu blank), or with --period one
 * reporting period's templates (the period in Identification and the file name, its targets in Prévu).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { periodTarget } from '../../core/framework/periods';
import { UNDEFINED_TARGET_TEXT } from '../../core/layout/contract';
import { planTemplate } from '../../core/layout/plan';
import { cellAt, type Tables } from '../../core/tables';
import { validate } from '../../core/validate';
import { run } from '../../pipeline/cli/templates';
import { QUARTERLY_DIR } from '../../pipeline/examples';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { writeTemplateFile } from '../../pipeline/templates';
import { lines, runCli } from './capture';
import { framework as bundled } from '../helpers/build-tables';
import { tempDir } from '../helpers/merge-fixtures';

const QUARTERLY = path.join(QUARTERLY_DIR, 'framework.json');
const quarterly = loadFrameworkFile(QUARTERLY);
const sheet = (tables: Tables, name: string) => tables.sheets.find((s) => s.name === name)!;
const value = (tables: Tables, name: string, row: number, column: number) =>
  cellAt(sheet(tables, name), row, column).value;

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir('templates')));
afterEach(() => temp.remove());

describe('npm run templates -- --period', () => {
  it('writes each commune’s template for the quarter: period locked in Identification, the quarter’s targets in Prévu', async () => {
    const cli = await runCli(run, ['--framework', QUARTERLY, '--period', '2024-T2', '--out', temp.dir]);
    expect(cli.code).toBe(0);
    const files = readdirSync(temp.dir).sort();
    expect(files).toEqual([
      'ensemble-gao-trimestriel_ANS_Ansongo_2024-T2.xlsx',
      'ensemble-gao-trimestriel_BAR_Bara_2024-T2.xlsx',
      'ensemble-gao-trimestriel_GNZ_Gounzoureye_2024-T2.xlsx',
      'ensemble-gao-trimestriel_SAL_Soni-Aliber_2024-T2.xlsx',
    ]);
    const tables = await readWorkbookFile(path.join(temp.dir, files[2]!));
    expect(value(tables, 'Identification', 8, 2)).toBe('2024-T2');
    expect(sheet(tables, '_meta').rows.map((r) => r.map((c) => c.value))).toContainEqual(['period', '2024-T2']);
    quarterly.indicators.forEach((ind, i) => {
      const target = periodTarget(quarterly.periods, ind.periodTargets, 'GNZ', ind.aggregation.periods, '2024-T2');
      expect(value(tables, 'Indicateurs', 2 + i, 5)).toBe(target);
    });
    // A quarter's target, not the whole project's: R1.1.1 is 25 for the project, 6 in 2024-T2.
    expect(quarterly.indicators[0]!.targets.GNZ).toBe(25);
    expect(value(tables, 'Indicateurs', 2, 5)).toBe(6);
    quarterly.budgetLines.forEach((line, i) =>
      expect(value(tables, 'Budget', 2 + i, 3)).toBe(
        periodTarget(quarterly.periods, line.periodPlanned, 'GNZ', 'sum', '2024-T2'),
      ),
    );
    // The template as sent back unchanged passes planned-mismatch and unknown-period.
    const issues = validate(tables, quarterly, { expectedPeriod: '2024-T2' }).issues.filter((i) =>
      ['planned-mismatch', 'unknown-period'].includes(i.ruleId),
    );
    expect(issues).toEqual([]);
  }, 60_000);

  it('shows « cible non définie » in grey where the period has no target, never the whole project’s', async () => {
    expect((await runCli(run, ['--period', '2024', '--out', temp.dir])).code).toBe(0);
    const file = readdirSync(temp.dir).find((f) => f.includes('_GNZ_'))!;
    expect(file).toBe('ensemble-gao_GNZ_Gounzoureye_2024.xlsx');
    const tables = await readWorkbookFile(path.join(temp.dir, file));
    bundled().indicators.forEach((_, i) => expect(value(tables, 'Indicateurs', 2 + i, 5)).toBe(UNDEFINED_TARGET_TEXT));
    bundled().budgetLines.forEach((_, i) => expect(value(tables, 'Budget', 2 + i, 3)).toBe(UNDEFINED_TARGET_TEXT));
    const cell = planTemplate(bundled(), 'GNZ', '2024').sheets[1]!.cells.find(
      (c) => c.key === 'indicators:R1.1.1:planned',
    )!;
    expect(cell).toMatchObject({ role: 'prefilled', muted: true });
    // Not an error for not-a-number, nor for planned-mismatch.
    const issues = validate(tables, bundled(), {}).issues.filter((i) => i.sheet === 'Indicateurs' && i.column === 5);
    expect(issues).toEqual([]);
  }, 60_000);

  it.each([
    [
      '2024',
      /^Erreur : --period : « 2024 » regroupe plusieurs périodes \(2024-T1, 2024-T2, 2024-T3, 2024-T4\) ; un modèle se fait pour une période de rapportage : 2024-T1, 2024-T2, 2024-T3, 2024-T4$/,
    ],
    [
      '2025-T1',
      /^Erreur : --period : « 2025-T1 » n’est pas une période du cadre ; choisissez une période de rapportage : 2024-T1, 2024-T2, 2024-T3, 2024-T4$/,
    ],
  ])(
    'refuses --period %s with one French line listing the reporting periods (exit 2), writing nothing',
    async (period, message) => {
      const cli = await runCli(run, ['--framework', QUARTERLY, '--period', period, '--out', temp.dir]);
      expect(cli.code).toBe(2);
      expect(lines(cli.stderr)).toHaveLength(1);
      expect(cli.stderr.trim()).toMatch(message);
      expect(readdirSync(temp.dir)).toEqual([]);
    },
  );
});

describe('npm run templates (generic)', () => {
  it('leaves the period to choose among the reporting periods and Prévu blank, and says why', async () => {
    const cli = await runCli(run, ['--framework', QUARTERLY, '--out', temp.dir]);
    expect(cli.code).toBe(0);
    const file = readdirSync(temp.dir).find((f) => f.includes('_BAR_'))!;
    expect(file).toBe('ensemble-gao-trimestriel_BAR_Bara.xlsx');
    const tables = await readWorkbookFile(path.join(temp.dir, file));
    expect(value(tables, 'Identification', 8, 2)).toBeNull();
    quarterly.indicators.forEach((_, i) => expect(value(tables, 'Indicateurs', 2 + i, 5)).toBeNull());
    quarterly.beneficiaries.forEach((_, i) => expect(value(tables, 'Bénéficiaires', 2 + i, 3)).toBeNull());
    expect(sheet(tables, '_meta').rows.map((r) => r[0]?.value)).not.toContain('period');
    expect(
      sheet(tables, 'Instructions')
        .rows.flat()
        .map((c) => String(c.value)),
    ).toContainEqual(expect.stringMatching(/^Prévu : laissé vide, car les cibles dépendent de la période choisie/));
    const plan = planTemplate(quarterly, 'BAR');
    const period = plan.sheets[0]!.cells.find((c) => c.key === 'identification:period')!;
    expect(period).toMatchObject({
      role: 'input',
      validation: { type: 'list', list: ['2024-T1', '2024-T2', '2024-T3', '2024-T4'] },
    });
  }, 60_000);

  it('renders a period template as the plan says: the period cell locked and grey, keyed as the generic input', async () => {
    const plan = planTemplate(quarterly, 'SAL', '2024-T3');
    const period = plan.sheets[0]!.cells.find((c) => c.key === 'identification:period')!;
    expect(period).toMatchObject({ role: 'prefilled', value: '2024-T3' });
    expect(period.validation).toBeUndefined();
    expect(() => planTemplate(quarterly, 'SAL', '2024')).toThrow(/not a reporting period/);
    const file = path.join(temp.dir, 'sal.xlsx');
    await writeTemplateFile(quarterly, plan, file);
    expect(value(await readWorkbookFile(file), 'Identification', 8, 2)).toBe('2024-T3');
  }, 60_000);
});
