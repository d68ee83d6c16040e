import type { Params } from '../report';
import { interpolate, type Lang } from './index';

/**
 * Texts of the feedback sent back to each commune (`--feedback DIR`): the workbook's « À corriger »
 * sheet and read-only views, the short message beside it, the reminders and the folder's index. The
 * problems themselves are the core's messages (core/messages), never re-worded here.
 */
const fr = {
  sheet: {
    toFix: 'À corriger',
  },
  verdict: {
    accepted: 'Fichier accepté : aucun problème, merci.',
    remarks: 'Fichier accepté avec remarques : {warnings} avertissement(s) à vérifier avant le prochain envoi.',
    refused: 'Fichier refusé — à renvoyer : {errors} erreur(s) à corriger, puis renvoyez le fichier.',
    unusable: 'Fichier refusé — à renvoyer : il n’a pas pu être lu.',
    superseded:
      'Fichier non utilisé : {accepted} a été accepté pour la même commune et la même période. Rien à renvoyer ; les problèmes de ce fichier-ci sont listés pour information.',
  },
  verdictShort: {
    accepted: 'accepté',
    remarks: 'accepté avec remarques',
    refused: 'refusé — à renvoyer',
    unusable: 'refusé — à renvoyer (illisible)',
    superseded: 'non utilisé (un autre fichier accepté)',
  },
  sheetText: {
    title: 'Retour sur votre rapport : {commune}, période {period}',
    file: 'Fichier reçu : {file}',
    readOnly:
      'Ce classeur est une vue en lecture seule : ne le modifiez pas et ne le renvoyez pas. Corrigez votre fichier original ({file}), puis envoyez-le à nouveau.',
    readOnlyAccepted:
      'Ce classeur est une vue en lecture seule de votre fichier ({file}), accepté : ne le modifiez pas et ne le renvoyez pas. Vérifiez les remarques dans votre fichier original pour le prochain envoi ; ne le renvoyez que si un chiffre était faux.',
    howTo:
      'Cliquez sur une cellule de la colonne « Cellule » : elle s’ouvre dans la copie de vos données (onglets suivants), surlignée, avec le message en commentaire.',
    readOnlySuperseded:
      'Ce classeur est une vue en lecture seule de {file}, qui n’a pas été utilisé : ne le modifiez pas et ne le renvoyez pas. Le fichier qui compte pour cette période est {accepted}.',
    noProblem: 'Aucun problème à corriger.',
    unusableWhat: 'Pourquoi : {reason}',
    unusableDo:
      'Que faire : ouvrez le fichier dans Excel, enregistrez-le au format Classeur Excel (.xlsx), sans mot de passe, puis renvoyez-le.',
    columns: 'N°|Gravité|Feuille|Cellule|Problème trouvé|À faire',
    noted: 'Noté',
    workbook: 'classeur',
    note: '{label} : {message}',
    viewHeader: 'Vue en lecture seule de {file} — corrigez le fichier original',
    viewHeaderSuperseded: 'Vue en lecture seule de {file} — fichier non utilisé, pour information',
    page: 'Page &P / &N',
  },
  todo: {
    error: 'Corrigez cette cellule dans votre fichier original.',
    errorNoCell: 'Corrigez votre fichier original comme indiqué.',
    fix: 'Saisissez {value} dans la cellule {cell} (un nombre, pas du texte).',
    warning: 'Vérifiez la valeur ; corrigez-la si elle est fausse.',
    warningComment: 'Vérifiez la valeur ; si elle est juste, expliquez-la dans la colonne Commentaire de la ligne.',
    noted: 'Rien à faire : la remarque est notée.',
    notedComment: 'Rien à faire : noté, avec votre commentaire « {comment} ».',
    superseded: 'Pour information : ce fichier n’est pas utilisé.',
  },
  message: {
    body: '{commune} ({code}), période {period} : fichier {verdict}.',
    problems: ' {count} problème(s) à corriger.',
    remarks: ' {count} remarque(s) à vérifier.',
    first: ' D’abord : {cells}.',
    more: ' Détail dans {workbook}.',
    resend: ' Corrigez votre fichier original et renvoyez-le.',
    unusable: ' Le fichier {file} n’a pas pu être lu ({reason}). Enregistrez-le en .xlsx et renvoyez-le.',
    thanks: ' Merci !',
    superseded: ' Le fichier {file} n’est pas utilisé : {accepted} a été accepté à sa place. Rien à renvoyer.',
    forInfo: ' {count} problème(s) listé(s) pour information dans {workbook}.',
  },
  reminder: {
    text: 'Rappel : {commune} ({code}), le rapport de la période {period} n’a pas été reçu{deadline}. Merci de remplir le modèle de la commune et de l’envoyer dès que possible.',
    deadline: ' (date limite : {date})',
  },
  index: {
    title: 'Retours aux communes — {date}',
    sources: 'Fichiers lus ({count}) :',
    line: '- {commune}, {period} : {verdict} ({file}) → {written}',
    reminders: 'Rappels, fichiers non reçus ({count}) :',
    reminderLine: '- {commune}, {period} → {written}',
    orphans: 'Fichiers sans commune identifiable ({count}) :',
    orphanLine: '- {file} : {reason}',
    orphanDo: '  (ni le nom du fichier ni sa feuille Identification ne disent la commune : à traiter à la main)',
    none: '(aucun)',
    writtenBy: 'Écrit par npm run {command} : les listes ci-dessous sont celles de cette exécution.',
    writtenByEarlier:
      'Écrit par npm run {command} : les listes ci-dessous sont celles de cette exécution ; les retours et rappels d’une exécution précédente encore dans ce dossier sont listés à la fin.',
    earlier: 'D’une exécution précédente, encore dans ce dossier ({count}) :',
    earlierLine: '- {file} → {written}',
    earlierReminder: '- rappel {commune}, {period} → {written}',
  },
  cli: {
    option:
      'écrit dans DIR un retour par fichier lu (classeur et message court) et, après une consolidation, un rappel par commune non reçue',
    insideInput:
      '--feedback {dir} est le dossier d’entrée ou se trouve dedans : choisissez un dossier hors de {input} (les retours y seraient relus comme des rapports)',
    isInput: '--feedback {dir} est un fichier d’entrée : choisissez un dossier',
    notADirectory: '--feedback {dir} existe et n’est pas un dossier : choisissez un dossier',
    written: 'Retours aux communes : {count} fichier(s) écrit(s) dans {dir} (voir index.txt)',
    failed: 'écriture des retours impossible dans {dir} : {why}',
  },
  unknownPeriod: 'période-inconnue',
  unknownCommune: 'commune inconnue',
};

type Catalogue = typeof fr;

const en: Catalogue = {
  sheet: {
    toFix: 'To fix',
  },
  verdict: {
    accepted: 'File accepted: no problem, thank you.',
    remarks: 'File accepted with remarks: {warnings} warning(s) to check before the next submission.',
    refused: 'File rejected, to send again: {errors} error(s) to fix, then send the file again.',
    unusable: 'File rejected, to send again: it could not be read.',
    superseded:
      'File not used: {accepted} was accepted for the same commune and period. Nothing to send again; the problems of this file are listed for information.',
  },
  verdictShort: {
    accepted: 'accepted',
    remarks: 'accepted with remarks',
    refused: 'rejected, to send again',
    unusable: 'rejected, to send again (unreadable)',
    superseded: 'not used (another file accepted)',
  },
  sheetText: {
    title: 'Feedback on your report: {commune}, period {period}',
    file: 'File received: {file}',
    readOnly:
      'This workbook is a read-only view: do not change it and do not send it back. Fix your original file ({file}), then send it again.',
    readOnlyAccepted:
      'This workbook is a read-only view of your file ({file}), which was accepted: do not change it and do not send it back. Check the remarks in your original file before the next report; send it again only if a figure was wrong.',
    howTo:
      'Click a cell of the “Cell” column: it opens in the copy of your data (next tabs), highlighted, with the message as a note.',
    readOnlySuperseded:
      'This workbook is a read-only view of {file}, which was not used: do not change it and do not send it back. The file that counts for this period is {accepted}.',
    noProblem: 'Nothing to fix.',
    unusableWhat: 'Why: {reason}',
    unusableDo:
      'What to do: open the file in Excel, save it as an Excel Workbook (.xlsx), without a password, then send it again.',
    columns: 'No.|Severity|Sheet|Cell|Problem found|What to do',
    noted: 'Noted',
    workbook: 'workbook',
    note: '{label}: {message}',
    viewHeader: 'Read-only view of {file}: fix the original file',
    viewHeaderSuperseded: 'Read-only view of {file}: file not used, for information',
    page: 'Page &P / &N',
  },
  todo: {
    error: 'Fix this cell in your original file.',
    errorNoCell: 'Fix your original file as the message says.',
    fix: 'Enter {value} in cell {cell} (a number, not text).',
    warning: 'Check the value; fix it if it is wrong.',
    warningComment: 'Check the value; if it is right, explain it in the Commentaire column of the row.',
    noted: 'Nothing to do: the remark is noted.',
    notedComment: 'Nothing to do: noted, with your comment “{comment}”.',
    superseded: 'For information: this file is not used.',
  },
  message: {
    body: '{commune} ({code}), period {period}: file {verdict}.',
    problems: ' {count} problem(s) to fix.',
    remarks: ' {count} remark(s) to check.',
    first: ' First: {cells}.',
    more: ' Details in {workbook}.',
    resend: ' Fix your original file and send it again.',
    unusable: ' The file {file} could not be read ({reason}). Save it as .xlsx and send it again.',
    thanks: ' Thank you!',
    superseded: ' The file {file} is not used: {accepted} was accepted instead. Nothing to send again.',
    forInfo: ' {count} problem(s) listed for information in {workbook}.',
  },
  reminder: {
    text: 'Reminder: {commune} ({code}), the report for period {period} has not been received{deadline}. Please fill in the commune’s template and send it as soon as possible.',
    deadline: ' (deadline: {date})',
  },
  index: {
    title: 'Feedback to the communes, {date}',
    sources: 'Files read ({count}):',
    line: '- {commune}, {period}: {verdict} ({file}) → {written}',
    reminders: 'Reminders, files not received ({count}):',
    reminderLine: '- {commune}, {period} → {written}',
    orphans: 'Files with no identifiable commune ({count}):',
    orphanLine: '- {file}: {reason}',
    orphanDo: '  (neither the file name nor its Identification sheet tells the commune: to handle by hand)',
    none: '(none)',
    writtenBy: 'Written by npm run {command}: the lists below are this run’s.',
    writtenByEarlier:
      'Written by npm run {command}: the lists below are this run’s; the feedback and reminders of an earlier run still in this folder are listed at the end.',
    earlier: 'From an earlier run, still in this folder ({count}):',
    earlierLine: '- {file} → {written}',
    earlierReminder: '- reminder {commune}, {period} → {written}',
  },
  cli: {
    option:
      'writes into DIR one feedback per file read (workbook and short message) and, after a merge, one reminder per commune not received',
    insideInput:
      '--feedback {dir} is the input folder or inside it: choose a folder outside {input} (the feedback would be read again as reports)',
    isInput: '--feedback {dir} is an input file: choose a folder',
    notADirectory: '--feedback {dir} exists and is not a folder: choose a folder',
    written: 'Feedback to the communes: {count} file(s) written in {dir} (see index.txt)',
    failed: 'cannot write the feedback into {dir}: {why}',
  },
  unknownPeriod: 'unknown-period',
  unknownCommune: 'unknown commune',
};

export const FEEDBACK_TEXTS: Record<Lang, Catalogue> = { fr, en };

type Group = Exclude<keyof Catalogue, 'unknownPeriod' | 'unknownCommune'>;

/** One text of the feedback, `{param}` replaced in the reader's language. */
export function feedbackText<G extends Group>(group: G, id: keyof Catalogue[G], params: Params, lang: Lang): string {
  const template = (FEEDBACK_TEXTS[lang][group] as Record<string, string>)[id as string]!;
  return interpolate(template, params, lang);
}
