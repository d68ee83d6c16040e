import { periodTarget } from './framework/periods';
import { isPeople, type AggregationRule, type Framework } from './framework/schema';
import { allInputs, rowInputs, type InputCell } from './inputs';
import { communeOf, locate } from './layout/locate';
import { a1, cellText, type Tables } from './tables';
import { dateOf, numberOf } from './values';

export type Section = 'indicators' | 'budget' | 'beneficiaries';
export type Disaggregation = 'total' | 'women' | 'men';

/** One number of a report, tidy: the shape of the consolidated `Données` table. */
export interface DataPoint {
  section: Section;
  code: string;
  disaggregation: Disaggregation;
  /** The commune's target for the file's period (Prévu) on Total rows; null on Femmes / Hommes rows or when the period has none. */
  planned: number | null;
  /** Réalisé (spent, for budget lines); null when the cell gave no usable number. */
  achieved: number | null;
  comment: string;
  /** Where the achieved value came from (sheet!A1), for provenance. */
  source: string | null;
}

export interface ReportData {
  commune: string | null;
  period: string | null;
  filledBy: string;
  role: string;
  phone: string;
  entryDate: string | null;
  points: DataPoint[];
}

const where = (input: InputCell | undefined): string | null =>
  input ? `${input.sheet}!${a1(input.row, input.column)}` : null;
const num = (input: InputCell | undefined): number | null =>
  input ? (numberOf(input.cell, input.units) ?? null) : null;

/**
 * The numbers of one workbook, read with the same parsing the validator uses (a text number that
 * the validator accepted with a warning is used as that number; cached formula results are not).
 */
export function extract(tables: Tables, framework: Framework): ReportData {
  const view = locate(tables);
  const inputs = allInputs(view, framework);
  const commune = communeOf(view, framework);
  const id = (field: string) => inputs.find((i) => i.table === 'identification' && i.field === field);
  const text = (field: string) => {
    const input = id(field);
    return input ? cellText(input.cell) : '';
  };
  const points: DataPoint[] = [];
  const commentOf = (row: Partial<Record<string, InputCell>>) => (row.comment ? cellText(row.comment.cell) : '');

  const periodText = text('period');
  const period =
    framework.periods.find((p) => p.label.toLowerCase() === periodText.toLowerCase())?.label ?? (periodText || null);
  // The period's own target, never the whole project's; a CSV without commune keeps its own Prévu.
  const known = period !== null && framework.periods.some((p) => p.label === period);
  const target = (
    row: Partial<Record<string, InputCell>>,
    targets: Record<string, Record<string, number>>,
    rule: AggregationRule,
  ) =>
    commune ? (known ? periodTarget(framework.periods, targets, commune.code, rule, period) : null) : num(row.planned);

  const indicators = rowInputs(inputs, 'indicators');
  for (const ind of framework.indicators) {
    const row = indicators.get(ind.code);
    if (!row) continue;
    const planned = target(row, ind.periodTargets, ind.aggregation.periods);
    const comment = commentOf(row);
    points.push({
      section: 'indicators',
      code: ind.code,
      disaggregation: 'total',
      planned,
      achieved: num(row.achieved),
      comment,
      source: where(row.achieved),
    });
    if (isPeople(ind)) {
      points.push({
        section: 'indicators',
        code: ind.code,
        disaggregation: 'women',
        planned: null,
        achieved: num(row.women),
        comment: '',
        source: where(row.women),
      });
      points.push({
        section: 'indicators',
        code: ind.code,
        disaggregation: 'men',
        planned: null,
        achieved: num(row.men),
        comment: '',
        source: where(row.men),
      });
    }
  }
  const budget = rowInputs(inputs, 'budget');
  for (const line of framework.budgetLines) {
    const row = budget.get(line.code);
    if (!row) continue;
    const planned = target(row, line.periodPlanned, 'sum');
    points.push({
      section: 'budget',
      code: line.code,
      disaggregation: 'total',
      planned,
      achieved: num(row.spent),
      comment: commentOf(row),
      source: where(row.spent),
    });
  }
  const beneficiaries = rowInputs(inputs, 'beneficiaries');
  for (const cat of framework.beneficiaries) {
    const row = beneficiaries.get(cat.code);
    if (!row) continue;
    const planned = target(row, cat.periodTargets, cat.aggregation.periods);
    if (isPeople(cat)) {
      const women = num(row.women);
      const men = num(row.men);
      // The template's Total is a formula: recomputed here, its cached value is never trusted.
      const total = women !== null && men !== null ? women + men : null;
      points.push({
        section: 'beneficiaries',
        code: cat.code,
        disaggregation: 'total',
        planned,
        achieved: total,
        comment: '',
        source: where(row.total),
      });
      points.push({
        section: 'beneficiaries',
        code: cat.code,
        disaggregation: 'women',
        planned: null,
        achieved: women,
        comment: '',
        source: where(row.women),
      });
      points.push({
        section: 'beneficiaries',
        code: cat.code,
        disaggregation: 'men',
        planned: null,
        achieved: men,
        comment: '',
        source: where(row.men),
      });
    } else
      points.push({
        section: 'beneficiaries',
        code: cat.code,
        disaggregation: 'total',
        planned,
        achieved: num(row.total),
        comment: '',
        source: where(row.total),
      });
  }
  const dateInput = id('entryDate');
  return {
    commune: commune?.code ?? null,
    period,
    filledBy: text('filledBy'),
    role: text('role'),
    phone: text('phone'),
    entryDate: dateInput ? (dateOf(dateInput.cell) ?? null) : null,
    points,
  };
}
