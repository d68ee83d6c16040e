import { periodTree, reportingPeriodsOf } from '../framework/periods';
import { normalise } from '../text';
import { cellText } from '../tables';
import { at, defineRule } from './rule';

/**
 * The period is one of the framework's reporting periods (not a year that groups quarters), the one the
 * template was made for (a period template's `_meta`), and the one expected when the merge asks.
 */
export const unknownPeriod = defineRule({
  id: 'unknown-period',
  meta: {
    description: {
      fr: 'La période est l’une des périodes de rapportage du cadre, celle du modèle.',
      en: "The period is one of the framework's reporting periods, the template's own.",
    },
    severity: 'error',
    messageIds: ['unknown', 'grouping', 'templatePeriod', 'notExpected'],
  },
  check({ inputs, framework, view, options, report }) {
    const input = inputs.find((i) => i.table === 'identification' && i.field === 'period');
    if (!input || input.cell.kind === 'error' || input.cell.kind === 'formula') return;
    const text = cellText(input.cell);
    if (text === '') return;
    const period = framework.periods.find((p) => normalise(p.label) === normalise(text));
    if (!period) {
      report({
        messageId: 'unknown',
        where: at(input),
        params: { text, periods: periodTree(framework.periods).reporting.join(', ') },
      });
      return;
    }
    if (periodTree(framework.periods).children.has(period.label)) {
      report({
        messageId: 'grouping',
        where: at(input),
        params: { text, periods: reportingPeriodsOf(framework.periods, period.label).join(', ') },
      });
      return;
    }
    const made = view.meta?.period;
    if (made && normalise(made) !== normalise(period.label)) {
      report({ messageId: 'templatePeriod', where: at(input), params: { text, template: made } });
      return;
    }
    if (options.expectedPeriod && options.expectedPeriod !== period.label)
      report({ messageId: 'notExpected', where: at(input), params: { text, expected: options.expectedPeriod } });
  },
});
