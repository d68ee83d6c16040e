import { commentOf, rowInputs } from '../inputs';
import { numberOf } from '../values';
import { at, defineRule, periodTargetOf } from './rule';

/** Below target, the coordinator says why in « Commentaire »: that text feeds the report's Écarts. */
export const underAchievementWithoutComment = defineRule({
  id: 'under-achievement-without-comment',
  meta: {
    description: {
      fr: 'Réalisé sous le prévu : la raison est donnée dans « Commentaire » (elle alimente les écarts).',
      en: 'Achieved below target: the reason is given in “Commentaire” (it feeds the gaps section).',
    },
    severity: 'warning',
    messageIds: ['under'],
  },
  check(ctx) {
    const { inputs, framework, view, report } = ctx;
    const rows = rowInputs(inputs, 'indicators');
    for (const indicator of framework.indicators) {
      const achieved = rows.get(indicator.code)?.achieved;
      // The period's own target: a period without one is not judged (never against the whole project's).
      const planned = periodTargetOf(ctx, indicator.periodTargets, indicator.aggregation.periods);
      const value = achieved ? numberOf(achieved.cell, achieved.units) : undefined;
      if (!achieved || value === undefined || planned === undefined || value >= planned) continue;
      if (commentOf(view, 'indicators', achieved.row) !== '') continue;
      report({
        messageId: 'under',
        where: at(achieved),
        params: { code: indicator.code, achieved: value, planned, percent: Math.round((value / planned) * 100) },
      });
    }
  },
});
