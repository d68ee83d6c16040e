import type ExcelJS from 'exceljs';
import type { CellSource, ChartSpec } from '../charts';
import { declareStreamedTable, type DeclaredTable } from '../table-part';
import type { BudgetMap } from './budget';
import { writeBeneficiaries } from './beneficiaries';
import { writeBudget } from './budget';
import type { WriteContext } from './context';
import { writeControls } from './controls';
import { writeDashboard } from './dashboard';
import { writeData } from './data';
import { DETAIL_HEADER_ROW, type DetailMap } from './detail-sheet';
import { writeEvolution } from './evolution';
import { OUTPUT_SHEETS } from './labels';
import { writeLongTexts, type LongTexts } from './long-texts';
import { writePlannedVsAchieved } from './planned-vs-achieved';
import { writeSources } from './sources';
import { drain } from './style';
import { writeSynthesis, type SynthesisMap } from './synthesis';

export type SheetKey = keyof typeof OUTPUT_SHEETS;

/** What the sheets written so far leave for the ones after them and for the package edits. */
export interface Written {
  plannedVsAchieved?: DetailMap;
  budget?: BudgetMap;
  beneficiaries?: DetailMap;
  table?: DeclaredTable;
  dataRows?: number;
  synthesis?: SynthesisMap;
  charts: ChartSpec[];
  /** The values the native charts cache, kept from the sheets still in memory when they were written. */
  cells: CellSource[];
}

/** What a sheet writer gets besides its sheet. */
export interface SheetRun {
  ctx: WriteContext;
  written: Written;
  longTexts: LongTexts;
  /** Keeps what a sheet shows up to `lastRow`, before its rows stream out. */
  snapshot: (ws: ExcelJS.Worksheet, lastRow: number) => CellSource;
}

/** One sheet of the consolidated workbook: how it is laid out and printed, and what writes it. */
export interface OutputSheetSpec {
  key: SheetKey;
  name: string;
  /** Rows and columns frozen at the top left. A streamed sheet writes its views when it is created. */
  frozen: readonly [rows: number, columns: number];
  /** Rows repeated at the top of every printed page (`'1:1'`), if any; every sheet is A4 landscape, fit to width. */
  printTitles?: string;
  /** Streamed sheets are written asynchronously (rows committed as they go); the others at once. */
  write: (ws: ExcelJS.Worksheet, run: SheetRun) => Promise<void> | void;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal: ${what} is written before the sheet that needs it`);
  return value;
}

const detailTitles = `${DETAIL_HEADER_ROW}:${DETAIL_HEADER_ROW}`;

/** The consolidated workbook's sheets, in the contract's order (OUTPUT_SHEETS). */
export const OUTPUT_SHEET_SPECS: readonly OutputSheetSpec[] = [
  {
    key: 'synthesis',
    name: OUTPUT_SHEETS.synthesis,
    frozen: [0, 0],
    // Refers to the detail sheets: written after them. Its charts read its own summary.
    write: (ws, { ctx, written, snapshot }) => {
      const refs = {
        plannedVsAchieved: required(written.plannedVsAchieved, OUTPUT_SHEETS.plannedVsAchieved),
        budget: required(written.budget, OUTPUT_SHEETS.budget),
        beneficiaries: required(written.beneficiaries, OUTPUT_SHEETS.beneficiaries),
      };
      const synthesis = (written.synthesis = writeSynthesis(ws, ctx, refs));
      const { charts, lastRow } = writeDashboard(ws, ctx, { ...refs, synthesis });
      written.charts.unshift(...charts);
      written.cells.unshift(snapshot(ws, lastRow));
    },
  },
  {
    key: 'plannedVsAchieved',
    name: OUTPUT_SHEETS.plannedVsAchieved,
    frozen: [DETAIL_HEADER_ROW, 4],
    printTitles: detailTitles,
    write: async (ws, { ctx, written }) => void (written.plannedVsAchieved = await writePlannedVsAchieved(ws, ctx)),
  },
  {
    key: 'evolution',
    name: OUTPUT_SHEETS.evolution,
    frozen: [0, 0],
    // Its charts read its summary, kept before the detail tables stream out under it.
    write: async (ws, { ctx, written, snapshot }) => {
      const evolution = writeEvolution(ws, ctx);
      written.cells.push(snapshot(ws, evolution.lastRow));
      written.charts.push(...evolution.charts);
      await evolution.details();
    },
  },
  {
    key: 'budget',
    name: OUTPUT_SHEETS.budget,
    frozen: [DETAIL_HEADER_ROW, 2],
    printTitles: detailTitles,
    write: async (ws, { ctx, written }) => void (written.budget = await writeBudget(ws, ctx)),
  },
  {
    key: 'beneficiaries',
    name: OUTPUT_SHEETS.beneficiaries,
    frozen: [DETAIL_HEADER_ROW, 2],
    printTitles: detailTitles,
    write: async (ws, { ctx, written }) => void (written.beneficiaries = await writeBeneficiaries(ws, ctx)),
  },
  {
    key: 'data',
    name: OUTPUT_SHEETS.data,
    frozen: [1, 0],
    printTitles: '1:1',
    // exceljs writes no table when streaming: the table part is added to the package afterwards.
    write: async (ws, { ctx, written }) => {
      written.table = declareStreamedTable(ws);
      written.dataRows = await writeData(ws, ctx);
    },
  },
  {
    key: 'controls',
    name: OUTPUT_SHEETS.controls,
    frozen: [1, 0],
    printTitles: '1:1',
    write: (ws, { ctx }) => writeControls(ws, ctx),
  },
  {
    key: 'sources',
    name: OUTPUT_SHEETS.sources,
    frozen: [1, 0],
    printTitles: '1:1',
    write: (ws, { ctx }) => writeSources(ws, ctx),
  },
  {
    key: 'longTexts',
    name: OUTPUT_SHEETS.longTexts,
    frozen: [1, 0],
    printTitles: '1:1',
    // Gathers the texts cut in every other sheet: written last.
    write: (ws, { ctx, longTexts }) => writeLongTexts(ws, ctx, longTexts, drain),
  },
];

/**
 * The order the sheets are streamed in. A streamed sheet enters the package when it is created and
 * leaves memory as it is written, so a sheet comes after those it refers to: Synthèse after the
 * detail sheets, Textes longs after all. The package's sheets are put back in the contract's order afterwards.
 */
export const STREAM_ORDER: readonly SheetKey[] = [
  'plannedVsAchieved',
  'budget',
  'beneficiaries',
  'data',
  'controls',
  'sources',
  'evolution',
  'synthesis',
  'longTexts',
];

export function specOf(key: SheetKey): OutputSheetSpec {
  const spec = OUTPUT_SHEET_SPECS.find((s) => s.key === key);
  if (!spec) throw new Error(`internal: no spec for the sheet ${key}`);
  return spec;
}
