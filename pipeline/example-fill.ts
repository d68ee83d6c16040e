/**
 * The example fills, apart from the workbook writer: tests build tables from them in memory without loading
 * exceljs (a quarter of a second per test file).
 */
import { isPeople, type Framework } from '../core/framework/schema';
import type { Fill } from './templates';

export const COORDINATORS = [
  'Aminata Maïga',
  'Oumar Touré',
  'Fatoumata Cissé',
  'Moussa Haïdara',
  'Mariam Traoré',
  'Ibrahim Dicko',
];

/** Women's share for a row: varies by row and commune, the same on every run. */
export function womenShare(index: number, communeIndex: number): number {
  return 0.42 + ((index * 7 + communeIndex * 3) % 9) * 0.02;
}

/**
 * A correctly filled report for one commune and period: achievements equal the commune's targets
 * (so the four communes add up exactly to the seed's « Résultats atteints »), the budget fully spent.
 */
export function exampleFill(framework: Framework, communeCode: string, period: string): Fill {
  const communeIndex = framework.communes.findIndex((c) => c.code === communeCode);
  const fill: Fill = {
    'identification:period': period,
    'identification:filledBy': COORDINATORS[communeIndex % COORDINATORS.length]!,
    'identification:role': 'Coordinateur·rice communal·e',
    'identification:phone': `+223 70 00 00 ${String(communeIndex + 1).padStart(2, '0')}`,
    'identification:entryDate': new Date(Date.UTC(Number(period.slice(0, 4)) + 1, 0, 15 + communeIndex)),
  };
  framework.indicators.forEach((ind, i) => {
    const achieved = ind.targets[communeCode] ?? 0;
    fill[`indicators:${ind.code}:achieved`] = achieved;
    if (isPeople(ind)) {
      const women = Math.round(achieved * womenShare(i, communeIndex));
      fill[`indicators:${ind.code}:women`] = women;
      fill[`indicators:${ind.code}:men`] = achieved - women;
    }
  });
  for (const line of framework.budgetLines) fill[`budget:${line.code}:spent`] = line.planned[communeCode] ?? 0;
  framework.beneficiaries.forEach((cat, i) => {
    const total = cat.targets[communeCode] ?? 0;
    if (isPeople(cat)) {
      const women = Math.round(total * womenShare(i + 3, communeIndex));
      fill[`beneficiaries:${cat.code}:women`] = women;
      fill[`beneficiaries:${cat.code}:men`] = total - women;
    } else fill[`beneficiaries:${cat.code}:total`] = total;
  });
  return fill;
}
