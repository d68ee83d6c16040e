import { FrameworkError, parseFramework } from '../../core/framework/load';
import type { Framework } from '../../core/framework/schema';
import frameworkData from '../../templates/framework.json';
import { OfficeHost } from '../excel/host';
import { TaskPane } from './controller';
import { paneLang, t } from './strings';
import { PaneView } from './view';

/** Entry point of the task pane: Office.js is loaded by taskpane.html from Microsoft's CDN. */

function boot(info: { host: Office.HostType | null }): void {
  const lang = paneLang(typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined);
  let pane: TaskPane | null = null;
  const view = new PaneView(document, lang, {
    validate: () => void pane?.validate(),
    highlight: () => void pane?.highlight(),
    clearHighlights: () => void pane?.clearHighlights(),
    createTemplate: (commune, period) => void pane?.createTemplate(commune, period),
    selectIssue: (issue) => void pane?.select(issue),
  });
  view.init();
  if (info.host !== Office.HostType.Excel) {
    view.setReady(false);
    view.status(t(lang, 'notInExcel'), 'error');
    return;
  }
  let framework: Framework;
  try {
    framework = parseFramework(frameworkData, 'framework.json');
  } catch (err) {
    view.setReady(false);
    const message = err instanceof FrameworkError ? err.text(lang) : (err as Error).message;
    view.status(t(lang, 'failed', { message }), 'error');
    return;
  }
  pane = new TaskPane(new OfficeHost(), view, framework, lang);
  pane.start();
}

if (typeof Office === 'undefined') {
  document.addEventListener('DOMContentLoaded', () => {
    const status = document.getElementById('status');
    if (status) status.textContent = t('fr', 'notInExcel');
  });
} else {
  void Office.onReady(boot);
}
