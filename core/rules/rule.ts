import { periodTarget, type PeriodTargets } from '../framework/periods';
import type { AggregationRule, Framework } from '../framework/schema';
import type { InputCell } from '../inputs';
import type { Located } from '../layout/locate';
import type { Fix, Params, Severity } from '../report';

export interface RuleMeta {
  /** One line, French and English, for the catalogue. */
  description: { fr: string; en: string };
  severity: Exclude<Severity, 'info'>;
  messageIds: readonly string[];
  /** A Commentaire on the row turns the warning into acknowledged information. */
  acknowledgeable?: boolean;
  /** The rule suggests the corrected value. */
  fixable?: boolean;
}

export interface Where {
  sheet: string | null;
  row?: number | null;
  column?: number | null;
}

export interface Finding {
  messageId: string;
  params?: Params;
  where: Where;
  fix?: Fix;
  /** For acknowledgeable rules: the row's Commentaire, if any. */
  comment?: string;
}

export interface ValidateOptions {
  /** Check the period against this label (the merge's --period). */
  expectedPeriod?: string;
  /** Check the commune against this code (the merge knows it from the folder or _meta). */
  expectedCommune?: string;
}

export interface RuleContext {
  framework: Framework;
  view: Located;
  inputs: readonly InputCell[];
  commune: Framework['communes'][number] | null;
  /** The period the workbook names, when the framework knows it. */
  period: Framework['periods'][number] | null;
  options: ValidateOptions;
  report(finding: Finding): void;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Where an input cell is, for a finding. */
export const at = (input: Pick<InputCell, 'sheet' | 'row' | 'column'>): Where => ({
  sheet: input.sheet,
  row: input.row,
  column: input.column,
});

/**
 * The commune's target for the workbook's period: the period's own, never the whole project's.
 * Undefined when the commune or period is unknown or the period has no target (« cible non définie »).
 */
export function periodTargetOf(
  ctx: Pick<RuleContext, 'framework' | 'commune' | 'period'>,
  targets: PeriodTargets,
  rule: AggregationRule,
): number | undefined {
  if (!ctx.commune || !ctx.period) return undefined;
  return periodTarget(ctx.framework.periods, targets, ctx.commune.code, rule, ctx.period.label) ?? undefined;
}
