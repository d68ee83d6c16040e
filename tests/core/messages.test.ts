import { readdirSync } from 'node:fs';
import path from 'node:path';
import { interpolate, LANGS, MESSAGES, renderIssue, severityLabel } from '../../core/messages';
import { RULES } from '../../core/rules/registry';
import { BUD, setValue } from '../helpers/build-tables';
import { collector, runCase } from '../helpers/rule-tester';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const ruleMessages = (lang: 'fr' | 'en') => MESSAGES[lang].rules as Record<string, Record<string, string>>;

// Record (without running them) the cases of every rule test file, to render what they produce.
collector.collecting = true;
const RULES_DIR = path.resolve(__dirname, '..', 'rules');
for (const file of readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.test.ts'))
  .sort())
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule test files found at run time, loaded for their cases (the collector records them); an import cannot list a folder
  require(path.join(RULES_DIR, file));
collector.collecting = false;

describe('message catalogue', () => {
  it.each(RULES.flatMap((rule) => rule.meta.messageIds.map((id) => [rule.id, id] as const)))(
    '%s/%s exists in fr and en',
    (ruleId, id) => {
      for (const lang of LANGS) expect(typeof ruleMessages(lang)[ruleId]?.[id]).toBe('string');
    },
  );

  it('fr and en have exactly the same keys', () => {
    const keys = (m: object): string[] =>
      Object.entries(m as Record<string, unknown>)
        .flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v).map((s) => `${k}.${s}`) : [k]))
        .sort();
    expect(keys(MESSAGES.en)).toEqual(keys(MESSAGES.fr));
  });

  it('no message belongs to a rule or message id that does not exist', () => {
    for (const lang of LANGS)
      for (const [ruleId, messages] of Object.entries(ruleMessages(lang))) {
        const rule = RULES.find((r) => r.id === ruleId);
        expect({ lang, ruleId, known: rule !== undefined }).toEqual({ lang, ruleId, known: true });
        expect(Object.keys(messages).sort()).toEqual([...rule!.meta.messageIds].sort());
      }
  });

  it.each(
    Object.entries(ruleMessages('fr')).flatMap(([ruleId, m]) => Object.keys(m).map((id) => [ruleId, id] as const)),
  )('%s/%s has the same {placeholders} in fr and en', (ruleId, id) => {
    expect(placeholders(ruleMessages('en')[ruleId]![id]!)).toEqual(placeholders(ruleMessages('fr')[ruleId]![id]!));
  });

  it('every rule has a description in both languages and a unique id', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) for (const lang of LANGS) expect(rule.meta.description[lang].trim()).not.toBe('');
  });

  it('labels every severity', () => {
    expect(severityLabel('error')).toBe('Erreur');
    expect(severityLabel('warning', 'en')).toBe('Warning');
    expect(severityLabel('info')).toBe('Information');
  });
});

describe('rendering', () => {
  it('recorded the cases of one test file per rule', () => {
    expect(collector.rules.map((r) => r.rule.id).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  const rendered = collector.rules.flatMap(({ rule, cases }) =>
    cases.invalid.map((c) => [`${rule.id}: ${c.name}`, rule, c] as const),
  );
  it.each(rendered)('%s leaves no {placeholder}', (_name, rule, c) => {
    const issues = runCase(c, [rule]);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues)
      for (const lang of LANGS) {
        const text = renderIssue(issue, lang);
        expect(text).not.toBe(`${issue.ruleId}/${issue.messageId}`);
        expect(text).not.toMatch(/\{\w*\}/);
      }
  });

  it('writes numbers the French way in French and the English way in English', () => {
    const issue = {
      ruleId: 'overspending',
      messageId: 'over',
      params: { code: 'BUD-1', spent: 5000000, planned: 4625000, excess: 375000 },
    };
    expect(renderIssue(issue, 'fr')).toBe(
      'BUD-1 : dépensé 5\u202f000\u202f000 FCFA pour 4\u202f625\u202f000 FCFA prévus (dépassement de 375\u202f000 FCFA). Justifiez-le dans « Commentaire ».',
    );
    expect(renderIssue(issue, 'en')).toBe(
      'BUD-1: spent 5,000,000 FCFA for 4,625,000 FCFA planned (375,000 FCFA over). Justify it in “Commentaire”.',
    );
  });

  it('writes dates the French way in French and unambiguously in English; the params stay ISO', () => {
    const issue = {
      ruleId: 'late-entry',
      messageId: 'late',
      params: { date: '2024-05-02', deadline: '2024-04-29', period: '2023', days: 3 },
    };
    expect(renderIssue(issue, 'fr')).toBe(
      'Saisie du 02/05/2024, après la date limite du 29/04/2024 pour la période 2023 (3 jour(s) de retard) : les chiffres sont gardés, le retard est signalé.',
    );
    expect(renderIssue(issue, 'en')).toBe(
      'Entered on 2 May 2024, after the deadline of 29 Apr 2024 for period 2023 (3 day(s) late): the figures are kept, the delay is reported.',
    );
    const before = {
      ruleId: 'date-outside-period',
      messageId: 'before',
      params: { date: '2022-12-31', period: '2023', start: '2023-01-01' },
    };
    expect(renderIssue(before, 'fr')).toBe(
      'La date de saisie 31/12/2022 est antérieure au début de la période 2023 (01/01/2023).',
    );
    // What the coordinator typed is quoted as typed, even when it looks like an ISO date.
    const typed = { ruleId: 'number-as-text', messageId: 'date', params: { text: '2024-01-15', date: '2024-01-15' } };
    expect(renderIssue(typed, 'fr')).toBe(
      '« 2024-01-15 » est saisi comme du texte ; il est lu comme la date 15/01/2024.',
    );
  });

  it('an explained warning reads as information, quoting the comment, without asking to justify it', () => {
    const acknowledged = runCase(
      {
        name: 'justified overspend',
        tables: (t) => (setValue(t, BUD, 'D3', 3000000), setValue(t, BUD, 'E3', 'Campagne de dépistage')),
      },
      RULES,
    );
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]).toMatchObject({ ruleId: 'overspending', severity: 'info', acknowledged: true });
    const fr = renderIssue(acknowledged[0]!, 'fr');
    expect(fr).toBe(
      'BUD-2 : dépensé 3\u202f000\u202f000 FCFA pour 2\u202f450\u202f000 FCFA prévus (dépassement de 550\u202f000 FCFA), justifié en commentaire : « Campagne de dépistage ».',
    );
    expect(fr).not.toMatch(/Justifiez|expliquez/i);
    expect(renderIssue(acknowledged[0]!, 'en')).not.toMatch(/Justify|explain it/i);
  });

  it('keeps an unknown placeholder visible and falls back on the id of an unknown message', () => {
    expect(interpolate('{a} et {b}', { a: 'x' }, 'fr')).toBe('x et {b}');
    expect(renderIssue({ ruleId: 'nope', messageId: 'gone', params: {} })).toBe('nope/gone');
  });
});
