import { interpolate, renderIssue, type Lang } from '../../core/messages';
import type { Issue, Params } from '../../core/report';
import { RULES } from '../../core/rules/registry';

/** Texts of the merge itself: why a file was set aside, and problems between files. */
const TEXTS = {
  fr: {
    reasons: {
      accepted: 'accepté',
      invalid: '{errors} erreur(s) : fichier refusé',
      unusable: 'inutilisable : {detail}',
      duplicate: 'même commune et même période que {others} : aucun n’est retenu (voir --prefer latest)',
      duplicateDiscarded: 'doublon écarté : {kept} est retenu (date de saisie plus récente)',
      identicalCopy: 'copie identique de {kept} (mêmes chiffres) : comptée une fois',
      otherPeriod: 'période {period}, hors de la période demandée ({expected})',
      lockFile: 'fichier de verrouillage d’Excel ou de LibreOffice',
      hidden: 'fichier ou dossier caché',
      extension: 'ni .xlsx, ni .xlsm, ni .csv',
      output: 'fichier de sortie de la consolidation',
      ownWorkbook: 'sortie d’une consolidation précédente (npm run merge) : ignorée',
      ownCsv:
        'table CSV d’une consolidation précédente (npm run merge --csv) : ignorée ; pour la réutiliser comme entrée, ouvrez-la et enregistrez-la à nouveau en CSV depuis Excel',
    },
    status: { accepted: 'accepté', rejected: 'refusé', skipped: 'ignoré', duplicate: 'écarté' },
    problems: {
      inputMissing: 'dossier d’entrée introuvable : {input}',
      outputIsInput: 'le fichier de sortie serait écrit sur une entrée ({output}) : choisissez un autre --output',
      nothingUsable: 'aucun fichier utilisable dans {input} : rien n’a été écrit',
      reconciliation: 'RAPPROCHEMENT ÉCHOUÉ : {count} total(aux) du classeur ne correspondent pas aux fichiers acceptés ({first}). Rien n’a été écrit.',
      strict: '--strict : au moins un fichier a été refusé, rien n’a été écrit',
    },
    summary: {
      files: '{files} fichier(s) : {accepted} accepté(s), {rejected} refusé(s), {skipped} ignoré(s), {duplicate} écarté(s).',
      notReceived: 'Non reçu : {list}.',
      missingItem: '{commune} : {period} non reçu',
      rejectedItem: '{commune} : {period} non reçu (fichier refusé)',
      allReceived: 'Toutes les communes ont envoyé leur fichier pour chaque période ({periods}).',
      late: 'En retard : {list}.',
      lateItem: '{commune} : {period} saisi le {date}, {days} j après la date limite ({deadline})',
      written: 'Classeur consolidé : {output}',
      csv: 'Table CSV : {csv}',
      progress: '{done}/{total} fichiers lus',
    },
    issues: {
      'duplicate-report': {
        duplicate: '{commune}, période {period} : ce fichier et {others} portent sur la même commune et la même période.',
        discarded: '{commune}, période {period} : écarté au profit de {kept}, dont la date de saisie est plus récente.',
        identical: '{commune}, période {period} : mêmes chiffres que {kept} : une seule remise, comptée une fois.',
      },
      'unusable-file': { unusable: '{detail}' },
    },
    ruleTitles: {
      'duplicate-report': 'Un seul fichier par commune et par période.',
      'unusable-file': 'Le fichier s’ouvre comme un classeur Excel.',
    },
  },
  en: {
    reasons: {
      accepted: 'accepted',
      invalid: '{errors} error(s): file rejected',
      unusable: 'unusable: {detail}',
      duplicate: 'same commune and period as {others}: none is used (see --prefer latest)',
      duplicateDiscarded: 'duplicate set aside: {kept} is used (later date of entry)',
      identicalCopy: 'identical copy of {kept} (same figures): counted once',
      otherPeriod: 'period {period}, not the requested period ({expected})',
      lockFile: 'Excel or LibreOffice lock file',
      hidden: 'hidden file or folder',
      extension: 'not .xlsx, .xlsm or .csv',
      output: 'output file of the consolidation',
      ownWorkbook: 'output of an earlier merge (npm run merge): skipped',
      ownCsv: 'CSV table of an earlier merge (npm run merge --csv): skipped; to use it as an input, open it and save it again as CSV from Excel',
    },
    status: { accepted: 'accepted', rejected: 'rejected', skipped: 'skipped', duplicate: 'set aside' },
    problems: {
      inputMissing: 'input folder not found: {input}',
      outputIsInput: 'the output would be written over an input ({output}): choose another --output',
      nothingUsable: 'no usable file in {input}: nothing was written',
      reconciliation: 'RECONCILIATION FAILED: {count} total(s) of the workbook do not match the accepted files ({first}). Nothing was written.',
      strict: '--strict: at least one file was rejected, nothing was written',
    },
    summary: {
      files: '{files} file(s): {accepted} accepted, {rejected} rejected, {skipped} skipped, {duplicate} set aside.',
      notReceived: 'Not received: {list}.',
      missingItem: '{commune}: {period} not received',
      rejectedItem: '{commune}: {period} not received (file rejected)',
      allReceived: 'Every commune sent its file for every period ({periods}).',
      late: 'Late: {list}.',
      lateItem: '{commune}: {period} entered on {date}, {days} days after the deadline ({deadline})',
      written: 'Consolidated workbook: {output}',
      csv: 'CSV table: {csv}',
      progress: '{done}/{total} files read',
    },
    issues: {
      'duplicate-report': {
        duplicate: '{commune}, period {period}: this file and {others} cover the same commune and period.',
        discarded: '{commune}, period {period}: set aside for {kept}, whose date of entry is later.',
        identical: '{commune}, period {period}: same figures as {kept}: one submission, counted once.',
      },
      'unusable-file': { unusable: '{detail}' },
    },
    ruleTitles: {
      'duplicate-report': 'One file per commune and period.',
      'unusable-file': 'The file opens as an Excel workbook.',
    },
  },
} as const;

export type ReasonId = keyof (typeof TEXTS)['fr']['reasons'];
export const MERGE_TEXTS = TEXTS;

export function reasonText(id: ReasonId, params: Params, lang: Lang): string {
  return interpolate(TEXTS[lang].reasons[id], params, lang);
}

export function statusText(status: keyof (typeof TEXTS)['fr']['status'], lang: Lang): string {
  return TEXTS[lang].status[status];
}

/** Any issue of a merge: the core's rules, or the merge's own checks between files. */
export function issueText(issue: Pick<Issue, 'ruleId' | 'messageId' | 'params'>, lang: Lang): string {
  const own = (TEXTS[lang].issues as Record<string, Record<string, string>>)[issue.ruleId]?.[issue.messageId];
  return own ? interpolate(own, issue.params, lang) : renderIssue(issue, lang);
}

/** What a check is about, in a few words: the core rule's description, or the merge's own checks. */
export function ruleTitle(ruleId: string, lang: Lang): string {
  const own = (TEXTS[lang].ruleTitles as Record<string, string>)[ruleId];
  return own ?? RULES.find((r) => r.id === ruleId)?.meta.description[lang] ?? ruleId;
}

export function problemText(id: keyof (typeof TEXTS)['fr']['problems'], params: Params, lang: Lang): string {
  return interpolate(TEXTS[lang].problems[id], params, lang);
}

export function summaryText(id: keyof (typeof TEXTS)['fr']['summary'], params: Params, lang: Lang): string {
  return interpolate(TEXTS[lang].summary[id], params, lang);
}
