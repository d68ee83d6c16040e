import ExcelJS from 'exceljs';
import { writeBeneficiaries } from './beneficiaries';
import { writeBudget } from './budget';
import type { WriteContext } from './context';
import type { ChartSpec } from '../charts';
import { writeControls } from './controls';
import { writeDashboard } from './dashboard';
import { writeData } from './data';
import { OUTPUT_SHEETS } from './labels';
import { writePlannedVsAchieved } from './planned-vs-achieved';
import { writeSources } from './sources';
import { writeSynthesis, type SynthesisMap } from './synthesis';

export interface BuiltWorkbook {
  workbook: ExcelJS.Workbook;
  synthesis: SynthesisMap;
  /** The Synthèse charts, added to the written file by `addChartsToFile` (exceljs writes no charts). */
  charts: ChartSpec[];
}

/** The consolidated workbook, sheets in the contract's order; Synthèse is filled last as it references the others. */
export function buildConsolidatedWorkbook(ctx: WriteContext): BuiltWorkbook {
  const workbook = new ExcelJS.Workbook();
  const fw = ctx.model.framework;
  workbook.creator = 'ensemble-me-toolkit';
  workbook.lastModifiedBy = 'npm run merge';
  workbook.title = `${fw.project.shortTitle} – ${ctx.labels.synthesisTitle}`;
  workbook.subject = `${fw.id} ${fw.version} – ${ctx.model.periods.join(', ')}`;
  workbook.company = fw.project.implementer;
  workbook.keywords = 'suivi-évaluation; consolidation';
  workbook.created = new Date(ctx.generatedAt);
  workbook.modified = new Date(ctx.generatedAt);
  // Excel recomputes the live formulas on open; the cached values serve every other viewer.
  workbook.calcProperties = { fullCalcOnLoad: true };

  const sheets = Object.fromEntries(Object.entries(OUTPUT_SHEETS).map(([key, name]) => [key, workbook.addWorksheet(name)])) as Record<
    keyof typeof OUTPUT_SHEETS,
    ExcelJS.Worksheet
  >;
  const plannedVsAchieved = writePlannedVsAchieved(sheets.plannedVsAchieved, ctx);
  const budget = writeBudget(sheets.budget, ctx);
  const beneficiaries = writeBeneficiaries(sheets.beneficiaries, ctx);
  writeData(sheets.data, ctx);
  writeControls(sheets.controls, ctx);
  writeSources(sheets.sources, ctx);
  const synthesis = writeSynthesis(sheets.synthesis, ctx, { plannedVsAchieved, budget, beneficiaries });
  const charts = writeDashboard(sheets.synthesis, ctx, { plannedVsAchieved, budget, beneficiaries, synthesis });
  return { workbook, synthesis, charts };
}
