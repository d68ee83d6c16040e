import type { Framework } from './framework/schema';
import type { InputCell } from './inputs';
import { normalise } from './text';
import { cellText } from './tables';
import { dateOf } from './values';

/** The date of entry (ISO), its cell and the period it claims, when both can be read. */
export function entryDateAndPeriod(
  inputs: readonly InputCell[],
  framework: Framework,
): { date: string; input: InputCell; period: Framework['periods'][number] } | null {
  const input = inputs.find((i) => i.table === 'identification' && i.field === 'entryDate');
  const periodInput = inputs.find((i) => i.table === 'identification' && i.field === 'period');
  if (!input || !periodInput) return null;
  const date = dateOf(input.cell);
  const label = normalise(cellText(periodInput.cell));
  const period = framework.periods.find((p) => normalise(p.label) === label);
  return date && period ? { date, input, period } : null;
}

/** Beyond this many days after the deadline, an entry date cannot belong to the period: a wrong date or period. */
export const LATE_LIMIT_DAYS = 365;
