import type ExcelJS from 'exceljs';
import { isPeople, type Indicator } from '../../../core/framework/schema';
import type { WriteContext } from './context';
import { rateFigure, toDateFigures, writeDetailSheet, type DetailMap } from './detail-sheet';

/**
 * `Prévu vs Réalisé`: indicator × commune, the selection's target (the periods' own), achieved, rate,
 * Femmes / Hommes, then the cumulative to date against the end-of-project target, and comments.
 */
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
        { header: L.indicator, width: 31 },
        { header: L.unit, width: 12 },
      ],
      itemCells: (i) => [i.code, i.result, i.label, i.unit],
      commentsHeader: L.comments,
      // Narrower than the other sheets': the cumulative columns share the printed width.
      commentsWidth: 30,
      placeWidths: [14, 10],
      basis: 'achieved',
      communeRule: (i) => i.aggregation.communes,
      figures: [
        { key: 'planned', header: L.planned, width: 9, kind: 'planned', pick: (f) => f.planned },
        { key: 'achieved', header: L.achieved, width: 9, kind: 'input', pick: (f) => f.achieved },
        rateFigure(L.rate, 9, 'achieved'),
        { key: 'women', header: L.women, width: 9, kind: 'input', pick: (f) => f.women, applies: isPeople },
        { key: 'men', header: L.men, width: 9, kind: 'input', pick: (f) => f.men, applies: isPeople },
        ...toDateFigures(L),
      ],
    },
    model.indicators,
  );
}
