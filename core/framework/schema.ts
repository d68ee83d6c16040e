import { z } from 'zod';
import type { Params } from '../report';
import type { FrameworkProblemId } from '../messages/framework';
import { iatiSchema } from './iati';
import { periodProblems, periodTarget, reportingPeriodsOf } from './periods';

/** A message of ours: its id in the framework catalogue (core/messages/framework.ts), rendered at the edge. */
const say = (id: FrameworkProblemId): string => id;

/**
 * The results framework (cadre de résultats) as data. Everything project-specific lives in the
 * framework file; code never names an indicator, commune or budget line.
 */

const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, say('code'));
const whole = z
  .number({ error: say('wholeNumber') })
  .int(say('wholeNumber'))
  .min(0, say('notNegative'));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, say('isoDate'));
const aggregationRule = z.enum(['sum', 'max', 'latest']);
/** Across communes « latest » has no meaning: different communes are never the same people. */
const aggregation = z.object({ communes: z.enum(['sum', 'max']).default('sum'), periods: aggregationRule }).strict();
const perCommune = z.record(z.string(), whole);

/**
 * The framework file's format. A file of another format is refused with what to change (see README,
 * « Cadre de résultats »): format 2 brought targets per period.
 */
export const FRAMEWORK_FORMAT = 2;
const format = z.literal(FRAMEWORK_FORMAT, { error: say('format') });

/**
 * A period of the project's life: a year, a quarter or a month. `within` groups it under a longer
 * period (2024-T2 within 2024): files report on the periods that group nothing (reporting periods),
 * and a consolidation may select a grouping period (the year) to take all of them.
 */
const period = z
  .object({
    label: z.string().min(1),
    start: isoDate,
    end: isoDate,
    kind: z.enum(['year', 'quarter', 'month']).optional(),
    within: z.string().min(1).optional(),
  })
  .strict();

/** Targets per period label, per commune: a period left out has no target (« cible non définie »). */
const perPeriod = z.record(z.string(), perCommune);

/** The situation before the project (IATI baseline): a value and the year it was measured. */
const baseline = z
  .object({
    value: z.number().min(0, say('notNegative')),
    year: z.number().int().min(1900).max(2100),
    comment: z.string().optional(),
  })
  .strict();

const commune = z.object({ code, name: z.string().min(1), cercle: z.string().min(1) }).strict();

const result = z.object({ code, statement: z.string().min(1) }).strict();

const indicator = z
  .object({
    code,
    result: code,
    label: z.string().min(1),
    /** `personnes` marks a people count, which is also disaggregated Femmes / Hommes. */
    unit: z.string().min(1),
    baseline: baseline.optional(),
    /** End-of-project target, for the project and per commune. */
    target: whole,
    targets: perCommune,
    /** Target of each period, per commune (the project's is their sum, or max, by `aggregation.communes`). */
    periodTargets: perPeriod.default({}),
    aggregation,
  })
  .strict();

const budgetLine = z
  .object({ code, label: z.string().min(1), planned: perCommune, periodPlanned: perPeriod.default({}) })
  .strict();

const contribution = z.object({ partner: z.string().min(1), amount: whole }).strict();

const beneficiary = z
  .object({
    code,
    label: z.string().min(1),
    /** A short name for chart legends (« 18 à 24 ans »); the label otherwise. */
    shortLabel: z.string().min(1).max(24).optional(),
    unit: z.string().min(1),
    targets: perCommune,
    periodTargets: perPeriod.default({}),
    aggregation,
  })
  .strict();

export const frameworkSchema = z
  .object({
    $comment: z.string().optional(),
    format,
    id: code,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, say('version')),
    project: z
      .object({
        title: z.string().min(1),
        shortTitle: z.string().min(1),
        country: z.string().min(1),
        region: z.string().min(1),
        donor: z.string().min(1),
        implementer: z.string().min(1),
        partners: z.array(z.string().min(1)),
        currency: z.literal('XOF', { error: say('currency') }),
        budget: whole,
      })
      .strict(),
    periods: z.array(period).min(1),
    entryGraceDays: whole.default(120),
    thresholds: z
      .object({
        overAchievement: z.number().gt(1),
        rateGood: z.number().positive(),
        rateFair: z.number().positive(),
      })
      .strict(),
    communes: z.array(commune).min(1),
    results: z.array(result).min(1),
    indicators: z.array(indicator).min(1),
    budgetLines: z.array(budgetLine).min(1),
    contributions: z.array(contribution),
    beneficiaries: z.array(beneficiary),
    /** What an IATI 2.03 export needs beyond the workbooks' data (see core/framework/iati.ts); optional. */
    iati: iatiSchema.optional(),
  })
  .strict()
  .superRefine((fw, ctx) => {
    const problem = (path: (string | number)[], id: FrameworkProblemId, params: Params = {}) =>
      ctx.addIssue({ code: 'custom', path, message: id, params });
    const unique = (items: { code: string }[], key: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.code)) problem([key, i, 'code'], 'duplicateCode', { code: item.code });
        seen.add(item.code);
      });
    };
    unique(fw.communes, 'communes');
    unique(fw.results, 'results');
    unique(fw.indicators, 'indicators');
    unique(fw.budgetLines, 'budgetLines');
    unique(fw.beneficiaries, 'beneficiaries');
    const labels = new Set<string>();
    fw.periods.forEach((p, i) => {
      if (labels.has(p.label)) problem(['periods', i, 'label'], 'duplicatePeriod', { period: p.label });
      labels.add(p.label);
      if (p.end < p.start) problem(['periods', i, 'end'], 'endsBeforeStart');
    });
    const communeCodes = fw.communes.map((c) => c.code);
    const everyCommune = (targets: Record<string, number>, path: (string | number)[]) => {
      for (const c of communeCodes) if (!(c in targets)) problem([...path, c], 'missingCommuneTarget', { commune: c });
      for (const c of Object.keys(targets))
        if (!communeCodes.includes(c)) problem([...path, c], 'unknownCommune', { commune: c });
    };
    const resultCodes = new Set(fw.results.map((r) => r.code));
    fw.indicators.forEach((ind, i) => {
      if (!resultCodes.has(ind.result)) problem(['indicators', i, 'result'], 'unknownResult', { result: ind.result });
      if (!ind.code.startsWith(`${ind.result}.`))
        problem(['indicators', i, 'code'], 'indicatorCode', { result: ind.result });
      everyCommune(ind.targets, ['indicators', i, 'targets']);
      const sum = Object.values(ind.targets).reduce((a, b) => a + b, 0);
      if (sum !== ind.target) problem(['indicators', i, 'targets'], 'communeTargetsSum', { sum, target: ind.target });
    });
    fw.budgetLines.forEach((line, i) => everyCommune(line.planned, ['budgetLines', i, 'planned']));
    fw.beneficiaries.forEach((b, i) => everyCommune(b.targets, ['beneficiaries', i, 'targets']));
    for (const [i, field, id, params] of periodProblems(fw.periods)) problem(['periods', i, field], id, params);
    // Targets per period: known periods, every commune, and a group's own target equal to what its periods add up to.
    const byPeriod = (
      targets: Record<string, Record<string, number>>,
      rule: AggregationRule,
      path: (string | number)[],
    ) => {
      for (const [label, perCommuneTargets] of Object.entries(targets)) {
        if (!labels.has(label)) {
          problem([...path, label], 'unknownPeriod', { period: label });
          continue;
        }
        everyCommune(perCommuneTargets, [...path, label]);
        const leaves = reportingPeriodsOf(fw.periods, label);
        if (leaves.length === 1 && leaves[0] === label) continue;
        for (const c of communeCodes) {
          const own = perCommuneTargets[c];
          const inner = periodTarget(
            fw.periods,
            Object.fromEntries(leaves.map((l) => [l, targets[l] ?? {}])),
            c,
            rule,
            label,
          );
          if (own !== undefined && inner !== null && inner !== own)
            problem([...path, label, c], 'periodTargetsSum', { period: label, inner, own });
        }
      }
    };
    fw.indicators.forEach((ind, i) =>
      byPeriod(ind.periodTargets, ind.aggregation.periods, ['indicators', i, 'periodTargets']),
    );
    fw.beneficiaries.forEach((b, i) =>
      byPeriod(b.periodTargets, b.aggregation.periods, ['beneficiaries', i, 'periodTargets']),
    );
    fw.budgetLines.forEach((line, i) => byPeriod(line.periodPlanned, 'sum', ['budgetLines', i, 'periodPlanned']));
    const planned = fw.budgetLines.reduce((a, l) => a + Object.values(l.planned).reduce((x, y) => x + y, 0), 0);
    if (planned !== fw.project.budget) problem(['budgetLines'], 'budgetSum', { planned, budget: fw.project.budget });
    if (fw.iati) {
      const { iati } = fw;
      if (!iati.identifier.startsWith(`${iati.reportingOrg.ref}-`))
        problem(['iati', 'identifier'], 'iatiIdentifier', { ref: iati.reportingOrg.ref });
      for (const c of Object.keys(iati.locations.communes))
        if (!communeCodes.includes(c)) problem(['iati', 'locations', 'communes', c], 'unknownCommune', { commune: c });
      const categories = fw.beneficiaries.map((b) => b.code);
      for (const b of Object.keys(iati.beneficiaries?.ages ?? {}))
        if (!categories.includes(b)) problem(['iati', 'beneficiaries', 'ages', b], 'unknownBeneficiary', { code: b });
    }
    const contributed = fw.contributions.reduce((a, c) => a + c.amount, 0);
    if (fw.contributions.length > 0 && contributed !== fw.project.budget)
      problem(['contributions'], 'contributionsSum', { contributed, budget: fw.project.budget });
  });

export type Framework = z.infer<typeof frameworkSchema>;
export type Indicator = Framework['indicators'][number];
export type BudgetLine = Framework['budgetLines'][number];
export type BeneficiaryCategory = Framework['beneficiaries'][number];
export type Commune = Framework['communes'][number];
export type Period = Framework['periods'][number];
export type Baseline = NonNullable<Indicator['baseline']>;
export type AggregationRule = z.infer<typeof aggregationRule>;

/** People counts are disaggregated by sex; everything else is a plain count. */
export const PEOPLE_UNIT = 'personnes';
export const isPeople = (item: { unit: string }): boolean => item.unit === PEOPLE_UNIT;
