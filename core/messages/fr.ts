import type { Severity } from '../report';
import type { RuleMessages } from '../rules/registry';

/**
 * What a catalogue holds. Its rules part is derived from the rules' `meta.messageIds`: a rule whose
 * messages are missing here, or a message no rule declares, does not compile (en.ts is typed as fr.ts).
 */
interface Catalogue {
  rules: RuleMessages;
  checks: Record<string, Record<string, string>>;
  severity: Record<Severity, string>;
}

/** Messages en français, par règle puis par identifiant de message. `{param}` est remplacé au rendu. */
export const fr = {
  rules: {
    'commune-mismatch': {
      mismatch: 'La commune inscrite est « {found} » alors que ce modèle a été fait pour « {expected} ».',
      notExpected: 'Ce classeur est celui de {found}, alors que {expected} était attendue.',
    },
    'date-outside-period': {
      before: 'La date de saisie {date} est antérieure au début de la période {period} ({start}).',
      after:
        'La date de saisie {date} ne peut pas appartenir à la période {period} : elle tombe plus d’un an après la date limite du {last}. Vérifiez la date et la période.',
    },
    'duplicate-code': {
      duplicate: 'Le code {code} apparaît deux fois (déjà en {first}) : ses valeurs seraient comptées deux fois.',
    },
    'excel-error': {
      error: 'La cellule « {field} » contient l’erreur Excel {code} : saisissez la valeur.',
    },
    'invalid-date': {
      invalid: '« {text} » n’est pas une date : saisissez-la sous la forme jj/mm/aaaa.',
    },
    'late-entry': {
      late: 'Saisie du {date}, après la date limite du {deadline} pour la période {period} ({days} jour(s) de retard) : les chiffres sont gardés, le retard est signalé.',
    },
    'missing-header': {
      missing: 'La colonne « {header} » est introuvable dans la feuille {sheet}.',
    },
    'missing-row': {
      missing: 'La ligne de {code} ({label}) est introuvable.',
    },
    'missing-sheet': {
      missing: 'La feuille « {sheet} » est introuvable dans le classeur.',
      renamed:
        'La feuille « {sheet} » est introuvable, mais « {copy} » existe : renommez « {copy} » en « {sheet} » (clic droit sur l’onglet › Renommer).',
      emptyOriginal:
        'La feuille « {sheet} » est vide et ses chiffres sont dans « {copy} » : recopiez-les dans « {sheet} », ou supprimez « {sheet} » et renommez « {copy} » en « {sheet} ».',
    },
    'non-negative-integer': {
      negative: '« {field} » vaut {value} : un nombre négatif n’est pas possible.',
      fractional: '« {field} » vaut {value} : un effectif est un nombre entier.',
      fractionalAmount: '« {field} » vaut {value} : les montants en FCFA sont des nombres entiers, sans centimes.',
    },
    'not-a-number': {
      notNumber: '« {text} » n’est pas un nombre (colonne {field}).',
      ambiguous: '« {text} » est ambigu : 1 250 ou 1,25 ? Saisissez le nombre sans point ni virgule de milliers.',
    },
    'number-as-text': {
      number: '« {text} » est saisi comme du texte ; il est lu comme {value}. Saisissez le nombre {value}.',
      date: '« {text} » est saisi comme du texte ; il est lu comme la date {date}.',
    },
    'over-achievement': {
      over: '{code} : réalisé {achieved} pour {planned} prévus ({percent} %). Vérifiez la saisie ou expliquez-la dans « Commentaire ».',
      overJustified:
        '{code} : réalisé {achieved} pour {planned} prévus ({percent} %), justifié en commentaire : « {comment} ».',
    },
    overspending: {
      over: '{code} : dépensé {spent} FCFA pour {planned} FCFA prévus (dépassement de {excess} FCFA). Justifiez-le dans « Commentaire ».',
      overJustified:
        '{code} : dépensé {spent} FCFA pour {planned} FCFA prévus (dépassement de {excess} FCFA), justifié en commentaire : « {comment} ».',
    },
    'planned-mismatch': {
      mismatch: '{code} : le prévu {found} ne correspond pas à la cible du cadre de résultats ({expected}).',
      empty: '{code} : le prévu est vide ; la cible du cadre de résultats est {expected}.',
      undefinedTarget:
        '{code} : le prévu {found} ne correspond à aucune cible : cible non définie pour {period} dans le cadre de résultats. Effacez ce prévu.',
      targetDefined:
        '{code} : le prévu indique « cible non définie » alors que le cadre de résultats fixe la cible à {expected}. Saisissez {expected}.',
    },
    'required-value': {
      missing: '« {field} » est obligatoire.',
      missingNumber: '{code} : « {field} » est vide. Une activité non réalisée se saisit 0.',
    },
    'sex-sum-mismatch': {
      achieved: '{code} : Femmes ({women}) + Hommes ({men}) = {sum}, différent du réalisé ({total}).',
      total: '{code} : Femmes ({women}) + Hommes ({men}) = {sum}, différent du total ({total}).',
    },
    'template-mismatch': {
      notTemplate: 'Ce classeur n’est pas un modèle du projet ({framework}) : utilisez le modèle de votre commune.',
      otherFramework: 'Ce modèle appartient à un autre cadre de résultats ({found}, attendu : {expected}).',
      outdatedFramework:
        'Ce classeur a été fait avec le modèle de la version {found} du cadre de résultats, or la version en cours est {expected} : il ne peut pas être consolidé. Recopiez vos chiffres dans le modèle de votre commune de la version {expected}.',
      outdatedTemplate:
        'Ce classeur a été fait avec la version {found} du modèle, or la version en cours est {expected} : il ne peut pas être consolidé. Recopiez vos chiffres dans le modèle à jour de votre commune.',
    },
    'under-achievement-without-comment': {
      under: '{code} : réalisé {achieved} pour {planned} prévus ({percent} %). Expliquez l’écart dans « Commentaire ».',
    },
    'unexpected-formula': {
      formula: '« {field} » contient la formule {formula} : saisissez la valeur elle-même.',
    },
    'unexpected-value': {
      notDisaggregated:
        '{code} : « {field} » doit rester vide (cet indicateur ne compte pas des personnes), mais contient « {value} ».',
    },
    'unknown-code': {
      unknown: 'Le code « {code} » ne fait pas partie du cadre de résultats.',
      noCode: 'Cette ligne contient des valeurs mais pas de code : elles ne seraient rattachées à rien.',
    },
    'unknown-commune': {
      unknownCode: 'Le code de commune « {code} » ne fait pas partie du projet ({known}).',
      unknownName: 'La commune « {name} » ne fait pas partie du projet ({known}).',
    },
    'unknown-period': {
      unknown: 'La période « {text} » n’existe pas ; choisissez parmi : {periods}.',
      grouping:
        'La période « {text} » regroupe plusieurs périodes de rapportage : choisissez celle du rapport parmi : {periods}.',
      templatePeriod:
        'La période est « {text} », alors que ce modèle a été fait pour {template} : ses prévus sont ceux de {template}. Utilisez le modèle de la période {text}.',
      notExpected: 'La période est « {text} », alors que {expected} est attendue.',
    },
  },
  /** Contrôles entre fichiers, faits à la consolidation (core/consolidate/cumulative.ts). */
  checks: {
    'cumulative-decrease': {
      decrease:
        '{code} : {value} en {period}, moins que {earlier} en {earlierPeriod} ({earlierFile}) : un cumul ne diminue pas ; vérifiez les deux fichiers.',
    },
  },
  severity: { error: 'Erreur', warning: 'Avertissement', info: 'Information' },
} satisfies Catalogue;
