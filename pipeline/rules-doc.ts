import { CROSS_FILE_CHECKS } from '../core/consolidate/cumulative';
import { fr } from '../core/messages/fr';
import { RULES } from '../core/rules/registry';

/** The rule catalogue as Markdown, generated from the rules' own metadata so it never drifts. */
export function rulesMarkdown(): string {
  const messages = fr.rules as Record<string, Record<string, string>>;
  const lines = [
    '| Règle (id) | Gravité | Ce qui est vérifié | Messages |',
    '|---|---|---|---|',
    ...RULES.map((rule) => {
      const severity = rule.meta.severity === 'error' ? 'erreur' : 'avertissement';
      const extras = [
        rule.meta.acknowledgeable ? 'un commentaire la rend informative' : '',
        rule.meta.fixable ? 'correction proposée' : '',
      ]
        .filter(Boolean)
        .join(', ');
      const ids = rule.meta.messageIds
        .map((id) => `\`${id}\`: ${(messages[rule.id]?.[id] ?? '').replace(/\|/g, '\\|')}`)
        .join('<br>');
      return `| \`${rule.id}\` | ${severity}${extras ? ` (${extras})` : ''} | ${rule.meta.description.fr} | ${ids} |`;
    }),
    // Checks across files, made by the merge: listed with the rules, marked as such.
    ...CROSS_FILE_CHECKS.map((check) => {
      const messages = fr.checks as Record<string, Record<string, string>>;
      const ids = check.messageIds
        .map((id) => `\`${id}\`: ${(messages[check.id]?.[id] ?? '').replace(/\|/g, '\\|')}`)
        .join('<br>');
      return `| \`${check.id}\` | avertissement (entre fichiers, à la consolidation) | ${check.description.fr} | ${ids} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export const RULES_START = '<!-- rules:start (généré par npm run docs:rules) -->';
export const RULES_END = '<!-- rules:end -->';

/** Replaces the catalogue between the markers of a Markdown text. */
export function withRulesCatalogue(markdown: string): string {
  const start = markdown.indexOf(RULES_START);
  const end = markdown.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error('rule catalogue markers not found');
  return `${markdown.slice(0, start + RULES_START.length)}\n${rulesMarkdown()}${markdown.slice(end)}`;
}
