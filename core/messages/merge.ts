import { CROSS_FILE_CHECKS } from '../consolidate/cumulative';
import type { SourceReasonId } from '../consolidate/model';
import { interpolate, renderIssue, type Lang } from './index';
import { inputErrorText, isInputErrorCode } from './inputs';
import type { Issue, Params } from '../report';
import { RULES } from '../rules/registry';

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
      toDateOnly: 'période {period}, avant {expected} : comptée dans le cumul à date seulement',
      lockFile: 'fichier de verrouillage d’Excel ou de LibreOffice',
      hidden: 'fichier ou dossier caché',
      extension: 'ni .xlsx, ni .xlsm, ni .csv',
      symlink: 'lien symbolique, non suivi : copiez le fichier lui-même dans le dossier',
      special: 'ni fichier ni dossier (tube nommé, périphérique ou socket) : non lu',
      nameNotUtf8: 'nom de fichier illisible (pas en UTF-8) : renommez le fichier, puis relancez',
      output: 'fichier de sortie de la consolidation',
      ownWorkbook: 'sortie d’une consolidation précédente (npm run merge) : ignorée',
      ownCsv:
        'table CSV d’une consolidation précédente (npm run merge --csv) : ignorée ; pour la réutiliser comme entrée, ouvrez-la et enregistrez-la à nouveau en CSV depuis Excel',
      ownFeedback: 'classeur de retour à une commune (--feedback) : ignoré',
    },
    status: { accepted: 'accepté', rejected: 'refusé', skipped: 'ignoré', duplicate: 'écarté' },
    problems: {
      inputMissing: 'dossier d’entrée introuvable : {input}',
      outputIsInput: 'le fichier de sortie serait écrit sur une entrée ({output}) : choisissez un autre --output',
      nothingUsable: 'aucun fichier utilisable dans {input} : le classeur consolidé n’a pas été écrit',
      reconciliation:
        'RAPPROCHEMENT ÉCHOUÉ : {count} total(aux) du classeur ne correspondent pas aux fichiers acceptés ({first}). Rien n’a été écrit.',
      strict: '--strict : au moins un fichier a été refusé, le classeur consolidé n’a pas été écrit',
      outputNotAFile:
        '{output} n’est pas un fichier ordinaire ({kind}) : il ne sera pas remplacé ; choisissez un autre chemin',
      csvIsOutput: '--csv et --output désignent le même fichier ({csv}) : choisissez deux fichiers différents',
      writeFailed: 'écriture impossible de {output} : {why}. Aucun fichier temporaire n’est resté ; {stale}',
    },
    kinds: {
      symlink: 'lien symbolique',
      directory: 'dossier',
      device: 'périphérique',
      fifo: 'tube nommé (FIFO)',
      socket: 'socket',
    },
    writeWhy: {
      readOnly: 'dossier en lecture seule ou accès refusé ; choisissez un dossier où vous pouvez écrire (--output)',
      diskFull: 'disque plein ; libérez de la place ou choisissez un autre disque (--output)',
      noFolder:
        'le dossier de sortie n’existe pas et ne peut pas être créé (un fichier porte-t-il son nom ?) ; vérifiez le chemin de --output',
      other: 'erreur du système de fichiers ({code}) ; vérifiez le chemin de --output',
    },
    stale: {
      removed: 'l’ancienne sortie a été supprimée pour qu’elle ne passe pas pour à jour.',
      none: 'aucune ancienne sortie n’est restée.',
      left: 'ATTENTION : l’ancienne sortie n’a pas pu être supprimée et n’est PAS à jour : {files}.',
    },
    summary: {
      files:
        '{files} fichier(s) : {accepted} accepté(s), {rejected} refusé(s), {skipped} ignoré(s), {duplicate} écarté(s).',
      toDateOnly: 'Dont {count} des périodes antérieures ({periods}), comptés dans le cumul à date seulement.',
      notReceived: 'Non reçu : {list}.',
      toDateMissing: 'Cumul à date incomplet, fichiers absents du dossier : {list}.',
      missingItem: '{commune} : {period} non reçu',
      rejectedItem: '{commune} : {period} non reçu (fichier refusé)',
      allReceived: 'Toutes les communes ont envoyé leur fichier pour chaque période ({periods}).',
      late: 'En retard : {list}.',
      lateItem: '{commune} : {period} saisi le {date}, {days} j après la date limite ({deadline})',
      written: 'Classeur consolidé : {output}',
      csv: 'Table CSV : {csv}',
      progress: '{done}/{total} fichiers lus',
      listSeparator: ' ; ',
      communeCount: '{count} communes',
      reasonSeparator: ' : ',
      moreIssues:
        '… et {count} autre(s) problème(s) dans ce fichier : corrigez les premiers puis relancez (liste entière : --json)',
    },
    issues: {
      'duplicate-report': {
        duplicate:
          '{commune}, période {period} : ce fichier et {others} portent sur la même commune et la même période.',
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
      toDateOnly: 'period {period}, before {expected}: counted in the cumulative to date only',
      lockFile: 'Excel or LibreOffice lock file',
      hidden: 'hidden file or folder',
      extension: 'not .xlsx, .xlsm or .csv',
      symlink: 'symbolic link, not followed: copy the file itself into the folder',
      special: 'neither a file nor a folder (named pipe, device or socket): not read',
      nameNotUtf8: 'unreadable file name (not UTF-8): rename the file, then run again',
      output: 'output file of the consolidation',
      ownWorkbook: 'output of an earlier merge (npm run merge): skipped',
      ownCsv:
        'CSV table of an earlier merge (npm run merge --csv): skipped; to use it as an input, open it and save it again as CSV from Excel',
      ownFeedback: 'feedback workbook for a commune (--feedback): skipped',
    },
    status: { accepted: 'accepted', rejected: 'rejected', skipped: 'skipped', duplicate: 'set aside' },
    problems: {
      inputMissing: 'input folder not found: {input}',
      outputIsInput: 'the output would be written over an input ({output}): choose another --output',
      nothingUsable: 'no usable file in {input}: the consolidated workbook was not written',
      reconciliation:
        'RECONCILIATION FAILED: {count} total(s) of the workbook do not match the accepted files ({first}). Nothing was written.',
      strict: '--strict: at least one file was rejected, the consolidated workbook was not written',
      outputNotAFile: '{output} is not a regular file ({kind}): it will not be replaced; choose another path',
      csvIsOutput: '--csv and --output name the same file ({csv}): choose two different files',
      writeFailed: 'cannot write {output}: {why}. No temporary file was left; {stale}',
    },
    kinds: {
      symlink: 'symbolic link',
      directory: 'folder',
      device: 'device',
      fifo: 'named pipe (FIFO)',
      socket: 'socket',
    },
    writeWhy: {
      readOnly: 'read-only folder or access denied; choose a folder you can write to (--output)',
      diskFull: 'disk full; free some space or choose another disk (--output)',
      noFolder:
        'the output folder does not exist and cannot be created (is a file named like it?); check the --output path',
      other: 'file system error ({code}); check the --output path',
    },
    stale: {
      removed: 'the previous output was deleted so that it cannot pass for current.',
      none: 'no previous output is left.',
      left: 'WARNING: the previous output could not be deleted and is NOT current: {files}.',
    },
    summary: {
      files: '{files} file(s): {accepted} accepted, {rejected} rejected, {skipped} skipped, {duplicate} set aside.',
      toDateOnly: 'Of which {count} from earlier periods ({periods}), counted in the cumulative to date only.',
      notReceived: 'Not received: {list}.',
      toDateMissing: 'Cumulative to date incomplete, files missing from the folder: {list}.',
      missingItem: '{commune}: {period} not received',
      rejectedItem: '{commune}: {period} not received (file rejected)',
      allReceived: 'Every commune sent its file for every period ({periods}).',
      late: 'Late: {list}.',
      lateItem: '{commune}: {period} entered on {date}, {days} days after the deadline ({deadline})',
      written: 'Consolidated workbook: {output}',
      csv: 'CSV table: {csv}',
      progress: '{done}/{total} files read',
      listSeparator: '; ',
      communeCount: '{count} communes',
      reasonSeparator: ': ',
      moreIssues: '… and {count} more problem(s) in this file: fix the first ones and run again (whole list: --json)',
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

export type ReasonId = SourceReasonId;
// Each language has exactly one text per reason a record can carry: a missing or extra one does not compile.
TEXTS.fr.reasons satisfies Record<SourceReasonId, string>;
TEXTS.en.reasons satisfies Record<SourceReasonId, string>;
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const reasonsMatch: Exactly<keyof (typeof TEXTS)['fr']['reasons'], SourceReasonId> = true;
void reasonsMatch;
export const MERGE_TEXTS = TEXTS;

/**
 * An unusable file's record keeps its input error's code and parameters (core/messages/inputs.ts):
 * its `{detail}` is written here, in the reader's language. Without a known code, `detail` is the text as kept.
 */
function withDetail(params: Params, lang: Lang): Params {
  const code = params.code;
  return typeof code === 'string' && isInputErrorCode(code)
    ? { ...params, detail: inputErrorText(code, params, lang) }
    : params;
}

export function reasonText(id: ReasonId, params: Params, lang: Lang): string {
  return interpolate(TEXTS[lang].reasons[id], id === 'unusable' ? withDetail(params, lang) : params, lang);
}

export function statusText(status: keyof (typeof TEXTS)['fr']['status'], lang: Lang): string {
  return TEXTS[lang].status[status];
}

/** Any issue of a merge: the core's rules, or the merge's own checks between files. */
export function issueText(issue: Pick<Issue, 'ruleId' | 'messageId' | 'params'>, lang: Lang): string {
  const own = (TEXTS[lang].issues as Record<string, Record<string, string>>)[issue.ruleId]?.[issue.messageId];
  if (!own) return renderIssue(issue, lang);
  return interpolate(own, issue.ruleId === 'unusable-file' ? withDetail(issue.params, lang) : issue.params, lang);
}

/** What a check is about, in a few words: the core rule's description, or the merge's own checks. */
export function ruleTitle(ruleId: string, lang: Lang): string {
  const own = (TEXTS[lang].ruleTitles as Record<string, string>)[ruleId];
  return (
    own ??
    RULES.find((r) => r.id === ruleId)?.meta.description[lang] ??
    CROSS_FILE_CHECKS.find((c) => c.id === ruleId)?.description[lang] ??
    ruleId
  );
}

export function problemText(id: keyof (typeof TEXTS)['fr']['problems'], params: Params, lang: Lang): string {
  const t = TEXTS[lang];
  if (id === 'outputNotAFile')
    return interpolate(
      t.problems[id],
      { ...params, kind: t.kinds[params.kind as keyof typeof t.kinds] ?? String(params.kind) },
      lang,
    );
  if (id === 'writeFailed') {
    const why = interpolate(
      t.writeWhy[params.why as keyof typeof t.writeWhy] ?? t.writeWhy.other,
      { code: String(params.code ?? params.why) },
      lang,
    );
    const stale =
      params.stale === 'removed'
        ? t.stale.removed
        : params.stale
          ? interpolate(t.stale.left, { files: params.stale }, lang)
          : t.stale.none;
    return interpolate(t.problems[id], { ...params, why, stale }, lang);
  }
  return interpolate(t.problems[id], params, lang);
}

export function summaryText(id: keyof (typeof TEXTS)['fr']['summary'], params: Params, lang: Lang): string {
  return interpolate(TEXTS[lang].summary[id], params, lang);
}

/** Past this many communes missing for one period, their number is given instead of their names. */
export const TO_DATE_NAMES_UP_TO = 12;

/**
 * The earlier periods missing from the cumulative to date (`model.toDateMissing`), in one sentence:
 * « Cumul à date incomplet, fichiers absents du dossier : 2023 (Gounzourèye, Bara) ; 2024-T1 (13 communes). »;
 * undefined when none is missing. The merge's summary and the Synthèse sheet both say it with this one function.
 */
export function toDateMissingText(
  missing: readonly { period: string; communes: readonly string[] }[],
  framework: { communes: readonly { code: string; name: string }[] },
  lang: Lang,
): string | undefined {
  if (missing.length === 0) return undefined;
  const names = new Map(framework.communes.map((c) => [c.code, c.name]));
  const who = (codes: readonly string[]) =>
    codes.length <= TO_DATE_NAMES_UP_TO
      ? codes.map((c) => names.get(c) ?? c).join(', ')
      : summaryText('communeCount', { count: codes.length }, lang);
  const list = missing.map((m) => `${m.period} (${who(m.communes)})`).join(summaryText('listSeparator', {}, lang));
  return summaryText('toDateMissing', { list }, lang);
}
