import { commentOf, rowInputs } from '../inputs';
import { numberOf } from '../values';
import { at, defineRule, periodTargetOf } from './rule';

/** Achieved far above target (framework threshold) is often a typing slip; a Commentaire explains it. */
export const overAchievement = defineRule({
  id: 'over-achievement',
  meta: {
    description: {
      fr: 'Réalisé très au-dessus du prévu (seuil du cadre) : à vérifier, ou à expliquer en commentaire.',
      en: 'Achieved far above target (framework threshold): check it, or explain it in the comment.',
    },
    severity: 'warning',
    messageIds: ['over', 'overJustified'],
    acknowledgeable: true,
  },
  check(ctx) {
    const { inputs, framework, view, report } = ctx;
    const threshold = framework.thresholds.overAchievement;
    const rows = rowInputs(inputs, 'indicators');
    for (const indicator of framework.indicators) {
      const achieved = rows.get(indicator.code)?.achieved;
      // The period's own target: a period without one is not judged (never against the whole project's).
      const planned = periodTargetOf(ctx, indicator.periodTargets, indicator.aggregation.periods);
      const value = achieved ? numberOf(achieved.cell, achieved.units) : undefined;
      if (!achieved || value === undefined || planned === undefined || planned <= 0 || value <= planned * threshold)
        continue;
      report({
        messageId: 'over',
        where: at(achieved),
        params: { code: indicator.code, achieved: value, planned, percent: Math.round((value / planned) * 100) },
        comment: commentOf(view, 'indicators', achieved.row),
      });
    }
  },
});
