import { SHEET_NAMES } from '../../../core/layout/contract';
import { severityLabel, type Lang } from '../../../core/messages';
import { feedbackText } from '../../../core/messages/feedback';
import { issueText } from '../../../core/messages/merge';
import type { Issue } from '../../../core/report';
import { RULES } from '../../../core/rules/registry';
import { normalise } from '../../../core/text';

/**
 * What a file gets back, in one word: the verdict sentence and the short message say it. `superseded`:
 * refused or set aside, while another file of the same commune and period was accepted: nothing to send again.
 */
export type Verdict = 'accepted' | 'remarks' | 'refused' | 'unusable' | 'superseded';

/** One line of « À corriger »: where, what was found (the core's message), what to do. */
export interface FeedbackRow {
  severity: Issue['severity'];
  /** « Erreur », « Avertissement », or « Noté » for a warning the coordinator explained. */
  label: string;
  sheet: string | null;
  address: string | null;
  message: string;
  todo: string;
  noted: boolean;
}

/** The template's sheets in their order: a coordinator fixes Identification first, then the tables. */
const TEMPLATE_ORDER = Object.values(SHEET_NAMES).map(normalise);

function sheetRank(sheet: string | null): number {
  if (sheet === null) return -1;
  const i = TEMPLATE_ORDER.indexOf(normalise(sheet));
  return i === -1 ? TEMPLATE_ORDER.length : i;
}

const SEVERITY_RANK: Record<Issue['severity'], number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then what is noted; each by the template's sheet order, then row, then column. */
export function fixingOrder(issues: readonly Issue[]): Issue[] {
  const group = (i: Issue) => (i.acknowledged ? 2 : SEVERITY_RANK[i.severity]);
  return [...issues].sort(
    (a, b) =>
      group(a) - group(b) ||
      sheetRank(a.sheet) - sheetRank(b.sheet) ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

const ACKNOWLEDGEABLE = new Set(RULES.filter((r) => r.meta.acknowledgeable).map((r) => r.id));

function todo(issue: Issue, lang: Lang): string {
  if (issue.acknowledged)
    return typeof issue.params.comment === 'string' && issue.params.comment !== ''
      ? feedbackText('todo', 'notedComment', { comment: issue.params.comment }, lang)
      : feedbackText('todo', 'noted', {}, lang);
  if (issue.fix) return feedbackText('todo', 'fix', { value: issue.fix.value, cell: issue.fix.address }, lang);
  if (issue.severity === 'error') return feedbackText('todo', issue.address ? 'error' : 'errorNoCell', {}, lang);
  return feedbackText('todo', ACKNOWLEDGEABLE.has(issue.ruleId) ? 'warningComment' : 'warning', {}, lang);
}

/**
 * The rows of « À corriger », in fixing order; messages rendered exactly as the validator's report renders
 * them. A superseded file's rows are for information: nothing to fix in it.
 */
export function feedbackRows(issues: readonly Issue[], lang: Lang, superseded = false): FeedbackRow[] {
  return fixingOrder(issues).map((issue) => ({
    severity: issue.severity,
    label: issue.acknowledged ? feedbackText('sheetText', 'noted', {}, lang) : severityLabel(issue.severity, lang),
    sheet: issue.sheet,
    address: issue.address,
    message: issueText(issue, lang),
    todo: superseded ? feedbackText('todo', 'superseded', {}, lang) : todo(issue, lang),
    noted: Boolean(issue.acknowledged),
  }));
}

export function verdictOf(issues: readonly Issue[], unusable: boolean, superseded = false): Verdict {
  if (superseded) return 'superseded';
  if (unusable) return 'unusable';
  if (issues.some((i) => i.severity === 'error')) return 'refused';
  if (issues.some((i) => i.severity === 'warning' && !i.acknowledged)) return 'remarks';
  return 'accepted';
}

/** Counts of what is to fix (errors, warnings) and what is noted. */
export function countsOf(issues: readonly Issue[]): { errors: number; warnings: number; noted: number } {
  return {
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning' && !i.acknowledged).length,
    noted: issues.filter((i) => i.acknowledged).length,
  };
}

/** A file name Windows, macOS and Linux all accept: accents kept, separators and reserved characters replaced. */
export function safeFileName(name: string): string {
  return (
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')
      .replace(/\s+/g, ' ')
      .replace(/[. ]+$/, '')
      .slice(0, 150)
  );
}
