import type { Framework } from './framework/schema';
import { isoDateToSerial, serialToIsoDate } from './tables';

/** When a period's report was due, and how late an entry date is (0 when on time). */
export interface Timeliness {
  /** Last day of the grace period after the period ends (ISO date). */
  deadline: string;
  daysLate: number;
}

/** Null when the period is unknown or the entry date missing: timeliness cannot be said. */
export function timeliness(
  framework: Pick<Framework, 'periods' | 'entryGraceDays'>,
  period: string | null,
  entryDate: string | null,
): Timeliness | null {
  const p = period === null ? undefined : framework.periods.find((x) => x.label === period);
  if (!p || !entryDate) return null;
  const deadlineSerial = isoDateToSerial(p.end) + framework.entryGraceDays;
  return {
    deadline: serialToIsoDate(deadlineSerial),
    daysLate: Math.max(0, Math.round(isoDateToSerial(entryDate) - deadlineSerial)),
  };
}
