/** What `merge` says: the console's account of every file and problem, and the `--json` summary. */
import { communeNames, selectionLabel } from '../../core/consolidate/model';
import { cappedMean, rateOf, weakest } from '../../core/consolidate/rates';
import type { Framework } from '../../core/framework/schema';
import { formatDate, severityLabel, type Lang } from '../../core/messages';
import {
  issueText,
  problemText,
  reasonText,
  statusText,
  summaryText,
  toDateMissingText,
} from '../../core/messages/merge';
import type { MergeResult } from '../merge/merge';
import { ISSUES_PER_FILE } from '../write/consolidated/controls';
import { dhis2Lines, type Dhis2Report } from './dhis2';
import type { ExtrasDone } from './merge-extras';
import { printableLines } from './printable';

/** Beyond this many files the console lists errors only; every warning stays in the Contrôles sheet. */
const WARNINGS_SHOWN_UP_TO = 20;
const MISSING_NAMES_SHOWN = 30;

export function printHuman(result: MergeResult, framework: Framework, lang: Lang, dhis2: Dhis2Report | null): void {
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);
  const byFile = new Map<string, MergeResult['issues']>();
  for (const issue of result.issues) {
    const list = byFile.get(issue.file);
    if (list) list.push(issue);
    else byFile.set(issue.file, [issue]);
  }
  const showWarnings = result.sources.length <= WARNINGS_SHOWN_UP_TO;
  for (const source of result.sources) {
    const mark = source.status === 'accepted' ? '✓' : source.status === 'rejected' ? '✗' : '–';
    const about = [communeNames(source.commune, framework), source.period ?? ''].filter(Boolean).join(', ');
    const reason =
      source.reason && (source.status !== 'accepted' || source.reason.id === 'toDateOnly')
        ? `${summaryText('reasonSeparator', {}, lang)}${reasonText(source.reason.id, source.reason.params, lang)}`
        : '';
    out(`${mark} ${statusText(source.status, lang).padEnd(8)} ${source.file}${about ? ` (${about})` : ''}${reason}`);
    // An unusable file's one problem is already its reason, on the line above.
    const shown = (byFile.get(source.file) ?? []).filter(
      (i) => i.ruleId !== 'unusable-file' && (i.severity === 'error' || (showWarnings && i.severity === 'warning')),
    );
    for (const issue of shown.slice(0, ISSUES_PER_FILE)) {
      const where = issue.sheet ? `${issue.sheet}${issue.address ? `!${issue.address}` : ''}` : '';
      out(`    ${severityLabel(issue.severity, lang).padEnd(14)} ${where.padEnd(18)} ${issueText(issue, lang)}`);
    }
    // A million-line CSV in the wrong shape is not a million console lines: as in Contrôles, the rest is counted.
    if (shown.length > ISSUES_PER_FILE)
      out(`    ${summaryText('moreIssues', { count: shown.length - ISSUES_PER_FILE }, lang)}`);
  }
  const count = (status: string) => result.sources.filter((s) => s.status === status).length;
  out('');
  out(
    summaryText(
      'files',
      {
        files: result.sources.length,
        accepted: count('accepted'),
        rejected: count('rejected'),
        skipped: count('skipped'),
        duplicate: count('duplicate'),
      },
      lang,
    ),
  );
  const toDateOnly = result.sources.filter((s) => s.status === 'accepted' && s.reason?.id === 'toDateOnly');
  const earlier = [...new Set(toDateOnly.flatMap((s) => s.period?.split(', ') ?? []))];
  const order = result.model?.toDatePeriods ?? [];
  earlier.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (toDateOnly.length > 0)
    out(summaryText('toDateOnly', { count: toDateOnly.length, periods: earlier.join(', ') }, lang));
  if (result.model) for (const line of completenessLines(result.model, lang)) out(line);
  if (result.csv) out(summaryText('csv', { csv: result.csv }, lang));
  if (result.output) out(summaryText('written', { output: result.output }, lang));
  if (dhis2) for (const line of dhis2Lines(dhis2, framework, lang)) out(line);
  process.stdout.write(`${printableLines(lines)}\n`);
}

/** « Non reçu : Bara : 2024-T4 non reçu ; … », « En retard : … », or that every commune sent every period. */
function completenessLines(model: NonNullable<MergeResult['model']>, lang: Lang): string[] {
  const names = new Map(model.framework.communes.map((c) => [c.code, c.name]));
  const list = (items: string[]) =>
    items.slice(0, MISSING_NAMES_SHOWN).join(summaryText('listSeparator', {}, lang)) +
    (items.length > MISSING_NAMES_SHOWN ? ` … (+${items.length - MISSING_NAMES_SHOWN})` : '');
  const missing = model.coverage
    .filter((c) => c.state !== 'received')
    .map((c) =>
      summaryText(
        c.state === 'rejected' ? 'rejectedItem' : 'missingItem',
        { commune: names.get(c.commune) ?? c.commune, period: c.period },
        lang,
      ),
    );
  const late = model.coverage
    .filter((c) => (c.timeliness?.daysLate ?? 0) > 0)
    .map((c) =>
      summaryText(
        'lateItem',
        {
          commune: names.get(c.commune) ?? c.commune,
          period: c.period,
          date: formatDate(c.entryDate!, lang),
          days: c.timeliness!.daysLate,
          deadline: formatDate(c.timeliness!.deadline, lang),
        },
        lang,
      ),
    );
  const lines = [
    missing.length > 0
      ? summaryText('notReceived', { list: list(missing) }, lang)
      : summaryText('allReceived', { periods: selectionLabel(model) }, lang),
  ];
  if (late.length > 0) lines.push(summaryText('late', { list: list(late) }, lang));
  const toDate = toDateMissingText(model.toDateMissing, model.framework, lang);
  if (toDate) lines.push(toDate);
  return lines;
}

export function printJson(result: MergeResult, lang: Lang, exports: ExtrasDone['json']): void {
  const summary = {
    ...exports,
    exitCode: result.exitCode,
    output: result.output,
    csv: result.csv,
    problem: result.problem
      ? { ...result.problem, message: problemText(result.problem.id, result.problem.params, lang) }
      : null,
    refusedByStrict: result.refusedByStrict,
    periods: result.model?.periods ?? [],
    selection: result.model?.selection ?? null,
    toDatePeriods: result.model?.toDatePeriods ?? [],
    toDateMissing: result.model?.toDateMissing ?? [],
    complete: result.model?.complete ?? false,
    communes:
      result.model?.communes.map((c) => ({
        code: c.commune.code,
        name: c.commune.name,
        received: c.received,
        complete: c.complete,
        periods: c.periods,
        missing: c.missing,
        sources: c.sources,
      })) ?? [],
    coverage:
      result.model?.coverage.map((c) => ({
        commune: c.commune,
        period: c.period,
        state: c.state,
        files: c.files,
        entryDate: c.entryDate,
        deadline: c.timeliness?.deadline ?? null,
        daysLate: c.timeliness?.daysLate ?? null,
      })) ?? [],
    sources: result.sources.map((s) => ({
      ...s,
      reasonText: s.reason ? reasonText(s.reason.id, s.reason.params, lang) : null,
    })),
    issues: result.issues.map((i) => ({ ...i, message: issueText(i, lang) })),
    // The rates' rule: planned and rate over the communes received; the others' planned figure apart.
    indicators:
      result.model?.indicators.map((l) => ({
        code: l.item.code,
        planned: l.total.planned,
        achieved: l.total.achieved,
        rate: rateOf(l.total.achieved, l.total.planned),
        plannedNotReceived: l.missingPlanned,
        target: l.target,
        women: l.total.women,
        men: l.total.men,
        // Cumulative to the end of the selection against the end-of-project target (same rule, communes reported to date).
        toDate: {
          achieved: l.toDate.total.achieved,
          target: l.toDate.total.target,
          rate: rateOf(l.toDate.total.achieved, l.toDate.total.target),
          endTarget: l.toDate.endTarget,
        },
        baseline: l.item.baseline ?? null,
        periods: l.evolution.total,
      })) ?? [],
    results:
      result.model?.framework.results.map((res) => {
        const rates = result
          .model!.indicators.filter((l) => l.item.result === res.code)
          .map((l) => rateOf(l.total.achieved, l.total.planned));
        const toDate = result
          .model!.indicators.filter((l) => l.item.result === res.code)
          .map((l) => rateOf(l.toDate.total.achieved, l.toDate.total.target));
        return {
          code: res.code,
          rate: cappedMean(rates),
          weakest: weakest(rates),
          toDate: { rate: cappedMean(toDate), weakest: weakest(toDate) },
        };
      }) ?? [],
    discrepancies: result.discrepancies,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}
