import { compareIsoDates } from '../number-formats';
import { timeliness } from '../timeliness';
import { entryDateAndPeriod, LATE_LIMIT_DAYS } from '../entry-date';
import { at, defineRule } from './rule';

/**
 * The date of entry could belong to the period: not before it starts, nor more than a year after its
 * deadline (a wrong date or a wrong period). A merely late entry is late-entry's, and is kept.
 */
export const dateOutsidePeriod = defineRule({
  id: 'date-outside-period',
  meta: {
    description: {
      fr: 'La date de saisie peut appartenir à la période : ni avant son début, ni plus d’un an après sa date limite.',
      en: 'The date of entry can belong to the period: neither before it starts nor more than a year after its deadline.',
    },
    severity: 'error',
    messageIds: ['before', 'after'],
  },
  check({ inputs, framework, report }) {
    const entry = entryDateAndPeriod(inputs, framework);
    if (!entry) return;
    const { date, input, period } = entry;
    const due = timeliness(framework, period.label, date);
    // Compared as dates, not text: `+010113-02-03` (a year past 9999) is after, not before.
    if (compareIsoDates(date, period.start) < 0)
      report({ messageId: 'before', where: at(input), params: { date, period: period.label, start: period.start } });
    else if (due && due.daysLate > LATE_LIMIT_DAYS)
      report({ messageId: 'after', where: at(input), params: { date, period: period.label, last: due.deadline } });
  },
});
