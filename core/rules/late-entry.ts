import { timeliness } from '../timeliness';
import { entryDateAndPeriod, LATE_LIMIT_DAYS } from '../entry-date';
import { at, defineRule } from './rule';

/** Entered after the period's deadline: the figures are true and kept, the delay is reported. */
export const lateEntry = defineRule({
  id: 'late-entry',
  meta: {
    description: {
      fr: 'La fiche est saisie au plus tard à la date limite (fin de la période et délai de grâce) ; un retard est signalé, les chiffres sont gardés.',
      en: 'The report is entered by the deadline (end of the period plus grace days); a delay is reported, the figures are kept.',
    },
    severity: 'warning',
    messageIds: ['late'],
  },
  check({ inputs, framework, report }) {
    const entry = entryDateAndPeriod(inputs, framework);
    if (!entry) return;
    const { date, input, period } = entry;
    const due = timeliness(framework, period.label, date);
    // Further late, the date cannot belong to the period: date-outside-period's error.
    if (!due || due.daysLate === 0 || due.daysLate > LATE_LIMIT_DAYS) return;
    report({
      messageId: 'late',
      where: at(input),
      params: { date, deadline: due.deadline, period: period.label, days: due.daysLate },
    });
  },
});
