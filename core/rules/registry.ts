/** Every rule, sorted by id. A new check is one file here (named after its id) plus its messages and its test. */
import { communeMismatch } from './commune-mismatch';
import { dateOutsidePeriod } from './date-outside-period';
import { duplicateCode } from './duplicate-code';
import { excelError } from './excel-error';
import { invalidDate } from './invalid-date';
import { lateEntry } from './late-entry';
import { missingHeader } from './missing-header';
import { missingRow } from './missing-row';
import { missingSheet } from './missing-sheet';
import { nonNegativeInteger } from './non-negative-integer';
import { notANumber } from './not-a-number';
import { numberAsText } from './number-as-text';
import { overAchievement } from './over-achievement';
import { overspending } from './overspending';
import { plannedMismatch } from './planned-mismatch';
import { requiredValue } from './required-value';
import { sexSumMismatch } from './sex-sum-mismatch';
import { templateMismatch } from './template-mismatch';
import { underAchievementWithoutComment } from './under-achievement-without-comment';
import { unexpectedFormula } from './unexpected-formula';
import { unexpectedValue } from './unexpected-value';
import { unknownCode } from './unknown-code';
import { unknownCommune } from './unknown-commune';
import { unknownPeriod } from './unknown-period';
import type { LiteralIds, MessagesOf, Rule } from './rule';

/** The rules as defined, each with its literal id and message ids: the catalogues are typed from this list. */
const DEFINED = [
  communeMismatch,
  dateOutsidePeriod,
  duplicateCode,
  excelError,
  invalidDate,
  lateEntry,
  missingHeader,
  missingRow,
  missingSheet,
  nonNegativeInteger,
  notANumber,
  numberAsText,
  overAchievement,
  overspending,
  plannedMismatch,
  requiredValue,
  sexSumMismatch,
  templateMismatch,
  underAchievementWithoutComment,
  unexpectedFormula,
  unexpectedValue,
  unknownCode,
  unknownCommune,
  unknownPeriod,
] as const;

type Defined = (typeof DEFINED)[number];
export type RuleId = Defined['id'];

/**
 * The messages a catalogue must hold, exactly: one entry per rule, one text per message id. core/messages/fr.ts
 * satisfies it, so a rule whose messages are missing, or a message no rule declares, does not compile.
 */
export type RuleMessages = MessagesOf<Defined>;

/** Compiles only while every rule comes from defineRule: a rule typed plain `Rule` (ids `string`) would void that check. */
type Assert<T extends true> = T;
export type EveryRuleIsTyped = Assert<LiteralIds<Defined>>;

export const RULES: readonly Rule[] = [...DEFINED].sort((a, b) => a.id.localeCompare(b.id));

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
