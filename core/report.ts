/** Validation report, in the spirit of Frictionless: ids and parameters, text rendered at the edge. */

export type Severity = 'error' | 'warning' | 'info';
export type Params = Record<string, string | number>;

export interface Fix {
  /** Sheet and A1 address of the cell to change, and the value to write there. */
  sheet: string;
  address: string;
  value: number | string;
}

export interface Issue {
  ruleId: string;
  severity: Severity;
  sheet: string | null;
  /** 1-based; null for an issue about a whole sheet or workbook. */
  row: number | null;
  column: number | null;
  /** A1 address within the sheet (`F5`), null when there is no cell. */
  address: string | null;
  messageId: string;
  params: Params;
  fix?: Fix;
  /** A warning the coordinator explained in « Commentaire »: kept, shown as information. */
  acknowledged?: boolean;
}

export interface ReportStats {
  errors: number;
  warnings: number;
  /** Warnings explained by a Commentaire. */
  acknowledged: number;
  /** Required input cells of the template, and how many hold a value. */
  inputs: number;
  filled: number;
}

export interface Report {
  valid: boolean;
  stats: ReportStats;
  issues: Issue[];
  /** The commune and period the workbook claims, when they could be read. */
  commune: string | null;
  period: string | null;
}
