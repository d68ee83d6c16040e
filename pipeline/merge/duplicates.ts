import type { AcceptedReport, FileIssue } from '../../core/consolidate/model';
import type { DataPoint } from '../../core/extract';
import type { Framework } from '../../core/framework/schema';
import type { InputOutcome } from './inputs';

const issue = (
  file: string,
  severity: FileIssue['severity'],
  messageId: string,
  params: FileIssue['params'],
): FileIssue => ({
  file,
  ruleId: 'duplicate-report',
  severity,
  sheet: null,
  row: null,
  column: null,
  address: null,
  messageId,
  params,
});

interface Claim {
  outcome: InputOutcome;
  report: AcceptedReport;
}

/** Reports with identical figures: one submission sent twice (a copy, a re-send, a CSV of the same figures). */
interface Version {
  claims: Claim[];
  /** The latest date of entry among its copies. */
  entryDate: string | null;
}

const pointKey = (p: DataPoint) => `${p.section}|${p.code}|${p.disaggregation}`;

/** Whether two reports hold the same numbers, point by point (comments and cell addresses aside). */
export function sameFigures(a: AcceptedReport, b: AcceptedReport): boolean {
  if (a.points.length !== b.points.length) return false;
  const other = new Map(b.points.map((p) => [pointKey(p), p]));
  if (other.size !== b.points.length) return false;
  return a.points.every((p) => {
    const q = other.get(pointKey(p));
    return q !== undefined && q.planned === p.planned && q.achieved === p.achieved;
  });
}

function versionsOf(group: readonly Claim[]): Version[] {
  // A workbook (with its date of entry and author) is kept before a CSV group of the same figures.
  const ordered = [...group].sort((a, b) => Number(b.report.entryDate !== null) - Number(a.report.entryDate !== null));
  const versions: Version[] = [];
  for (const claim of ordered) {
    const same = versions.find((v) => sameFigures(v.claims[0]!.report, claim.report));
    const date = claim.report.entryDate;
    if (!same) versions.push({ claims: [claim], entryDate: date });
    else {
      same.claims.push(claim);
      if (date && (!same.entryDate || date > same.entryDate)) same.entryDate = date;
    }
  }
  return versions;
}

/** Takes one report out of its file; an accepted file left with none is « écarté ». */
function setAside(claim: Claim, messageId: 'identical' | 'discarded', params: FileIssue['params'], kept: string): void {
  const { outcome, report } = claim;
  outcome.reports = outcome.reports.filter((r) => r !== report);
  outcome.issues.push(issue(outcome.record.file, 'info', messageId, { ...params, kept }));
  if (outcome.reports.length === 0 && outcome.record.status === 'accepted') {
    // A CSV of several communes names every file kept in its place.
    const all = [
      ...new Set(outcome.issues.filter((i) => i.ruleId === 'duplicate-report').map((i) => String(i.params.kept))),
    ].join(', ');
    outcome.record = {
      ...outcome.record,
      status: 'duplicate',
      reason: { id: messageId === 'identical' ? 'identicalCopy' : 'duplicateDiscarded', params: { kept: all } },
    };
  }
}

/**
 * Several accepted reports for the same commune and period. Identical figures are one submission
 * sent twice: it is counted once, the copies set aside (« écarté »). Different figures are an error
 * naming every file, and none is used. With `prefer` = `latest`, the figures with the later date of
 * entry are kept and the others set aside (a CSV holding several communes keeps its other communes);
 * a tie, or figures without a date of entry (CSV), stay an error.
 */
export function settleDuplicates(outcomes: InputOutcome[], framework: Framework, prefer?: 'latest'): void {
  const claims = new Map<string, Claim[]>();
  for (const outcome of outcomes)
    for (const report of outcome.reports) {
      const key = `${report.commune}|${report.period}`;
      const list = claims.get(key);
      if (list) list.push({ outcome, report });
      else claims.set(key, [{ outcome, report }]);
    }
  const names = new Map(framework.communes.map((c) => [c.code, c.name]));
  const settled = [...claims.values()]
    .filter((group) => group.length > 1)
    .map((group) => {
      const { commune, period } = group[0]!.report;
      const versions = versionsOf(group);
      let kept: Version | undefined = versions.length === 1 ? versions[0] : undefined;
      if (!kept && prefer === 'latest') {
        const [best, second] = [...versions].sort((a, b) => (b.entryDate ?? '').localeCompare(a.entryDate ?? '')) as [
          Version,
          Version,
        ];
        if (best.entryDate && best.entryDate !== second.entryDate) kept = best;
      }
      return { group, versions, kept, params: { commune: names.get(commune) ?? commune, period } };
    });
  // Conflicts first: a file refused for one commune (a CSV holds several) is not the copy kept for another.
  const rejected = new Set<InputOutcome>();
  for (const { group, kept, params } of settled) {
    if (kept) continue;
    const files = [...new Set(group.map((g) => g.outcome))];
    for (const outcome of files) {
      const others = files
        .filter((o) => o !== outcome)
        .map((o) => o.record.file)
        .join(', ');
      outcome.issues.push(issue(outcome.record.file, 'error', 'duplicate', { ...params, others }));
      if (!rejected.has(outcome)) {
        rejected.add(outcome);
        outcome.record = { ...outcome.record, status: 'rejected', reason: { id: 'duplicate', params: { others } } };
      }
      outcome.record = { ...outcome.record, errors: outcome.record.errors + 1 };
    }
  }
  for (const { versions, kept, params } of settled) {
    if (!kept) continue;
    const head = kept.claims.find((c) => !rejected.has(c.outcome)) ?? kept.claims[0]!;
    const keptFile = head.outcome.record.file;
    for (const copy of kept.claims) if (copy !== head) setAside(copy, 'identical', params, keptFile);
    for (const version of versions)
      if (version !== kept) for (const claim of version.claims) setAside(claim, 'discarded', params, keptFile);
  }
  for (const outcome of rejected) outcome.reports = [];
}
