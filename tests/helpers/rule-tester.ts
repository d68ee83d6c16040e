/**
 * ESLint-style rule tests: a table of `valid` workbooks (the rule reports nothing) and `invalid`
 * ones with exactly the issues the rule must report. Each case starts from the correctly filled
 * Gounzourèye 2023 workbook and breaks it in one place.
 */
import type { Framework } from '../../core/framework/schema';
import type { Issue, Params, Severity } from '../../core/report';
import { RULES } from '../../core/rules/registry';
import type { Rule, ValidateOptions } from '../../core/rules/rule';
import type { Tables } from '../../core/tables';
import { validate } from '../../core/validate';
import { buildTables, framework, frameworkCopy } from './build-tables';

export interface Case {
  name: string;
  /** Which filled workbook to start from (default GNZ, 2023). */
  commune?: string;
  period?: string;
  /** Start from the generic template (period chosen in the sheet, Prévu blank) instead of the period's own. */
  generic?: boolean;
  /** Breaks the workbook in place. */
  tables?: (tables: Tables) => unknown;
  /** Tweaks a copy of the real framework (its schema is not re-checked). */
  framework?: (framework: Framework) => unknown;
  options?: ValidateOptions;
}

/** `MessageIds`: the rule's own, so a misspelt messageId in a case does not compile. */
export interface ExpectedIssue<MessageIds extends string = string> {
  messageId: MessageIds;
  sheet: string | null;
  /** A1 address, null for an issue about a whole sheet or workbook. */
  address: string | null;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  acknowledged?: true;
  /** Checked only when given, and only for the given keys. */
  row?: number | null;
  params?: Params;
  fix?: Issue['fix'];
}

export interface InvalidCase<MessageIds extends string = string> extends Case {
  issues: ExpectedIssue<MessageIds>[];
}

export interface RuleCases<MessageIds extends string = string> {
  valid: Case[];
  invalid: InvalidCase<MessageIds>[];
}

/** Runs one case with the given rules; pure, for the tests and for the messages test. */
export function runCase(c: Case, rules: readonly Rule[]): Issue[] {
  const base = buildTables({ commune: c.commune ?? 'GNZ', period: c.period ?? '2023', generic: c.generic ?? false });
  c.tables?.(base);
  let fw = framework();
  if (c.framework) {
    fw = frameworkCopy();
    c.framework(fw);
  }
  return validate(base, fw, c.options ?? {}, rules).issues;
}

const key = (i: { sheet: string | null; address: string | null; messageId: string }) =>
  `${i.sheet ?? ''}|${(i.address ?? '').padStart(8)}|${i.messageId}`;
const byKey = <T extends { sheet: string | null; address: string | null; messageId: string }>(a: T, b: T) =>
  key(a).localeCompare(key(b));

/** What a case asserts about an issue: rule, message, place, severity, acknowledgement. */
function shape(i: {
  ruleId: string;
  messageId: string;
  sheet: string | null;
  address: string | null;
  severity: Severity;
  acknowledged?: boolean;
}) {
  return {
    ruleId: i.ruleId,
    messageId: i.messageId,
    sheet: i.sheet,
    address: i.address,
    severity: i.severity,
    acknowledged: i.acknowledged === true,
  };
}

/** When true, ruleTester only records the cases (the messages test renders every invalid case). */
export const collector: { collecting: boolean; rules: { rule: Rule; cases: RuleCases }[] } = {
  collecting: false,
  rules: [],
};

export function ruleTester<MessageIds extends string>(
  rule: Rule<string, MessageIds>,
  cases: RuleCases<NoInfer<MessageIds>>,
): void {
  if (collector.collecting) {
    collector.rules.push({ rule, cases });
    return;
  }
  describe(rule.id, () => {
    it('is in the registry', () => {
      expect(RULES).toContain(rule);
    });

    it('the whole registry reports nothing on the correctly filled workbook', () => {
      expect(runCase({ name: 'baseline' }, RULES)).toEqual([]);
    });

    it('has distinct case names and exercises every messageId', () => {
      const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      const used = new Set(cases.invalid.flatMap((c) => c.issues.map((i) => i.messageId)));
      expect([...used].sort()).toEqual([...rule.meta.messageIds].sort());
    });

    describe('valid', () => {
      it.each(cases.valid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        expect(runCase(c, [rule])).toEqual([]);
      });
    });

    describe('invalid', () => {
      it.each(cases.invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        expect(c.issues.length).toBeGreaterThan(0);
        const actual = runCase(c, [rule]).sort(byKey);
        const expected = [...c.issues].sort(byKey);
        expect(actual.map(shape)).toEqual(
          expected.map((e) =>
            shape({
              ruleId: rule.id,
              messageId: e.messageId,
              sheet: e.sheet,
              address: e.address,
              severity: e.severity ?? rule.meta.severity,
              acknowledged: e.acknowledged,
            }),
          ),
        );
        expected.forEach((e, n) => {
          const issue = actual[n]!;
          if (e.row !== undefined) expect(issue.row).toBe(e.row);
          if (e.params) expect(issue.params).toMatchObject(e.params);
          if (e.fix) expect(issue.fix).toEqual(e.fix);
          else if (!rule.meta.fixable) expect(issue.fix).toBeUndefined();
        });
      });
    });
  });
}
