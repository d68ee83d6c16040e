import { TEMPLATE_VERSION } from '../layout/contract';
import { defineRule } from './rule';

/** The workbook must be a template of this framework, at its current version. */
export const templateMismatch = defineRule({
  id: 'template-mismatch',
  meta: {
    description: {
      fr: 'Le classeur est un modèle de ce cadre de résultats, dans sa version actuelle.',
      en: 'The workbook is a template of this results framework, at its current version.',
    },
    severity: 'error',
    messageIds: ['notTemplate', 'otherFramework', 'outdatedFramework', 'outdatedTemplate'],
  },
  check({ view, framework, report }) {
    const meta = view.meta;
    const where = { sheet: null };
    if (!meta || !meta.frameworkId) {
      report({ messageId: 'notTemplate', where, params: { framework: framework.id } });
      return;
    }
    if (meta.frameworkId !== framework.id) {
      report({ messageId: 'otherFramework', where, params: { found: meta.frameworkId, expected: framework.id } });
      return;
    }
    if (meta.frameworkVersion !== framework.version)
      report({
        messageId: 'outdatedFramework',
        where,
        params: { found: meta.frameworkVersion ?? '?', expected: framework.version },
      });
    else if (meta.templateVersion !== TEMPLATE_VERSION)
      report({
        messageId: 'outdatedTemplate',
        where,
        params: { found: meta.templateVersion ?? '?', expected: TEMPLATE_VERSION },
      });
  },
});
