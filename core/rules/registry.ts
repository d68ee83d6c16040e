/** Every rule, sorted by id. A new check is one file here plus its messages and its test. */
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
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
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
].sort((a, b) => a.id.localeCompare(b.id));

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
