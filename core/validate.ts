import type { Framework } from './framework/schema';
import { allInputs } from './inputs';
import { communeOf, locate, periodOf } from './layout/locate';
import type { Issue, Report } from './report';
import { RULES } from './rules/registry';
import type { Finding, Rule, ValidateOptions } from './rules/rule';
import { a1, cellText, type Tables } from './tables';

export type { ValidateOptions } from './rules/rule';

/** The message of an explained warning: `over` → `overJustified`, quoting the comment, when the rule has one. */
export const JUSTIFIED_SUFFIX = 'Justified';

function toIssue(rule: Rule, finding: Finding): Issue {
  const { sheet, row = null, column = null } = finding.where;
  const comment = finding.comment?.trim() ?? '';
  const acknowledged = Boolean(rule.meta.acknowledgeable && comment !== '');
  const justified = `${finding.messageId}${JUSTIFIED_SUFFIX}`;
  const ownText = acknowledged && rule.meta.messageIds.includes(justified);
  const issue: Issue = {
    ruleId: rule.id,
    severity: acknowledged ? 'info' : rule.meta.severity,
    sheet,
    row,
    column,
    address: row !== null && column !== null ? a1(row, column) : null,
    messageId: ownText ? justified : finding.messageId,
    params: ownText ? { ...finding.params, comment } : (finding.params ?? {}),
  };
  if (finding.fix) issue.fix = finding.fix;
  if (acknowledged) issue.acknowledged = true;
  return issue;
}

/**
 * Rules about the value itself (its type, its form, its presence). A cell they flag holds a value that
 * has to change: what other rules conclude from that value (Femmes + Hommes ≠ 12,5) is not a second mistake.
 */
const VALUE_RULES = new Set([
  'excel-error',
  'invalid-date',
  'non-negative-integer',
  'not-a-number',
  'required-value',
  'unexpected-formula',
]);
/** Rules that compare the values of a row (Femmes + Hommes = Réalisé): moot while one of them is wrong. */
const ROW_RULES = new Set(['sex-sum-mismatch']);

/**
 * One mistake, one message: a cell in error gets only its errors, and a cell whose value itself is
 * wrong gets only that. The warnings a wrong value sets off (« 12,5 » typed as text: read as 12,5, then
 * too few or too many, Femmes + Hommes different) would advise on a value that has to change anyway, or
 * suggest a fix that is itself refused.
 */
function withoutPileUps(issues: readonly Issue[]): Issue[] {
  const cellKey = (i: Issue) => `${i.sheet}!${i.address}`;
  const inError = new Set(issues.filter((i) => i.severity === 'error' && i.address !== null).map(cellKey));
  const valueErrors = issues.filter((i) => VALUE_RULES.has(i.ruleId) && i.severity === 'error' && i.address !== null);
  const wrongValue = new Set(valueErrors.map(cellKey));
  const wrongRow = new Set(valueErrors.map((i) => `${i.sheet}!${i.row}`));
  // A sheet left empty while a copy holds its figures: one message naming the copy, not one per blank cell.
  const emptied = new Set(
    issues.filter((i) => i.ruleId === 'missing-sheet' && i.messageId === 'emptyOriginal').map((i) => i.sheet),
  );
  return issues.filter(
    (i) =>
      !(emptied.has(i.sheet) && i.address !== null) &&
      !(ROW_RULES.has(i.ruleId) && wrongRow.has(`${i.sheet}!${i.row}`)) &&
      (i.address === null ||
        (i.severity === 'error' ? VALUE_RULES.has(i.ruleId) || !wrongValue.has(cellKey(i)) : !inError.has(cellKey(i)))),
  );
}

/**
 * Runs every rule over the plain tables of one workbook. Pure: no I/O, the same in the add-in
 * and in the pipeline.
 */
export function validate(
  tables: Tables,
  framework: Framework,
  options: ValidateOptions = {},
  rules: readonly Rule[] = RULES,
): Report {
  const view = locate(tables);
  const inputs = allInputs(view, framework);
  const commune = communeOf(view, framework);
  const period = periodOf(view, framework);
  const found: Issue[] = [];
  for (const rule of rules) {
    rule.check({
      framework,
      view,
      inputs,
      commune,
      period,
      options,
      report: (finding) => found.push(toIssue(rule, finding)),
    });
  }
  const issues = withoutPileUps(found);
  const sheetOrder = new Map(tables.sheets.map((s, i) => [s.name, i]));
  issues.sort(
    (a, b) =>
      (sheetOrder.get(a.sheet ?? '') ?? -1) - (sheetOrder.get(b.sheet ?? '') ?? -1) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  // Completeness counts the cells a coordinator must fill (comments and phone are optional).
  const counted = inputs.filter((i) => i.required && !i.prefilled);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const periodCell = view.identification.fields.period?.cell;
  return {
    valid: errors === 0,
    stats: {
      errors,
      warnings: issues.filter((i) => i.severity === 'warning').length,
      acknowledged: issues.filter((i) => i.acknowledged).length,
      inputs: counted.length,
      filled: counted.filter((i) => i.cell.kind !== 'empty' && cellText(i.cell) !== '').length,
    },
    issues,
    commune: commune?.code ?? null,
    period: periodCell ? cellText(periodCell) || null : null,
  };
}
