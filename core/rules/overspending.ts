import { commentOf, rowInputs } from '../inputs';
import { numberOf } from '../values';
import { at, defineRule, periodTargetOf } from './rule';

/** Spending above the line's plan is flagged; a Commentaire acknowledges it. */
export const overspending = defineRule({
  id: 'overspending',
  meta: {
    description: {
      fr: 'Dépensé au-delà du prévu de la rubrique : à justifier en commentaire.',
      en: "Spent beyond the budget line's plan: to be justified in the comment.",
    },
    severity: 'warning',
    messageIds: ['over', 'overJustified'],
    acknowledgeable: true,
  },
  check(ctx) {
    const { inputs, framework, view, report } = ctx;
    const rows = rowInputs(inputs, 'budget');
    for (const line of framework.budgetLines) {
      const spent = rows.get(line.code)?.spent;
      // The period's own planned amount: a period without one is not judged.
      const planned = periodTargetOf(ctx, line.periodPlanned, 'sum');
      const value = spent ? numberOf(spent.cell, spent.units) : undefined;
      if (!spent || value === undefined || planned === undefined || value <= planned) continue;
      report({
        messageId: 'over',
        where: at(spent),
        params: { code: line.code, spent: value, planned, excess: value - planned },
        comment: commentOf(view, 'budget', spent.row),
      });
    }
  },
});
