import type { Disaggregation, Section } from '../extract';
import type { BeneficiaryCategory, BudgetLine, Commune, Framework, Indicator } from '../framework/schema';
import type { Issue } from '../report';
import type { Timeliness } from '../timeliness';

/** An accepted report: one commune, one period, its numbers, and the file it came from. */
export interface AcceptedReport {
  source: string;
  commune: string;
  period: string;
  filledBy: string;
  entryDate: string | null;
  points: import('../extract').DataPoint[];
}

/** Figures of one commune for one item; `achieved` is null when the commune sent nothing (non reçu). */
export interface CommuneFigures {
  planned: number;
  achieved: number | null;
  women: number | null;
  men: number | null;
  /** Coordinators' comments, prefixed with their period when several periods are merged. */
  comments: string[];
}

/**
 * One item over the communes. `total.planned` is the planned figure of the communes that reported (the
 * basis of every rate); the planned figure of the communes that sent nothing is `missingPlanned`, shown
 * apart, and `target` is the whole project's (the sum of both).
 */
export interface Line<T> {
  item: T;
  communes: Record<string, CommuneFigures>;
  total: CommuneFigures;
  target: number;
  missingPlanned: number;
}

export interface CommuneStatus {
  commune: Commune;
  /** At least one period in scope was received: the commune counts in the totals and rates. */
  received: boolean;
  /** Every period in scope was received. */
  complete: boolean;
  /** Periods received for this commune, and the files they came from. */
  periods: string[];
  /** Periods in scope with no accepted file (missing, or every file for it refused). */
  missing: string[];
  sources: string[];
}

/** What became of one commune for one period in scope. */
export type ReceptionState = 'received' | 'rejected' | 'missing';

export interface CommunePeriod {
  commune: string;
  period: string;
  state: ReceptionState;
  /** The accepted file (received), or the refused files (rejected). */
  files: string[];
  entryDate: string | null;
  /** Days after the deadline (period end + grace days); null when unknown (no file, or no date of entry). */
  timeliness: Timeliness | null;
}

/** One row of the tidy `Données` table. */
export interface DataRow {
  period: string;
  commune: string;
  cercle: string;
  section: Section;
  code: string;
  label: string;
  disaggregation: Disaggregation;
  planned: number | null;
  achieved: number | null;
  source: string;
}

export type SourceStatus = 'accepted' | 'rejected' | 'skipped' | 'duplicate';

export interface SourceRecord {
  file: string;
  /** Commune code(s) the file reports on; a CSV may hold several, joined by « , ». */
  commune: string | null;
  period: string | null;
  filledBy: string;
  entryDate: string | null;
  sha256: string | null;
  status: SourceStatus;
  /** Why it was rejected or skipped: a message id of the merge plus its parameters. */
  reason: { id: string; params: Record<string, string | number> } | null;
  errors: number;
  warnings: number;
}

/** An issue of an input file, with the file it belongs to. */
export interface FileIssue extends Issue {
  file: string;
}

export interface Consolidated {
  framework: Framework;
  /** Periods in scope (those of any file read, or the requested one), in framework order. */
  periods: string[];
  communes: CommuneStatus[];
  /** Every commune × period in scope, in framework order: received, refused or missing. */
  coverage: CommunePeriod[];
  /** Every commune sent every period in scope. */
  complete: boolean;
  indicators: Line<Indicator>[];
  budget: Line<BudgetLine>[];
  beneficiaries: Line<BeneficiaryCategory>[];
  data: DataRow[];
}

/** « GNZ, SAL » → « Gounzourèye, Soni Aliber » for people; unknown codes are shown as they are. */
const namesByFramework = new WeakMap<object, Map<string, string>>();

export function communeNames(codes: string | null, framework: { communes: readonly { code: string; name: string }[] }): string {
  if (!codes) return '';
  let names = namesByFramework.get(framework);
  if (!names) namesByFramework.set(framework, (names = new Map(framework.communes.map((c) => [c.code, c.name]))));
  return codes
    .split(', ')
    .map((code) => names.get(code) ?? code)
    .join(', ');
}
