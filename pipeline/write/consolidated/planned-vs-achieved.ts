import type ExcelJS from 'exceljs';
import { isPeople, type Indicator } from '../../../core/framework/schema';
import type { WriteContext } from './context';
import { rateFigure, writeDetailSheet, type DetailMap } from './detail-sheet';

/** `Prévu vs Réalisé`: indicator × commune, planned, achieved, rate, Femmes / Hommes, comments. */
export async function writePlannedVsAchieved(ws: ExcelJS.Worksheet, ctx: WriteContext): Promise<DetailMap> {
  const { labels: L, model } = ctx;
  return await writeDetailSheet<Indicator>(
    ws,
    ctx,
    {
      title: L.pvaTitle,
      itemHeaders: [
        { header: L.code, width: 9 },
        { header: L.result, width: 8 },
        { header: L.indicator, width: 40 },
        { header: L.unit, width: 14 },
      ],
      itemCells: (i) => [i.code, i.result, i.label, i.unit],
      commentsHeader: L.comments,
      basis: 'achieved',
      communeRule: (i) => i.aggregation.communes,
      figures: [
        { key: 'planned', header: L.planned, width: 10, kind: 'planned', pick: (f) => f.planned },
        { key: 'achieved', header: L.achieved, width: 10, kind: 'input', pick: (f) => f.achieved },
        rateFigure(L.rate, 10, 'achieved'),
        { key: 'women', header: L.women, width: 10, kind: 'input', pick: (f) => f.women, applies: isPeople },
        { key: 'men', header: L.men, width: 10, kind: 'input', pick: (f) => f.men, applies: isPeople },
      ],
    },
    model.indicators,
  );
}
