/**
 * A quarterly case for the `Évolution` sheet: the project's framework with 2024 and its four quarters
 * within, targets spread over the quarters (withSpreadTargets), one baseline; the third quarter has no
 * indicator target (« cible non définie »), Bara did not send the second quarter, and nobody the fourth
 * (« non reçu »). Each commune reports 80 % of its quarter's target in T1, 100 % in T2, 120 % in T3.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Framework } from '../../core/framework/schema';
import { planTemplate, templateFileName } from '../../core/layout/plan';
import { exampleFill } from '../../pipeline/examples';
import { withSpreadTargets } from '../../pipeline/period-targets';
import { writeTemplateFile, type Fill } from '../../pipeline/templates';
import { framework as projectFramework } from './merge-fixtures';

export const QUARTERS = ['2024-T1', '2024-T2', '2024-T3', '2024-T4'] as const;
export const SENT: Record<string, readonly string[]> = {
  '2024-T1': ['GNZ', 'SAL', 'ANS', 'BAR'],
  '2024-T2': ['GNZ', 'SAL', 'ANS'],
  '2024-T3': ['GNZ', 'SAL', 'ANS', 'BAR'],
  '2024-T4': [],
};
export const NO_INDICATOR_TARGET = '2024-T3';
const FACTOR: Record<string, number> = { '2024-T1': 0.8, '2024-T2': 1, '2024-T3': 1.2 };
export const BASELINE = { code: 'R1.1.1', value: 12, year: 2022 };

/** `extraIndicators`: that many more indicators with long labels, so that a table runs over several printed pages. */
export function quarterlyFramework(extraIndicators = 0): Framework {
  const ends = ['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31'];
  const spread = withSpreadTargets(
    {
      ...projectFramework,
      periods: [
        { label: '2024', start: '2024-01-01', end: '2024-12-31', kind: 'year' },
        ...QUARTERS.map((label, i) => ({
          label,
          start: `2024-${String(i * 3 + 1).padStart(2, '0')}-01`,
          end: ends[i]!,
          kind: 'quarter' as const,
          within: '2024',
        })),
      ],
    },
    QUARTERS,
  );
  const model = spread.indicators.find((i) => i.code === 'R1.2.1')!;
  const extra = Array.from({ length: extraIndicators }, (_, k) => ({
    ...model,
    code: `R1.2.${k + 2}`,
    label: `${model.label}, volet ${k + 2} : sessions organisées avec les services techniques et les leaders communautaires`,
  }));
  const at = spread.indicators.indexOf(model) + 1;
  return {
    ...spread,
    indicators: [...spread.indicators.slice(0, at), ...extra, ...spread.indicators.slice(at)].map((i) => {
      const periodTargets = { ...i.periodTargets };
      delete periodTargets[NO_INDICATOR_TARGET];
      return {
        ...i,
        periodTargets,
        ...(i.code === BASELINE.code ? { baseline: { value: BASELINE.value, year: BASELINE.year } } : {}),
      };
    }),
  };
}

/** What a commune reports for a quarter: a share of its quarter's target (its planned budget for the budget lines). */
export function quarterFill(fw: Framework, commune: string, quarter: string): Fill {
  const f = FACTOR[quarter]!;
  const scale = (perPeriod: Record<string, Record<string, number>>, end: Record<string, number>) => {
    // A quarter with no target of its own: the commune's end-of-project target spread evenly.
    const target = perPeriod[quarter]?.[commune] ?? Math.round((end[commune] ?? 0) / QUARTERS.length);
    return { ...end, [commune]: Math.round(target * f) };
  };
  const reported: Framework = {
    ...fw,
    indicators: fw.indicators.map((i) => ({ ...i, targets: scale(i.periodTargets, i.targets) })),
    budgetLines: fw.budgetLines.map((l) => ({ ...l, planned: scale(l.periodPlanned, l.planned) })),
    beneficiaries: fw.beneficiaries.map((b) => ({ ...b, targets: scale(b.periodTargets, b.targets) })),
  };
  const fill = exampleFill(reported, commune, quarter);
  // The template shows the end-of-project targets; the coordinator writes the quarter's own (rule planned-mismatch).
  const planned = (
    section: string,
    items: readonly { code: string }[],
    targets: (item: never) => Record<string, Record<string, number>>,
  ) => {
    for (const item of items) {
      const own = (targets as (i: typeof item) => Record<string, Record<string, number>>)(item)[quarter]?.[commune];
      if (own !== undefined) fill[`${section}:${item.code}:planned`] = own;
    }
  };
  planned('indicators', fw.indicators, (i: Framework['indicators'][number]) => i.periodTargets);
  planned('budget', fw.budgetLines, (l: Framework['budgetLines'][number]) => l.periodPlanned);
  planned('beneficiaries', fw.beneficiaries, (b: Framework['beneficiaries'][number]) => b.periodTargets);
  return fill;
}

/** Writes the framework file and the communes' quarterly workbooks; returns the framework's path and every fill. */
export async function writeQuarterlyCase(
  dir: string,
  extraIndicators = 0,
): Promise<{ frameworkFile: string; framework: Framework; fills: Map<string, Fill> }> {
  const fw = quarterlyFramework(extraIndicators);
  mkdirSync(path.join(dir, 'fiches'), { recursive: true });
  const frameworkFile = path.join(dir, 'cadre-trimestriel.json');
  writeFileSync(frameworkFile, JSON.stringify(fw, null, 2));
  const fills = new Map<string, Fill>();
  for (const quarter of QUARTERS)
    for (const code of SENT[quarter]!) {
      const commune = fw.communes.find((c) => c.code === code)!;
      const fill = quarterFill(fw, code, quarter);
      fills.set(`${code}|${quarter}`, fill);
      await writeTemplateFile(
        fw,
        planTemplate(fw, code),
        path.join(dir, 'fiches', templateFileName(fw, commune, `_${quarter}`)),
        fill,
      );
    }
  return { frameworkFile, framework: fw, fills };
}
