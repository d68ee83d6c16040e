import { isReportingPeriod, periodTarget } from '../framework/periods';
import { rowInputs } from '../inputs';
import { UNDEFINED_TARGET_TEXT } from '../layout/contract';
import { cellText } from '../tables';
import { normalise } from '../text';
import { numberOf } from '../values';
import { at, defineRule } from './rule';

/** The « cible non définie » a period template shows in Prévu when the period has no target. */
export const isUndefinedTargetText = (text: string): boolean => normalise(text) === normalise(UNDEFINED_TARGET_TEXT);

/**
 * Prévu is the commune's target for the workbook's period; an edited target would skew every rate.
 * A period template (its `_meta` names the period) shows it; the generic template may leave it blank.
 */
export const plannedMismatch = defineRule({
  id: 'planned-mismatch',
  meta: {
    description: {
      fr: 'La colonne Prévu reprend la cible de la commune pour la période, fixée par le cadre de résultats (vide permis dans le modèle générique).',
      en: "The Prévu column holds the commune's target for the period, set by the results framework (blank allowed in the generic template).",
    },
    severity: 'error',
    messageIds: ['mismatch', 'empty', 'undefinedTarget', 'targetDefined'],
  },
  check(ctx) {
    const { inputs, framework, commune, period, view, report } = ctx;
    // Without a known reporting period there is no target to compare with (unknown-period says so).
    if (!commune || !period || !isReportingPeriod(framework.periods, period.label)) return;
    const periodTemplate = Boolean(view.meta?.period);
    const target = (targets: Parameters<typeof periodTarget>[1], rule: Parameters<typeof periodTarget>[3]) =>
      periodTarget(framework.periods, targets, commune.code, rule, period.label);
    const targets = {
      indicators: new Map(framework.indicators.map((i) => [i.code, target(i.periodTargets, i.aggregation.periods)])),
      budget: new Map(framework.budgetLines.map((b) => [b.code, target(b.periodPlanned, 'sum')])),
      beneficiaries: new Map(
        framework.beneficiaries.map((b) => [b.code, target(b.periodTargets, b.aggregation.periods)]),
      ),
    };
    for (const table of ['indicators', 'budget', 'beneficiaries'] as const) {
      for (const [code, row] of rowInputs(inputs, table)) {
        const planned = row.planned;
        const expected = targets[table].get(code);
        if (!planned || expected === undefined) continue;
        const text = cellText(planned.cell);
        if (text === '') {
          if (periodTemplate && expected !== null)
            report({ messageId: 'empty', where: at(planned), params: { code, expected } });
          continue;
        }
        if (isUndefinedTargetText(text)) {
          if (expected !== null) report({ messageId: 'targetDefined', where: at(planned), params: { code, expected } });
          continue;
        }
        const found = numberOf(planned.cell, planned.units);
        if (found === undefined) continue;
        if (expected === null)
          report({ messageId: 'undefinedTarget', where: at(planned), params: { code, found, period: period.label } });
        else if (found !== expected)
          report({ messageId: 'mismatch', where: at(planned), params: { code, found, expected } });
      }
    }
  },
});
