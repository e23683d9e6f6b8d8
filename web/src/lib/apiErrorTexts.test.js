import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/http.js'
import { createMomentumI18n } from '../i18n/index.js'
import { fieldErrorText, fieldMessages, formatParams, requestErrorText, unshownFieldsText } from './apiErrors.js'

function translator(locale) {
  return createMomentumI18n(locale).global
}

const en = translator('en')
const de = translator('de')

// One row per field error code the web app can trigger: the server's body and the texts expected.
const FIELD_CASES = [
  {
    entry: { field: 'units[0]', code: 'unknown_unit', message: 'names no unit of your organisation', params: { value: 'u-gone' } },
    en: 'No unit of your organisation has this id. Choose a unit from the list.',
    de: 'Ihre Organisation hat keine Einheit mit dieser ID. Wählen Sie eine Einheit aus der Liste.',
  },
  {
    entry: { field: '[1].subject', code: 'out_of_scope', message: 'The kpi "b" belongs to unit ...', params: { kind: 'kpi' } },
    en: /^Outside the units or node kinds of this API token/,
    de: /^Liegt außerhalb der Einheiten oder Elementarten dieses API-Tokens/,
  },
  {
    entry: { field: 'key', code: 'taken', message: 'is already taken' },
    en: 'Already used by another item of your organisation. Choose another key.',
    de: 'Wird bereits von einem anderen Element Ihrer Organisation verwendet. Wählen Sie einen anderen Schlüssel.',
  },
  {
    entry: { field: 'key', code: 'taken_by', message: 'is already used by the key result "Grow AOV"', params: { kind: 'key_result', title: 'Grow AOV' } },
    en: 'Already used by "Grow AOV" in your organisation; objectives, key results, KPIs and initiatives share one set of keys. Choose another key.',
    de: 'Wird bereits von „Grow AOV“ in Ihrer Organisation verwendet; Ziele, Schlüsselergebnisse, KPIs und Initiativen teilen sich die Schlüssel. Wählen Sie einen anderen Schlüssel.',
  },
  {
    entry: { field: 'key', code: 'taken_by_archived', message: 'is already used by the archived KPI "Old"', params: { kind: 'kpi', title: 'Old' } },
    en: /archived item "Old": keys of archived items stay taken/,
    de: /archivierten Element „Old“/,
  },
  {
    entry: { field: 'keyPrefix', code: 'cycle_keys_taken', message: 'names cycles that exist already', params: { keys: ['fy2027', 'fy2027-q1'] } },
    en: 'Your organisation has these cycles already: fy2027, fy2027-q1. Choose another prefix, or use the existing year.',
    de: /Diese Zyklen gibt es in Ihrer Organisation bereits: fy2027, fy2027-q1/,
  },
  {
    entry: { field: 'key', code: 'key_format', message: 'must be lower-case letters' },
    en: /lower-case letters, digits, dots, dashes or underscores/,
    de: /Kleinbuchstaben, Ziffern, Punkte/,
  },
  {
    entry: { field: 'title', code: 'too_long', message: 'is 201 characters long; the limit is 200', params: { length: 201, limit: 200 } },
    en: 'Too long: 201 characters, at most 200 are allowed. Shorten it.',
    de: 'Zu lang: 201 Zeichen, erlaubt sind höchstens 200. Bitte kürzen.',
  },
  {
    entry: { field: 'title', code: 'missing', message: 'is missing' },
    en: 'Required. Fill in this field.',
    de: 'Pflichtfeld. Bitte ausfüllen.',
  },
  {
    entry: { field: 'target', code: 'target_below_start', message: 'is below start (12.5)', params: { start: '12.5' } },
    en: /below the start value \(12\.5\).*"Decrease a number"/,
    de: /unter dem Startwert \(12,5\).*„Zahl senken“/,
  },
  {
    entry: { field: 'commit', code: 'commit_range', message: 'must lie between', params: { start: '0', target: '10' } },
    en: 'The commit level must lie between start (0) and target (10).',
    de: 'Die Zusage muss zwischen Start (0) und Ziel (10) liegen.',
  },
  {
    entry: { field: 'green', code: 'green_not_above_red', message: 'must be above red (20)', params: { red: '20' } },
    en: 'For a KPI that should increase, green must be above red (20).',
    de: 'Bei einem KPI, der steigen soll, muss Grün über Rot (20) liegen.',
  },
  {
    entry: { field: 'direction', code: 'not_allowed', message: 'must be one of', params: { value: 'up', allowed: ['increase', 'decrease'] } },
    en: '"up" is not possible here. Choose one of: increase, decrease.',
    de: '„up“ ist hier nicht möglich. Wählen Sie eines von: increase, decrease.',
  },
  {
    entry: {
      field: 'formula',
      code: 'formula_syntax',
      message: "missing ')' for the '(' at 5 at 7; close it",
      params: { position: 7, reason: "missing ')' for the '(' at 5", problem: 'missing_bracket', subject: null },
    },
    en: 'The formula is invalid at character 7. A bracket is not closed. Add the missing closing bracket.',
    de: 'Die Formel ist ab Zeichen 7 ungültig. Eine Klammer ist nicht geschlossen. Ergänzen Sie die fehlende schließende Klammer.',
  },
  {
    entry: {
      field: 'formula',
      code: 'formula_syntax',
      message: "unknown function 'sqrt' at 1; use min, max, abs or round",
      params: { position: 1, reason: "unknown function 'sqrt'", problem: 'unknown_function', subject: 'sqrt' },
    },
    en: 'The formula is invalid at character 1. The function sqrt is unknown. Use min, max, abs or round.',
    de: 'Die Formel ist ab Zeichen 1 ungültig. Die Funktion sqrt ist unbekannt. Verwenden Sie min, max, abs oder round.',
  },
  {
    entry: { field: 'formula', code: 'formula_unknown_variable', message: 'uses aov', params: { variables: 'aov, orders' } },
    en: /uses aov, orders, which no driver is named/,
    de: /verwendet aov, orders, aber kein Treiber/,
  },
  {
    entry: { field: 'version', code: 'stale_version', message: 'is 4 now', params: { currentVersion: 4 } },
    en: /changed this in the meantime \(now version 4\)\. Reload and apply your change again\./,
    de: /zwischenzeitlich geändert \(jetzt Version 4\)\. Laden Sie neu/,
  },
  {
    entry: { field: 'parentId', code: 'loop', message: 'would create a loop', params: { loop: ['a', 'b', 'a'] } },
    en: 'This would create the loop a → b → a. Choose an item outside this loop.',
    de: 'Das würde die Schleife a → b → a erzeugen. Wählen Sie ein Element außerhalb dieser Schleife.',
  },
  {
    entry: { field: 'end', code: 'end_before_start', message: 'must not be before start', params: { start: '2026-10-01' } },
    en: 'The end lies before the start (2026-10-01). Choose a later end.',
    de: 'Das Ende liegt vor dem Beginn (2026-10-01). Wählen Sie ein späteres Ende.',
  },
  {
    entry: { field: 'due', code: 'due_before_start', message: 'must not be before start', params: { start: '2026-10-10' } },
    en: /due date lies before the start \(2026-10-10\)/,
    de: /Fälligkeitsdatum liegt vor dem Beginn \(2026-10-10\)/,
  },
  {
    entry: { field: 'toStage', code: 'stage_order', message: 'comes before', params: { fromStage: 'output', toStage: 'input' } },
    en: /target stage \(Input\) comes before the source stage \(Output\)/,
    de: /Zielstufe \(Input\) liegt vor der Ausgangsstufe \(Output\)/,
  },
  {
    entry: { field: 'toStage', code: 'stage_kind', message: 'accepts', params: { stage: 'outcome', kind: 'initiative', allowed: ['key_result', 'kpi', 'objective'] } },
    en: 'The Outcome stage accepts Key result, KPI, Objective only. Choose a stage that fits this item.',
    de: /Die Stufe Outcome nimmt nur Schlüsselergebnis, KPI, Ziel auf/,
  },
  {
    entry: { field: 'secret', code: 'too_short', message: 'is 9 characters long; use at least 16', params: { length: 9, minimum: 16 } },
    en: 'Too short: 9 characters, at least 16 are needed. Enter a longer value.',
    de: 'Zu kurz: 9 Zeichen, nötig sind mindestens 16. Geben Sie einen längeren Wert ein.',
  },
  {
    entry: { field: 'storyPointsField', code: 'field_format', message: 'must be a field id', params: { value: 'Story Points' } },
    en: '"Story Points" is not a field id. Enter the id from Jira\'s field settings, such as customfield_10016.',
    de: /„Story Points“ ist keine Feld-ID/,
  },
  {
    entry: { field: 'matchValue', code: 'match_value_format', message: 'must be an issue key', params: { matchKind: 'issue_key', value: 'SHOP 42' } },
    en: /^"SHOP 42" does not fit the match by Issue key\./,
    de: /^„SHOP 42“ passt nicht zur Zuordnung nach Vorgangsschlüssel\./,
  },
  {
    entry: { field: 'name', code: 'token_name_taken', message: 'is the name of an active token' },
    en: 'An active token already has this name. Choose another name or revoke that token first.',
    de: /^Ein aktives Token hat bereits diesen Namen\./,
  },
  {
    entry: { field: 'scopes', code: 'read_required', message: 'must contain "read"' },
    en: 'Every token needs read access. Keep "read" among the scopes.',
    de: /^Jedes Token braucht Lesezugriff\./,
  },
  {
    entry: { field: 'url', code: 'url_private', message: 'points at 10.0.0.5', params: { address: '10.0.0.5' } },
    en: /^The address points at 10\.0\.0\.5, a loopback, private/,
    de: /^Die Adresse zeigt auf 10\.0\.0\.5/,
  },
  {
    entry: { field: 'url', code: 'url_credentials', message: 'must not contain a user name or password' },
    en: /^Remove the user name and password/,
    de: /^Entfernen Sie Benutzername und Passwort/,
  },
  {
    entry: { field: 'url', code: 'url_scheme', message: 'must start with http:// or https://' },
    en: 'The address must start with http:// or https://.',
    de: 'Die Adresse muss mit http:// oder https:// beginnen.',
  },
  {
    entry: { field: 'url', code: 'url_fragment', message: 'must not contain a fragment' },
    en: /part after # from the address/,
    de: /Teil nach # aus der Adresse/,
  },
  {
    entry: { field: 'url', code: 'url_format', message: 'must be an absolute http or https URL' },
    en: /absolute URL such as https:\/\/hooks\.example\.com\/momentum/,
    de: /absolute URL ein/,
  },
  {
    entry: { field: 'secret', code: 'secret_not_editable', message: 'cannot be changed here' },
    en: /Use "New secret" to replace it/,
    de: /„Neues Geheimnis“/,
  },
]

describe('fieldErrorText', () => {
  const rows = FIELD_CASES.flatMap((row) => [
    { ...row, language: 'en', i18n: en, expected: row.en },
    { ...row, language: 'de', i18n: de, expected: row.de },
  ])

  it.each(rows)('words $entry.code in $language', ({ entry, i18n, expected }) => {
    const text = fieldErrorText(entry, i18n)

    if (expected instanceof RegExp) {
      expect(text).toMatch(expected)
    } else {
      expect(text).toBe(expected)
    }
  })

  it.each([
    ['an unknown code', { field: 'x', code: 'brand_new_rule', message: 'breaks a new rule; do this' }],
    ['the general code', { field: 'x', code: 'invalid', message: 'breaks a rule; do that' }],
    ['no code', { field: 'x', message: 'was rejected by an older server' }],
  ])('falls back to the server message for %s', (_, entry) => {
    expect(fieldErrorText(entry, de)).toBe(entry.message)
  })

  it.each([
    ['an unknown problem', { position: 3, reason: 'odd', problem: 'brand_new_problem' }],
    ['no problem code', { position: 3, reason: 'odd' }],
  ])('keeps the server message for a formula with %s', (_, params) => {
    const entry = { field: 'formula', code: 'formula_syntax', message: 'odd at 3; fix it', params }

    expect(fieldErrorText(entry, de)).toBe('odd at 3; fix it')
  })

  it('falls back to the server message when params are missing', () => {
    const entry = { field: 'target', code: 'target_below_start', message: 'is below start (3)' }

    expect(fieldErrorText(entry, de)).toBe('is below start (3)')
  })

  it('uses the server message without a translator', () => {
    expect(fieldErrorText({ field: 'key', code: 'taken', message: 'is already taken' })).toBe('is already taken')
  })
})

describe('fieldMessages with a translator', () => {
  it('words each field in the reader language', () => {
    const error = new ApiError(409, 'conflict', 'The key "nps" is already used', {
      fields: [{ field: 'key', code: 'taken', message: 'is already taken' }],
    })

    expect(fieldMessages(error, de)).toEqual({
      key: 'Wird bereits von einem anderen Element Ihrer Organisation verwendet. Wählen Sie einen anderen Schlüssel.',
    })
  })
})

// One row per top-level code a page can show in a banner.
const REQUEST_CASES = [
  { code: 'stale_version', status: 409, details: { currentVersion: 3 }, en: /Reload it and apply your change again/, de: /Laden Sie neu/ },
  { code: 'alignment_loop', status: 409, details: { loop: ['a', 'b', 'a'] }, en: /loop a → b → a\. Link to an item outside/, de: /Schleife a → b → a erzeugen/ },
  { code: 'cycle_closed', status: 409, details: { cycle: 'fy2026-q1' }, en: /cycle fy2026-q1 is closed/, de: /Zyklus fy2026-q1 ist abgeschlossen/ },
  { code: 'cycle_open', status: 409, details: { cycle: 'fy2026' }, en: /fy2026 is open/, de: /fy2026 ist offen/ },
  { code: 'open_child_cycles', status: 409, details: { cycle: 'fy2026', openCycles: 'fy2026-q4' }, en: /open cycles fy2026-q4/, de: /offenen Zyklen fy2026-q4/ },
  { code: 'has_children', status: 409, details: { children: ['kr-a', 'kr-b'], childCount: 2 }, en: /2 items are aligned below this one \(kr-a, kr-b\)/, de: /2 Elemente ausgerichtet \(kr-a, kr-b\)/ },
  { code: 'has_dependents', status: 409, details: { dependents: 'revenue' }, en: /\(revenue\)\. Change or archive them first/, de: /\(revenue\)\. Ändern oder archivieren/ },
  { code: 'link_exists', status: 409, details: {}, en: /exists already/, de: /gibt es bereits/ },
  { code: 'too_many_rules', status: 409, details: { limit: 500 }, en: /at most 500 mapping rules/, de: /höchstens 500 Zuordnungsregeln/ },
  { code: 'delivery_not_failed', status: 409, details: { state: 'delivered' }, en: /this one is delivered/, de: /im Zustand delivered/ },
  { code: 'forbidden', status: 403, details: {}, en: /Ask an administrator/, de: /nicht berechtigt/ },
  { code: 'out_of_scope', status: 403, details: { allowed: { units: ['u-1'], kinds: [] } }, en: /outside the token's units or node kinds/, de: /außerhalb der Einheiten oder Elementarten/ },
  { code: 'token_restricted', status: 403, details: { allowed: { units: [], kinds: ['kpi'] } }, en: /cannot change units, cycles, settings/, de: /keine Einheiten, Zyklen, Einstellungen/ },
  { code: 'not_found', status: 404, details: {}, en: /^server text\. It may have been archived/, de: /Meldung des Servers: server text$/ },
  { code: 'internal_error', status: 500, details: { requestId: 'abc-123' }, en: /request id abc-123/, de: /Anfrage-ID abc-123/ },
]

describe('requestErrorText', () => {
  it.each(REQUEST_CASES)('words $code in both languages', ({ code, status, details, en: english, de: german }) => {
    const error = new ApiError(status, code, 'server text', { details })

    expect(requestErrorText(error, en)).toMatch(english)
    expect(requestErrorText(error, de)).toMatch(german)
  })

  it('names the one invalid field with its text', () => {
    const error = new ApiError(400, 'validation_failed', 'due: must not be before start (2026-10-10)', {
      fields: [{ field: 'due', code: 'due_before_start', message: 'must not be before start', params: { start: '2026-10-10' } }],
    })

    expect(requestErrorText(error, de)).toBe('due: Das Fälligkeitsdatum liegt vor dem Beginn (2026-10-10). Wählen Sie ein späteres Datum.')
  })

  it('counts several invalid fields', () => {
    const error = new ApiError(400, 'validation_failed', '2 fields are invalid', {
      fields: [
        { field: 'key', code: 'missing', message: 'is missing' },
        { field: 'title', code: 'missing', message: 'is missing' },
      ],
    })

    expect(requestErrorText(error, en)).toBe('2 fields are invalid. Correct the marked fields and save again.')
  })

  it.each([
    ['has_dependents', {}],
    ['internal_error', {}],
    ['alignment_loop', { loop: null }],
  ])('returns null for %s without the details its text names', (code, details) => {
    expect(requestErrorText(new ApiError(409, code, 'server text', { details }), de)).toBeNull()
  })

  it('returns null for a code the web does not know', () => {
    expect(requestErrorText(new ApiError(409, 'conflict', 'The fiscal year exists already'), de)).toBeNull()
  })
})

describe('unshownFieldsText', () => {
  const error = new ApiError(400, 'validation_failed', '2 fields are invalid', {
    fields: [
      { field: 'title', code: 'missing', message: 'is missing' },
      { field: 'unitId', code: 'unknown_reference', message: 'names no unit of your organisation' },
    ],
  })

  it('words the fields the form does not show', () => {
    expect(unshownFieldsText(error, ['title'], de)).toBe(
      'unitId: Der gewählte Eintrag existiert in Ihrer Organisation nicht oder wurde archiviert. Wählen Sie einen anderen.',
    )
  })

  it('is null when the form shows every field', () => {
    expect(unshownFieldsText(error, ['title', 'unitId'], de)).toBeNull()
  })
})

describe('formatParams', () => {
  it.each([
    [{ loop: ['a', 'b'] }, 'de', { loop: 'a → b' }],
    [{ allowed: ['x', 'y'] }, 'en', { allowed: 'x, y' }],
    [{ start: '-1234.5' }, 'de', { start: '-1234,5' }],
    [{ start: '2026-10-01' }, 'de', { start: '2026-10-01' }],
    [{ limit: 200 }, 'en', { limit: '200' }],
  ])('formats %o in %s', (params, locale, expected) => {
    expect(formatParams(params, locale)).toEqual(expected)
  })
})
