import { isPeople } from '../framework/schema';
import { rowInputs } from '../inputs';
import { numberOf } from '../values';
import { at, defineRule } from './rule';

/** Femmes + Hommes equal Réalisé (indicators) or Total (beneficiaries); formula totals are recomputed. */
export const sexSumMismatch = defineRule({
  id: 'sex-sum-mismatch',
  meta: {
    description: {
      fr: 'Femmes + Hommes = Réalisé (indicateurs) ou Total (bénéficiaires).',
      en: 'Femmes + Hommes = Réalisé (indicators) or Total (beneficiaries).',
    },
    severity: 'error',
    messageIds: ['achieved', 'total'],
  },
  check({ inputs, framework, report }) {
    const check = (
      table: 'indicators' | 'beneficiaries',
      totalField: 'achieved' | 'total',
      messageId: 'achieved' | 'total',
      people: Set<string>,
    ) => {
      for (const [code, row] of rowInputs(inputs, table)) {
        if (!people.has(code)) continue;
        const { women, men } = row;
        const total = row[totalField];
        // A formula Total is the template's own Femmes + Hommes: recomputed, so never in disagreement.
        if (!women || !men || !total || total.cell.kind === 'formula') continue;
        const [w, m, t] = [
          numberOf(women.cell, women.units),
          numberOf(men.cell, men.units),
          numberOf(total.cell, total.units),
        ];
        if (w === undefined || m === undefined || t === undefined) continue;
        if (w + m !== t)
          report({ messageId, where: at(total), params: { code, women: w, men: m, sum: w + m, total: t } });
      }
    };
    check('indicators', 'achieved', 'achieved', new Set(framework.indicators.filter(isPeople).map((i) => i.code)));
    check('beneficiaries', 'total', 'total', new Set(framework.beneficiaries.filter(isPeople).map((b) => b.code)));
  },
});
