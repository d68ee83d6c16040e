import { periodTarget, type PeriodTargets } from '../framework/periods';
import type { AggregationRule, Framework } from '../framework/schema';
import type { InputCell } from '../inputs';
import type { Located } from '../layout/locate';
import type { Fix, Params, Severity } from '../report';

export interface RuleMeta<MessageIds extends string = string> {
  /** One line, French and English, for the catalogue. */
  description: { fr: string; en: string };
  severity: Exclude<Severity, 'info'>;
  /** Every message the rule can report; core/messages/fr.ts and en.ts must hold exactly these (the compiler checks). */
  messageIds: readonly MessageIds[];
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

export interface Finding<MessageIds extends string = string> {
  messageId: MessageIds;
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

export interface RuleContext<MessageIds extends string = string> {
  framework: Framework;
  view: Located;
  inputs: readonly InputCell[];
  commune: Framework['communes'][number] | null;
  /** The period the workbook names, when the framework knows it. */
  period: Framework['periods'][number] | null;
  options: ValidateOptions;
  report: (finding: Finding<MessageIds>) => void;
}

/** A rule; `Rule` alone is any rule (what validate runs), `Rule<Id, MessageIds>` one rule as defineRule types it. */
export interface Rule<Id extends string = string, MessageIds extends string = string> {
  id: Id;
  meta: RuleMeta<MessageIds>;
  check(ctx: RuleContext<MessageIds>): void;
}

/**
 * Defines a rule, its id and message ids kept as literal types (as typescript-eslint's RuleCreator):
 * `report({ messageId })` accepts only an id of `meta.messageIds`, and the registry derives from them
 * the exact shape the fr/en catalogues must have. Returns the rule unchanged.
 */
export function defineRule<const Id extends string, const MessageIds extends string>(
  rule: Rule<Id, MessageIds>,
): Rule<Id, MessageIds> {
  return rule;
}

/** The message ids of a rule defined by defineRule. */
export type MessageIdsOf<R> = R extends { meta: RuleMeta<infer MessageIds> } ? MessageIds : never;

/** What a catalogue holds for the rules `R` (a union): one entry per rule id, one text per message id, nothing else. */
export type MessagesOf<R extends Rule> = {
  readonly [One in R as One['id']]: { readonly [M in MessageIdsOf<One>]: string };
};

/** True when every rule of `R` has literal ids; a rule typed plain `Rule` (ids `string`) would void the catalogue check. */
export type LiteralIds<R extends Rule> = string extends R['id'] | MessageIdsOf<R> ? false : true;

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
