import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isPeople, type Framework } from '../../core/framework/schema';
import { planTemplate, templateFileName } from '../../core/layout/plan';
import { writeTemplateFile, type Fill } from '../templates';
import { random } from './synthetic';

/** Plausible values for one commune and quarter; `mistake` seeds one deliberate error. */
export function syntheticFill(
  framework: Framework,
  communeCode: string,
  periodIndex: number,
  rand: () => number,
  mistake: number | null,
): Fill {
  const period = framework.periods[periodIndex]!;
  const end = new Date(`${period.end}T00:00:00Z`);
  const fill: Fill = {
    'identification:period': period.label,
    'identification:filledBy': 'Agent de saisie',
    'identification:role': 'Coordinateur·rice',
    'identification:phone': '+223 70 00 00 00',
    'identification:entryDate': new Date(end.getTime() + (3 + Math.floor(rand() * 20)) * 86400000),
  };
  framework.indicators.forEach((ind) => {
    const target = ind.targets[communeCode] ?? 0;
    const share = ind.aggregation.periods === 'sum' ? 0.25 : 1;
    const achieved = Math.max(0, Math.round(target * share * (0.7 + rand() * 0.45)));
    fill[`indicators:${ind.code}:achieved`] = achieved;
    if (isPeople(ind)) {
      const women = Math.round(achieved * (0.35 + rand() * 0.3));
      fill[`indicators:${ind.code}:women`] = women;
      fill[`indicators:${ind.code}:men`] = achieved - women;
    }
    if (achieved < target * share) fill[`indicators:${ind.code}:comment`] = 'Activité décalée au trimestre suivant.';
  });
  for (const line of framework.budgetLines)
    fill[`budget:${line.code}:spent`] = Math.round(((line.planned[communeCode] ?? 0) / 4) * (0.8 + rand() * 0.19));
  for (const cat of framework.beneficiaries) {
    const target = cat.targets[communeCode] ?? 0;
    const total = Math.round(target * (0.6 + rand() * 0.4));
    if (isPeople(cat)) {
      const women = Math.round(total * (0.4 + rand() * 0.2));
      fill[`beneficiaries:${cat.code}:women`] = women;
      fill[`beneficiaries:${cat.code}:men`] = total - women;
    } else fill[`beneficiaries:${cat.code}:total`] = total;
  }
  const first = framework.indicators[0]!.code;
  if (mistake === 0) fill[`indicators:${first}:achieved`] = null;
  if (mistake === 1) fill[`indicators:${first}:achieved`] = '1.250';
  if (mistake === 2) fill[`budget:${framework.budgetLines[0]!.code}:spent`] = -5;
  return fill;
}

/**
 * Writes one workbook per commune and period into `dir` (skipping those already there, so the
 * bench's inputs are generated once). Returns the number of files written now.
 */
export async function generateInputs(
  framework: Framework,
  dir: string,
  count: number,
  onProgress?: (done: number) => void,
): Promise<number> {
  await fs.mkdir(dir, { recursive: true });
  const existing = new Set(await fs.readdir(dir));
  let written = 0;
  for (let i = 0; i < count; i++) {
    const commune = framework.communes[i % framework.communes.length]!;
    const periodIndex = Math.floor(i / framework.communes.length) % framework.periods.length;
    const label = framework.periods[periodIndex]!.label;
    const file = templateFileName(framework, commune, `_${label}`);
    if (existing.has(file)) continue;
    const rand = random(i + 1);
    // About one file in 150 carries a deliberate error, as real batches do.
    const mistake = i % 150 === 77 ? i % 3 : null;
    await writeTemplateFile(
      framework,
      planTemplate(framework, commune.code),
      path.join(dir, file),
      syntheticFill(framework, commune.code, periodIndex, rand, mistake),
    );
    written++;
    onProgress?.(written);
  }
  return written;
}
