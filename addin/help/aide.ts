/**
 * The add-in's French help page (dist/aide.html, the manifest's SupportUrl and LearnMoreUrl), written at build
 * time: webpack's HtmlWebpackPlugin runs this module as the page's template. The button names come from the
 * pane's own words and the messages from the rules' catalogue, so the page says what the pane shows.
 * A static page: no script, no network, nothing outside the page; it prints on A4.
 */
import { fr as messages } from '../../core/messages/fr';
import { RULES } from '../../core/rules/registry';
import type { Rule } from '../../core/rules/rule';
import { REQUIRED_EXCEL_API, LIVE_EXCEL_API } from '../excel/requirements';
import { fr as pane, t } from '../taskpane/strings';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML: every special character escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A message as a reader meets it: each {parameter} (a code, a value, a date…) shown as « … ». */
export function messageShape(template: string): string {
  return template.replace(/\{\w+\}/g, '…').replace(/…\./g, '…');
}

/** A label of the pane (« Valider le classeur »), quoted as the coordinator sees it on the button. */
const button = (label: string) => `<b>«\u00a0${escapeHtml(label)}\u00a0»</b>`;

function ruleMessages(rule: Rule): string[] {
  const catalogue = messages.rules as Record<string, Record<string, string>>;
  return rule.meta.messageIds.map((id) => messageShape(catalogue[rule.id]?.[id] ?? ''));
}

function ruleRows(severity: 'error' | 'warning'): string {
  return RULES.filter((rule) => rule.meta.severity === severity)
    .map((rule) => {
      const list = ruleMessages(rule)
        .map((m) => `<li>${escapeHtml(m)}</li>`)
        .join('');
      const note = rule.meta.acknowledgeable
        ? '<p class="note">Expliqué dans « Commentaire », il devient une information.</p>'
        : '';
      return `<tr><td>${escapeHtml(rule.meta.description.fr)}${note}</td><td><ul>${list}</ul></td></tr>`;
    })
    .join('\n');
}

const STYLE = `
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 50em; padding: 1em; font: 11pt/1.4 'Segoe UI', Calibri, Carlito, Arial, sans-serif; color: #1b1b1b; }
h1 { font-size: 17pt; color: #0072ce; margin: 0 0 .2em; }
h2 { font-size: 13pt; color: #0072ce; margin: 1.2em 0 .4em; break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
.subtitle { margin: 0 0 1em; color: #5c5c5c; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th, td { border: 1px solid #b3b3b3; padding: .3em .4em; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e5f1fb; }
tr { break-inside: avoid; page-break-inside: avoid; }
td:first-child { width: 38%; }
td ul { margin: 0; padding-left: 1.1em; }
.note { margin: .3em 0 0; font-style: italic; }
.error { color: #a4262c; font-weight: bold; }
.warning { color: #8a5300; font-weight: bold; }
.info { color: #004e8c; font-weight: bold; }
.contact { border: 2px solid #0072ce; padding: .6em 1em; break-inside: avoid; page-break-inside: avoid; }
.contact p { margin: .7em 0; }
.blank { display: inline-block; min-width: 20em; border-bottom: 1px solid #1b1b1b; }
@media print { body { padding: 0; max-width: none; } }
`;

/** The whole page. */
export function helpPage(): string {
  const paneMessage = (text: string) => `<li>«\u00a0${escapeHtml(messageShape(text))}\u00a0»</li>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aide – Contrôles S&amp;E</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Aide du complément Excel « ${escapeHtml(pane.title)} »</h1>
<p class="subtitle">Projet « ${escapeHtml(pane.subtitle)} » – fiche de suivi de la commune</p>

<h2>Ouvrir le volet</h2>
<p>Ouvrez la fiche de votre commune dans Excel, puis onglet <b>Accueil</b> › bouton <b>${escapeHtml(pane.title)}</b>.
Le volet s’ouvre à droite. Il ne communique qu’avec Excel : aucune donnée ne quitte l’ordinateur.</p>

<h2>Utiliser le volet</h2>
<ol>
<li>${button(pane.validate)} lit toute la fiche et liste les problèmes, feuille par feuille.
Cliquez sur un problème : Excel sélectionne la cellule en cause. Corrigez, puis vérifiez de nouveau.</li>
<li>${button(pane.highlight)} colore les cellules à revoir :
<span class="error">rouge</span> pour une erreur, <span class="warning">orange</span> pour un avertissement,
<span class="info">bleu</span> pour une information.</li>
<li>${button(pane.clearHighlights)} remet les couleurs d’origine (les cellules jaunes redeviennent jaunes),
même après avoir fermé et rouvert le volet.</li>
<li>Vérification automatique : là où Excel le permet (ExcelApi ${LIVE_EXCEL_API} : Excel 2019 et plus récent,
Microsoft 365, Excel sur le web), la liste se met à jour quelques instants après chaque saisie. Ailleurs,
cliquez de nouveau sur ${button(pane.validate)} après vos corrections.</li>
<li>La synthèse sous la liste montre la commune, la période, la complétude et, par résultat attendu,
le prévu, le réalisé et le taux de chaque indicateur.</li>
<li>Dans un classeur vide, ${button(pane.createTemplate)} écrit la fiche d’une commune : choisissez la commune
et la période, puis remplissez les cellules jaunes.</li>
</ol>

<h2>Erreurs, avertissements, informations</h2>
<ul>
<li><span class="error">Erreur</span> : la fiche ne peut pas être consolidée telle quelle.
Corrigez toutes les erreurs avant d’envoyer le fichier.</li>
<li><span class="warning">Avertissement</span> : la valeur est gardée, mais elle est à vérifier.
Si elle est juste, expliquez-la dans la colonne « Commentaire » de la ligne.</li>
<li><span class="info">Information</span> : un avertissement déjà expliqué en commentaire. Rien à faire.</li>
</ul>
<p>Quand la liste est vide, le volet affiche : « ${escapeHtml(pane.allGood)} »</p>

<h2>Messages du volet</h2>
<ul>
${paneMessage(pane.notTemplate)}
${paneMessage(t('fr', 'unsupported', { required: REQUIRED_EXCEL_API, live: LIVE_EXCEL_API }))}
${paneMessage(pane.sheetExists)}
${paneMessage(pane.hiddenSheet)}
${paneMessage(pane.failed)} Terminez la saisie de la cellule (Entrée), puis recommencez.
</ul>
<p>Versions d’Excel : les contrôles demandent ExcelApi ${REQUIRED_EXCEL_API} (Excel 2016 à jour, Excel 2019 et plus
récent, Microsoft 365, Excel sur le web, Excel pour Mac) ; la vérification automatique demande ExcelApi ${LIVE_EXCEL_API}
(Excel 2019 et plus récent, Microsoft 365, Excel sur le web). Excel 2016 en licence en volume, sans mises à jour
de fonctionnalités, ne peut pas utiliser le complément.</p>

<h2>Erreurs : ce qui est vérifié et les messages</h2>
<p>Dans les messages, « … » tient la place d’un code, d’une valeur ou d’une date.</p>
<table>
<thead><tr><th>Ce qui est vérifié</th><th>Messages</th></tr></thead>
<tbody>
${ruleRows('error')}
</tbody>
</table>

<h2>Avertissements : ce qui est vérifié et les messages</h2>
<table>
<thead><tr><th>Ce qui est vérifié</th><th>Messages</th></tr></thead>
<tbody>
${ruleRows('warning')}
</tbody>
</table>

<h2>Qui appeler</h2>
<div class="contact">
<p>Pour toute question sur la fiche ou le complément, appelez le ou la <b>responsable S&amp;E du projet</b> :</p>
<p>Nom : <span class="blank">&nbsp;</span></p>
<p>Téléphone : <span class="blank">&nbsp;</span></p>
<p>Courriel : <span class="blank">&nbsp;</span></p>
<p>Donnez le nom de votre commune, le message affiché et la cellule en cause.</p>
</div>
</body>
</html>
`;
}

/** HtmlWebpackPlugin calls the template module's default export to get the page. */
export default helpPage;
