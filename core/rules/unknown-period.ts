import { normalise } from '../text';
import { cellText } from '../tables';
import { at, type Rule } from './rule';

/** The period is one of the framework's reporting periods (and the one expected, when the merge asks). */
export const unknownPeriod: Rule = {
  id: 'unknown-period',
  meta: {
    description: {
      fr: 'La période est l’une des périodes de rapportage du cadre.',
      en: "The period is one of the framework's reporting periods.",
    },
    severity: 'error',
    messageIds: ['unknown', 'notExpected'],
  },
  check({ inputs, framework, options, report }) {
    const input = inputs.find((i) => i.table === 'identification' && i.field === 'period');
    if (!input || input.cell.kind === 'error' || input.cell.kind === 'formula') return;
    const text = cellText(input.cell);
    if (text === '') return;
    const period = framework.periods.find((p) => normalise(p.label) === normalise(text));
    if (!period) {
      report({ messageId: 'unknown', where: at(input), params: { text, periods: framework.periods.map((p) => p.label).join(', ') } });
      return;
    }
    if (options.expectedPeriod && options.expectedPeriod !== period.label)
      report({ messageId: 'notExpected', where: at(input), params: { text, expected: options.expectedPeriod } });
  },
};
