import type { Framework } from '../../core/framework/schema';
import { withSpreadTargets } from '../period-targets';

/** A deterministic pseudo-random generator (mulberry32), so the synthetic country is the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'Ba',
  'Dia',
  'Kè',
  'Nié',
  'Sé',
  'Tom',
  'Gou',
  'Ma',
  'Dô',
  'Kou',
  'Fa',
  'Sí',
  'Bou',
  'Ké',
  'Zè',
  'Tin',
  'Ha',
  'Ye',
  'Dié',
  'Mè',
];

function name(rand: () => number): string {
  const parts = 2 + Math.floor(rand() * 2);
  let out = '';
  for (let i = 0; i < parts; i++) out += SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!.toLowerCase();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** Splits a total into n whole shares that add up exactly. */
function split(total: number, n: number, rand: () => number): number[] {
  const weights = Array.from({ length: n }, () => 0.5 + rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) shares[i]!++;
  return shares;
}

/**
 * The seed framework scaled to a country: `communes` communes with accented synthetic names across
 * regions and cercles, the seed's indicators, budget lines and beneficiary categories, quarterly periods.
 */
export function syntheticFramework(seed: Framework, communes: number, extraIndicators = 0): Framework {
  const rand = random(20231231);
  const regions = [
    'Kayes',
    'Koulikoro',
    'Sikasso',
    'Ségou',
    'Mopti',
    'Tombouctou',
    'Gao',
    'Kidal',
    'Ménaka',
    'Taoudénit',
  ];
  const list = Array.from({ length: communes }, (_, i) => {
    const region = regions[i % regions.length]!;
    return {
      code: `C${String(i + 1).padStart(4, '0')}`,
      name: `${name(rand)} ${i + 1}`,
      cercle: `${region} – cercle ${1 + (Math.floor(i / regions.length) % 5)}`,
    };
  });
  const codes = list.map((c) => c.code);
  const perCommune = (total: number) => Object.fromEntries(split(total, communes, rand).map((v, i) => [codes[i]!, v]));
  const baseIndicators = seed.indicators.map((ind) => {
    const target = ind.target * Math.ceil(communes / 4);
    return { ...ind, target, targets: perCommune(target) };
  });
  const extra = Array.from({ length: extraIndicators }, (_, i) => {
    const result = seed.results[i % seed.results.length]!.code;
    const target = communes * 10;
    return {
      code: `${result}.${100 + i}`,
      result,
      label: `Indicateur synthétique n° ${i + 1} – activités réalisées`,
      unit: i % 3 === 0 ? 'personnes' : 'activités',
      target,
      targets: perCommune(target),
      periodTargets: {},
      aggregation: { communes: 'sum' as const, periods: 'sum' as const },
    };
  });
  const budget = seed.project.budget * Math.ceil(communes / 4);
  const lineTotals = split(budget, seed.budgetLines.length, rand);
  const quarters = ['T1', 'T2', 'T3', 'T4'].map((q) => `2024-${q}`);
  return withSpreadTargets(
    {
      ...seed,
      id: `${seed.id}-national`,
      project: { ...seed.project, region: 'Mali (toutes régions)', budget },
      periods: quarters.map((label, i) => ({
        label,
        kind: 'quarter' as const,
        start: `2024-${String(i * 3 + 1).padStart(2, '0')}-01`,
        end: ['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31'][i]!,
      })),
      communes: list,
      indicators: [...baseIndicators, ...extra],
      budgetLines: seed.budgetLines.map((line, i) => ({ ...line, planned: perCommune(lineTotals[i]!) })),
      contributions: [{ partner: seed.contributions[0]?.partner ?? 'Partenaire', amount: budget }],
      beneficiaries: seed.beneficiaries.map((b) => ({
        ...b,
        targets: perCommune(Object.values(b.targets).reduce((a, v) => a + v, 0) * Math.ceil(communes / 4)),
      })),
    },
    quarters,
  );
}
