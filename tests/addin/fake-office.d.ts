/**
 * Types of fake-office.js as the Node tests use it (the file itself stays plain JavaScript: it is
 * also served as is to the browser in place of office.js).
 */
import type { WorkbookSnapshot } from './helpers/snapshot';

export interface FakeConfig {
  apiVersion?: string;
  displayLanguage?: string;
  host?: string | null;
}

export interface FakeCell {
  value: unknown;
  formula: string | null;
  numberFormat: string;
  type: string;
  fill: string | null;
  locked: boolean;
  font: Record<string, unknown>;
  borders: Record<string, Record<string, unknown>>;
}

/** What was written to a range's dataValidation, by property (rule, errorAlert, prompt…). */
export interface FakeValidation {
  rule?: Excel.DataValidationRule;
  [property: string]: unknown;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: string;
  protection: { protected: boolean; options: Record<string, boolean> };
  frozenRows: number;
  /** Column letter → width in points. */
  columnWidths: Record<string, number>;
  rowHeights: Record<number, number>;
  /** Address → validation. */
  validations: Record<string, FakeValidation>;
  pageLayout: Record<string, unknown>;
}

export interface FakeState {
  sheets: FakeSheet[];
  selected: { sheet: string; address: string } | null;
  active: string | null;
  syncCount: number;
  /** Number of commands of each sync. */
  batches: number[];
  log: string[];
  settings: Record<string, unknown>;
  savedSettings: Record<string, unknown>;
}

/** The test controls: the fake host, and what a person would do in Excel. */
export interface FakeOffice {
  state: FakeState;
  Office: {
    context: {
      displayLanguage: string;
      requirements: { isSetSupported(name: string, version?: string): boolean };
    };
  };
  Excel: { run<T>(callback: (context: Excel.RequestContext) => Promise<T>): Promise<T> };
  sheet(name: string): FakeSheet;
  cell(sheet: string, address: string): FakeCell | null;
  /** Fill colour of a cell (null: no fill). */
  fill(sheet: string, address: string): string | null;
  /** Types a value into a cell as a user would, then fires the sheet's onChanged handlers. */
  edit(sheet: string, address: string, value: unknown): void;
}

/** workbook: a snapshot (helpers/snapshot.ts), `protected` and `unlocked` included. */
export function createFakeOffice(workbook: WorkbookSnapshot, config?: FakeConfig): FakeOffice;
