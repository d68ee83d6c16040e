import { normalise } from '../text';
import { cellText, isoDateToSerial, serialToIsoDate } from '../tables';
import { dateOf } from '../values';
import { at, type Rule } from './rule';

/** The date of entry falls within the period, or within the framework's grace days after it ends. */
export const dateOutsidePeriod: Rule = {
  id: 'date-outside-period',
  meta: {
    description: {
      fr: 'La date de saisie tombe dans la période, ou dans le délai de grâce qui la suit.',
      en: 'The date of entry falls within the period, or within the grace days after it.',
    },
    severity: 'error',
    messageIds: ['before', 'after'],
  },
  check({ inputs, framework, report }) {
    const dateInput = inputs.find((i) => i.table === 'identification' && i.field === 'entryDate');
    const periodInput = inputs.find((i) => i.table === 'identification' && i.field === 'period');
    if (!dateInput || !periodInput) return;
    const date = dateOf(dateInput.cell);
    const label = normalise(cellText(periodInput.cell));
    const period = framework.periods.find((p) => normalise(p.label) === label);
    if (!date || !period) return;
    const last = serialToIsoDate(isoDateToSerial(period.end) + framework.entryGraceDays);
    if (date < period.start)
      report({ messageId: 'before', where: at(dateInput), params: { date, period: period.label, start: period.start } });
    else if (date > last)
      report({ messageId: 'after', where: at(dateInput), params: { date, period: period.label, last } });
  },
};
