import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { periodTarget, periodTree } from '../core/framework/periods';
import { isPeople, type Framework } from '../core/framework/schema';
import { planTemplate, templateFileName } from '../core/layout/plan';
import { isoDateToSerial, serialToIsoDate } from '../core/tables';
import { COORDINATORS, exampleFill, womenShare } from './example-fill';
import { writeAtomic } from './write/atomic';
import { withSpreadTargets } from './period-targets';
import { writeTemplateFile, type Fill } from './templates';
import { fromRoot } from './paths';

export { exampleFill };

export const EXAMPLES_DIR = fromRoot('templates', 'exemples');
/** The quarterly example: its framework (framework.json) and its filled workbooks (exemples/). */
export const QUARTERLY_DIR = fromRoot('templates', 'trimestriel');

/** Writes one filled example workbook per commune for the period; returns the files. */
export async function writeExamples(framework: Framework, outDir: string, period: string): Promise<string[]> {
  const files: string[] = [];
  for (const commune of framework.communes) {
    const file = path.join(outDir, templateFileName(framework, commune, `_${period}`));
    await writeTemplateFile(
      framework,
      planTemplate(framework, commune.code, period),
      file,
      exampleFill(framework, commune.code, period),
    );
    files.push(file);
  }
  return files;
}

const QUARTERS = ['2024-T1', '2024-T2', '2024-T3', '2024-T4'] as const;
/** The quarter one commune has not sent, so that the example shows a gap: Bara, 2024-T4. */
export const QUARTERLY_MISSING = { commune: 'BAR', period: '2024-T4' } as const;

/**
 * The same project reported by quarter in 2024: 2024 groups 2024-T1 … 2024-T4, whose targets spread the
 * project's end-of-project targets (illustrative working values, not the project's own).
 */
export function quarterlyFramework(base: Framework): Framework {
  const months = [
    ['01-01', '03-31'],
    ['04-01', '06-30'],
    ['07-01', '09-30'],
    ['10-01', '12-31'],
  ] as const;
  // The seed's $comment is replaced by this example's, written first so that the file opens on it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { $comment: _seed, ...rest } = base;
  return withSpreadTargets(
    {
      $comment:
        'Exemple trimestriel, généré par npm run examples : le même projet suivi par trimestre en 2024. Les cibles trimestrielles (« periodTargets », « periodPlanned ») sont des valeurs de travail illustratives, obtenues en répartissant les cibles de fin de projet sur les quatre trimestres ; ce ne sont pas les cibles du projet.',
      ...rest,
      id: `${base.id}-trimestriel`,
      // A quarter's report is due within the month after it ends, not four months later.
      entryGraceDays: 30,
      periods: [
        { label: '2024', start: '2024-01-01', end: '2024-12-31', kind: 'year' },
        ...QUARTERS.map((label, i) => ({
          label,
          start: `2024-${months[i]![0]}`,
          end: `2024-${months[i]![1]}`,
          kind: 'quarter' as const,
          within: '2024',
        })),
      ],
    },
    QUARTERS,
  );
}

/** A share of extra achievement (0 to 12 %), varied by row, commune and quarter: never near the over-achievement threshold. */
const extraShare = (row: number, communeIndex: number, quarter: number): number =>
  [0, 0.04, 0.08, 0.12][(row * 7 + communeIndex * 3 + quarter * 5) % 4]!;

/**
 * The commune's reports for each quarter: achievements at or a little above the quarter's own target (so nothing
 * is « below target »), cumulative indicators (max, latest) never going down, the budget spent as planned.
 */
export function quarterlyFills(framework: Framework, communeCode: string): Map<string, Fill> {
  const communeIndex = framework.communes.findIndex((c) => c.code === communeCode);
  const reporting = periodTree(framework.periods).reporting;
  const fills = new Map<string, Fill>();
  const previous = new Map<string, number>();
  const achievedFor = (key: string, target: number, rule: string, row: number, quarter: number): number => {
    let value = target + Math.floor(target * extraShare(row, communeIndex, quarter));
    if (rule !== 'sum') value = Math.max(value, previous.get(key) ?? 0);
    previous.set(key, value);
    return value;
  };
  reporting.forEach((label, quarter) => {
    const period = framework.periods.find((p) => p.label === label)!;
    const target = (targets: Parameters<typeof periodTarget>[1], rule: Parameters<typeof periodTarget>[3]) =>
      periodTarget(framework.periods, targets, communeCode, rule, label) ?? 0;
    const fill: Fill = {
      'identification:period': label,
      'identification:filledBy': COORDINATORS[communeIndex % COORDINATORS.length]!,
      'identification:role': 'Coordinateur·rice communal·e',
      'identification:phone': `+223 70 00 00 ${String(communeIndex + 1).padStart(2, '0')}`,
      // Sent within two weeks of the quarter's end, well before the deadline.
      'identification:entryDate': new Date(
        `${serialToIsoDate(isoDateToSerial(period.end) + 5 + communeIndex * 2)}T00:00:00Z`,
      ),
    };
    framework.indicators.forEach((ind, i) => {
      const rule = ind.aggregation.periods;
      const achieved = achievedFor(`ind:${ind.code}`, target(ind.periodTargets, rule), rule, i, quarter);
      fill[`indicators:${ind.code}:achieved`] = achieved;
      if (isPeople(ind)) {
        const women = Math.round(achieved * womenShare(i, communeIndex));
        fill[`indicators:${ind.code}:women`] = women;
        fill[`indicators:${ind.code}:men`] = achieved - women;
      }
    });
    for (const line of framework.budgetLines) fill[`budget:${line.code}:spent`] = target(line.periodPlanned, 'sum');
    framework.beneficiaries.forEach((cat, i) => {
      const rule = cat.aggregation.periods;
      const total = achievedFor(`ben:${cat.code}`, target(cat.periodTargets, rule), rule, i + 20, quarter);
      if (isPeople(cat)) {
        // The same share every quarter: women and men grow with the total, never down.
        const women = Math.round(total * womenShare(i + 3, communeIndex));
        fill[`beneficiaries:${cat.code}:women`] = women;
        fill[`beneficiaries:${cat.code}:men`] = total - women;
      } else fill[`beneficiaries:${cat.code}:total`] = total;
    });
    fills.set(label, fill);
  });
  return fills;
}

/** Writes the quarterly example: `framework.json` and `exemples/`, each commune's quarters but Bara's 2024-T4; returns the files. */
export async function writeQuarterlyExample(base: Framework, outDir: string): Promise<string[]> {
  const framework = quarterlyFramework(base);
  const frameworkFile = path.join(outDir, 'framework.json');
  mkdirSync(path.join(outDir, 'exemples'), { recursive: true });
  await writeAtomic(frameworkFile, (temp) => writeFile(temp, `${JSON.stringify(framework, null, 2)}\n`));
  const files = [frameworkFile];
  for (const commune of framework.communes)
    for (const [period, fill] of quarterlyFills(framework, commune.code)) {
      if (commune.code === QUARTERLY_MISSING.commune && period === QUARTERLY_MISSING.period) continue;
      const file = path.join(outDir, 'exemples', templateFileName(framework, commune, `_${period}`));
      await writeTemplateFile(framework, planTemplate(framework, commune.code, period), file, fill);
      files.push(file);
    }
  return files;
}
