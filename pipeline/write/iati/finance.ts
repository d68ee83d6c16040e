import { communeNames } from '../../../core/consolidate/model';
import { periodTree } from '../../../core/framework/periods';
import { decimal, type IatiContext } from './context';
import { el, type XmlElement } from './xml';

/** The money: the planned budget by period (the framework's) and what was spent (the accepted reports'). */

const money = (ctx: IatiContext, amount: number, date: string) =>
  el('value', { currency: ctx.fw.project.currency, 'value-date': date }, [], decimal(amount));

/** A `budget` per reporting period with planned amounts (`budgetLines[].periodPlanned`), every commune's. */
export function budgets(ctx: IatiContext): XmlElement[] {
  const { fw } = ctx;
  return periodTree(fw.periods).reporting.flatMap((label) => {
    const lines = fw.budgetLines.filter((l) => l.periodPlanned[label] !== undefined);
    if (lines.length === 0) return [];
    const missing = fw.budgetLines.filter((l) => l.periodPlanned[label] === undefined).map((l) => l.code);
    if (missing.length > 0)
      ctx.leftOut.push({ id: 'budgetIncomplete', params: { period: label, codes: missing.join(', ') } });
    const amount = lines.reduce((a, l) => a + Object.values(l.periodPlanned[label]!).reduce((x, y) => x + y, 0), 0);
    const p = ctx.period(label);
    ctx.counts.budgets++;
    return [
      el('budget', { type: ctx.iati.budget.type, status: ctx.iati.budget.status }, [
        el('period-start', { 'iso-date': p.start }),
        el('period-end', { 'iso-date': p.end }),
        money(ctx, amount, p.start),
      ]),
    ];
  });
}

/** An expenditure `transaction` (type 4) per period of the selection where communes reported amounts spent. */
export function expenditures(ctx: IatiContext): XmlElement[] {
  const { fw, say } = ctx;
  // IATI refuses a transaction dated in the future: a period not over yet is dated today.
  const today = ctx.now.toISOString().slice(0, 10);
  const spentBy = (label: string, commune: string) =>
    fw.budgetLines.map((l) => ctx.achieved('budget', l.code, label, commune, 'total'));
  return ctx.model.periods.flatMap((label) => {
    const communes = ctx.received(label).filter((c) => spentBy(label, c).some((v) => v !== null));
    if (communes.length === 0) {
      ctx.leftOut.push({ id: 'noSpent', params: { period: label } });
      return [];
    }
    const spent = communes.reduce((a, c) => a + spentBy(label, c).reduce<number>((x, v) => x + (v ?? 0), 0), 0);
    const end = ctx.period(label).end;
    const date = end < today ? end : today;
    const missing = fw.communes.map((c) => c.code).filter((c) => !communes.includes(c));
    const reported = communeNames(communes.join(', '), fw);
    const text =
      missing.length > 0
        ? say('expenditurePartial', {
            period: label,
            communes: reported,
            missing: communeNames(missing.join(', '), fw),
          })
        : say('expenditure', { period: label, communes: reported });
    ctx.counts.transactions++;
    return [
      el('transaction', {}, [
        el('transaction-type', { code: '4' }),
        el('transaction-date', { 'iso-date': date }),
        money(ctx, spent, date),
        el('description', {}, [ctx.narrative(text)]),
      ]),
    ];
  });
}
