import type ExcelJS from 'exceljs';
import { isPeople, type BeneficiaryCategory } from '../../../core/framework/schema';
import type { WriteContext } from './context';
import { rateFigure, writeDetailSheet, type DetailMap } from './detail-sheet';

/** `Bénéficiaires`: category (age bands in framework order) × sex × commune, totals and shares. */
export async function writeBeneficiaries(ws: ExcelJS.Worksheet, ctx: WriteContext): Promise<DetailMap> {
  const { labels: L, model } = ctx;
  return await writeDetailSheet<BeneficiaryCategory>(
    ws,
    ctx,
    {
      title: L.beneficiariesTitle,
      itemHeaders: [
        { header: L.code, width: 11 },
        { header: L.category, width: 40 },
      ],
      itemCells: (b) => [b.code, b.label],
      basis: 'total',
      communeRule: (b) => b.aggregation.communes,
      figures: [
        { key: 'planned', header: L.planned, width: 10, kind: 'planned', pick: (f) => f.planned },
        { key: 'women', header: L.women, width: 10, kind: 'input', pick: (f) => f.women, applies: isPeople },
        { key: 'men', header: L.men, width: 10, kind: 'input', pick: (f) => f.men, applies: isPeople },
        { key: 'total', header: L.total, width: 10, kind: 'input', pick: (f) => f.achieved },
        {
          key: 'womenShare',
          header: L.womenShare,
          width: 11,
          kind: 'derived',
          format: 'rate',
          formula: (c, r) => `IF(AND(ISNUMBER(${c.women}${r}),N(${c.total}${r})>0),${c.women}${r}/${c.total}${r},"")`,
          compute: (f) => (f.women !== null && f.achieved ? f.women / f.achieved : null),
        },
        {
          key: 'communeShare',
          header: L.communeShare,
          width: 11,
          kind: 'derived',
          format: 'rate',
          formula: (c, r, block) =>
            `IF(AND(ISNUMBER(${c.total}${r}),N(${c.total}${block.total})>0),${c.total}${r}/${c.total}${block.total},"")`,
          compute: (f, total) => (f.achieved !== null && total.achieved ? f.achieved / total.achieved : null),
        },
        rateFigure(L.coverage, 11, 'total', 'coverage'),
      ],
    },
    model.beneficiaries,
  );
}
