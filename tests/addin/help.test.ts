import { fr as messages } from '../../core/messages/fr';
import { RULES } from '../../core/rules/registry';
import { escapeHtml, helpPage, messageShape } from '../../addin/help/aide';
import { LIVE_EXCEL_API, REQUIRED_EXCEL_API } from '../../addin/excel/requirements';
import { fr as pane, t } from '../../addin/taskpane/strings';

describe('help page (dist/aide.html)', () => {
  const html = helpPage();

  it('is a French page titled after the add-in', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<h1>Aide du complément Excel « ${escapeHtml(pane.title)} »</h1>`);
  });

  it('names the pane’s buttons as the pane shows them', () => {
    for (const label of [pane.validate, pane.highlight, pane.clearHighlights, pane.createTemplate])
      expect(html).toContain(`<b>«\u00a0${escapeHtml(label)}\u00a0»</b>`);
  });

  it('explains errors, warnings and information', () => {
    for (const word of ['Erreur', 'Avertissement', 'Information'])
      expect(html).toMatch(new RegExp(`>${word}</span> : `));
    expect(html).toContain('« Commentaire »');
  });

  it('lists every rule of the catalogue, what it checks and each of its messages, under its severity', () => {
    const catalogue = messages.rules as Record<string, Record<string, string>>;
    const warnings = html.indexOf('<h2>Avertissements');
    expect(warnings).toBeGreaterThan(0);
    for (const rule of RULES) {
      const at = html.indexOf(`<tr><td>${escapeHtml(rule.meta.description.fr)}`);
      expect([rule.id, at > 0]).toEqual([rule.id, true]);
      expect([rule.id, at > warnings]).toEqual([rule.id, rule.meta.severity === 'warning']);
      for (const id of rule.meta.messageIds)
        expect(html).toContain(`<li>${escapeHtml(messageShape(catalogue[rule.id]![id]!))}</li>`);
    }
  });

  it('shows a message with its parameters as « … »', () => {
    expect(messageShape('Le code {code} apparaît deux fois (déjà en {first}).')).toBe(
      'Le code … apparaît deux fois (déjà en …).',
    );
    expect(messageShape('choisissez parmi : {periods}.')).toBe('choisissez parmi : …');
    expect(html).not.toMatch(/\{\w+\}/);
  });

  it('quotes the pane’s own messages, the « too old » one included, and the ExcelApi versions it needs', () => {
    expect(html).toContain(escapeHtml(t('fr', 'unsupported', { required: REQUIRED_EXCEL_API, live: LIVE_EXCEL_API })));
    expect(html).toContain(escapeHtml(messageShape(pane.notTemplate)));
    expect(html).toContain(`ExcelApi ${REQUIRED_EXCEL_API}`);
    expect(html).toContain(`ExcelApi ${LIVE_EXCEL_API}`);
  });

  it('says whom to call, with blanks for the M&E lead to fill in, and no invented number', () => {
    const contact = html.slice(html.indexOf('<h2>Qui appeler</h2>'));
    expect(contact).toContain('responsable S&amp;E du projet');
    for (const field of ['Nom', 'Téléphone', 'Courriel'])
      expect(contact).toContain(`<p>${field} : <span class="blank">&nbsp;</span></p>`);
    expect(contact).not.toMatch(/\d{2}[ .]?\d{2}[ .]?\d{2}/);
  });

  it('is self-contained: no script, no link, no address to fetch; prints on A4', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import|https?:\/\//i);
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/tr \{ break-inside: avoid;/);
  });

  it('escapes what it writes', () => {
    expect(escapeHtml(`<b class="x">'&'</b>`)).toBe('&lt;b class=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
  });
});
