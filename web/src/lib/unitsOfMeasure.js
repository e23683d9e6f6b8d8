// Numbers written with the unit of measure a person gave a key result or KPI, in English and
// German. The engine has the same rules in the Java class UnitsOfMeasure (streams module), which
// briefs and signal explanations use.
//
// - Word units from a small lexicon agree with the number: "1 day" and "3 days", "1 Tag" and
//   "3 Tage". Only a number written as exactly 1 takes the singular, so "1.0 days" and "0 days"
//   stay plural. The unit keeps the language it was written in: "days" on a German screen
//   becomes "1 day".
// - Currencies (EUR, USD, GBP, CHF, €, $, £, also with a scale such as "EUR k" or "EUR M") stand
//   where a reader expects them: English "EUR 34.10" and "€34.10", German "34,10 EUR" and "34,10 €".
// - Every other unit, including symbols and abbreviations such as %, s, ms, h, pp and kEUR,
//   follows the number as written.
//
// Money decimals: an amount in a currency without a scale has two decimals when it has cents
// ("34.10") and none when it has none ("34").

const CURRENCY = /^(EUR|USD|GBP|CHF|€|\$|£)(?:\s*(k|K|Tsd\.?|M|m|Mio\.?|bn|Mrd\.?))?$/
const SINGULAR_NUMBER = /^[-+\u2212]?1$/

const ENGLISH_REGULAR = [
  'day', 'week', 'month', 'year', 'hour', 'minute', 'second', 'point', 'order',
  'customer', 'user', 'ticket', 'hire', 'release', 'deal', 'lead', 'visit', 'visitor', 'review', 'incident',
  'bug', 'defect', 'sprint', 'employee', 'signup', 'sale', 'call', 'meeting', 'download', 'install',
  'subscriber', 'member', 'partner', 'project', 'feature', 'test', 'course', 'demo', 'contract', 'invoice',
  'complaint', 'session', 'account', 'store', 'article', 'post', 'lesson', 'item', 'task', 'request',
  'outage', 'event', 'trial', 'seat', 'license', 'app', 'deployment', 'interview', 'workshop', 'shipment',
  'return', 'story point', 'issue',
]

const ENGLISH_IRREGULAR = [
  ['story', 'stories'],
  ['delivery', 'deliveries'],
  ['opportunity', 'opportunities'],
  ['country', 'countries'],
  ['person', 'people'],
]

const GERMAN_FORMS = [
  ['Tag', 'Tage'], ['Woche', 'Wochen'], ['Monat', 'Monate'], ['Jahr', 'Jahre'], ['Stunde', 'Stunden'],
  ['Minute', 'Minuten'], ['Sekunde', 'Sekunden'], ['Punkt', 'Punkte'], ['Storypunkt', 'Storypunkte'],
  ['Bestellung', 'Bestellungen'], ['Auftrag', 'Aufträge'], ['Kunde', 'Kunden'], ['Neukunde', 'Neukunden'],
  ['Nutzer', 'Nutzer'], ['Benutzer', 'Benutzer'], ['Ticket', 'Tickets'], ['Story', 'Storys'],
  ['Einstellung', 'Einstellungen'], ['Neueinstellung', 'Neueinstellungen'], ['Release', 'Releases'],
  ['Deal', 'Deals'], ['Abschluss', 'Abschlüsse'], ['Lead', 'Leads'], ['Besuch', 'Besuche'],
  ['Besucher', 'Besucher'], ['Review', 'Reviews'], ['Vorfall', 'Vorfälle'], ['Störung', 'Störungen'],
  ['Fehler', 'Fehler'], ['Bug', 'Bugs'], ['Sprint', 'Sprints'], ['Person', 'Personen'],
  ['Anmeldung', 'Anmeldungen'], ['Registrierung', 'Registrierungen'], ['Verkauf', 'Verkäufe'],
  ['Anruf', 'Anrufe'], ['Termin', 'Termine'], ['Download', 'Downloads'], ['Installation', 'Installationen'],
  ['Mitglied', 'Mitglieder'], ['Projekt', 'Projekte'], ['Feature', 'Features'], ['Test', 'Tests'],
  ['Kurs', 'Kurse'], ['Schulung', 'Schulungen'], ['Vertrag', 'Verträge'], ['Lieferung', 'Lieferungen'],
  ['Rechnung', 'Rechnungen'], ['Beschwerde', 'Beschwerden'], ['Filiale', 'Filialen'], ['Artikel', 'Artikel'],
  ['Aufgabe', 'Aufgaben'], ['Anfrage', 'Anfragen'], ['Lizenz', 'Lizenzen'], ['Interview', 'Interviews'],
  ['Rücksendung', 'Rücksendungen'],
]

/** Maps each form of a word unit, in lower case, to its singular and plural. */
function lexicon(pairs) {
  const forms = new Map()
  for (const [singular, plural] of pairs) {
    const entry = { singular, plural }
    forms.set(singular.toLowerCase(), entry)
    forms.set(plural.toLowerCase(), entry)
  }
  return forms
}

const ENGLISH = lexicon([...ENGLISH_REGULAR.map((word) => [word, `${word}s`]), ...ENGLISH_IRREGULAR])
const GERMAN = lexicon(GERMAN_FORMS)

function keepCapital(written, form) {
  return written[0] === written[0].toUpperCase() && written[0] !== written[0].toLowerCase()
    ? form[0].toUpperCase() + form.slice(1)
    : form
}

/**
 * Returns the form of a word unit that agrees with a number: the singular when `singular`, else
 * the plural. A word in both lexicons ("Person") is inflected in `language`. A unit outside the
 * lexicon is returned as written. In English, a unit of several words inflects its last word
 * ("active users"). A rate ("orders per day", "km/h") stays as written. In German, a unit of
 * several words stays as written too, because its adjectives would need to change as well.
 */
export function inflectUnit(unit, singular, language) {
  if (unit.includes('/') || /\b(per|pro)\b/i.test(unit)) {
    return unit
  }
  const key = unit.toLowerCase()
  const english = ENGLISH.get(key)
  const german = GERMAN.get(key)
  if (german && (!english || language === 'de')) {
    return singular ? german.singular : german.plural
  }
  if (english) {
    return keepCapital(unit, singular ? english.singular : english.plural)
  }
  // NOTE: the words before the last are not checked to be English, so a German unit such as
  // "offene Tickets" on an English screen becomes "1 offene Ticket".
  const space = unit.lastIndexOf(' ')
  if (space > 0 && language !== 'de') {
    const last = unit.slice(space + 1)
    const forms = ENGLISH.get(last.toLowerCase())
    if (forms) {
      return unit.slice(0, space + 1) + keepCapital(last, singular ? forms.singular : forms.plural)
    }
  }
  return unit
}

function englishScale(scale) {
  const plain = scale.replace('.', '')
  if (['k', 'K', 'Tsd'].includes(plain)) {
    return 'k'
  }
  return ['bn', 'Mrd'].includes(plain) ? 'bn' : 'M'
}

function germanScale(scale) {
  const plain = scale.replace('.', '')
  if (['k', 'K', 'Tsd'].includes(plain)) {
    return 'Tsd.'
  }
  return ['bn', 'Mrd'].includes(plain) ? 'Mrd.' : 'Mio.'
}

/**
 * Returns the text written before and after `number` (formatted for `language`, "en" or "de",
 * other locales use their primary subtag) to write it with `unit`: `{ before: 'EUR ', after: '' }`
 * for English "EUR 34.10". A blank or missing unit gives empty texts.
 */
export function placeUnit(number, unit, language) {
  const written = unit === null || unit === undefined ? '' : String(unit).trim()
  if (written === '') {
    return { before: '', after: '' }
  }
  const german = String(language).toLowerCase().startsWith('de')
  const currency = written.match(CURRENCY)
  if (currency) {
    const [, code, scale] = currency
    if (german) {
      return { before: '', after: `${scale ? ` ${germanScale(scale)}` : ''} ${code}` }
    }
    return { before: code.length === 1 ? code : `${code} `, after: scale ? englishScale(scale) : '' }
  }
  const singular = SINGULAR_NUMBER.test(String(number).trim())
  return { before: '', after: ` ${inflectUnit(written, singular, german ? 'de' : 'en')}` }
}

/**
 * Writes `number`, already formatted for `language`, with `unit`: "1 day", "EUR 34.10",
 * "34,10 €". A sign goes before a currency written in front: "-€5". Without a unit it returns
 * the number.
 */
export function writeWithUnit(number, unit, language) {
  const text = String(number)
  const { before, after } = placeUnit(text, unit, language)
  if (before !== '' && /^[-+\u2212]/.test(text)) {
    return text[0] + before + text.slice(1) + after
  }
  return before + text + after
}

/** Returns true when `unit` is a currency, with or without a scale such as "EUR k". */
export function isCurrency(unit) {
  return typeof unit === 'string' && CURRENCY.test(unit.trim())
}

/**
 * Returns true when `value` is an amount in a currency without a scale and has cents, so it is
 * shown with exactly two decimals. Whole amounts, scaled currencies and other units keep the
 * decimals of their own format.
 */
export function showsCents(value, unit) {
  if (value === null || value === undefined) {
    return false
  }
  const number = Number(value)
  return hasCents(unit) && Number.isFinite(number) && !Number.isInteger(number)
}

/** Returns true when `unit` is a currency without a scale, whose amounts can have cents. */
export function hasCents(unit) {
  if (typeof unit !== 'string') {
    return false
  }
  const currency = unit.trim().match(CURRENCY)
  return Boolean(currency) && !currency[2]
}

// Units whose quantities cannot fall below zero, besides the counted words of the lexicons:
// percentages, durations written as symbols, and amounts of money with the scale in front
// ("kEUR", "TEUR", "k€"). Points are left out because scores such as NPS can be negative.
const PERCENT_UNITS = new Set(['%', 'percent', 'prozent'])
const DURATION_SYMBOLS = new Set(['ms', 's', 'sec', 'secs', 'min', 'mins', 'min.', 'h', 'hr', 'hrs', 'd', 'wk', 'wks', 'mo', 'yr', 'yrs', 'std', 'std.', 'sek', 'sek.'])
const SCALED_CURRENCY_IN_FRONT = /^(k|K|T|M|Mio\.?|Mrd\.?)\s*(EUR|USD|GBP|CHF|€|\$|£)$/
const SIGNED_WORDS = new Set(['point', 'points', 'punkt', 'punkte'])

/**
 * Returns true when a quantity written with `unit` cannot fall below zero. Such units are counts
 * of things and durations from the word lexicons ("days", "tickets", "active users", "Tage"),
 * rates of such counts ("orders per day"), duration symbols ("h", "ms"), percentages and
 * currencies. Other units, a blank unit and percentage points ("pp") return false. Callers that
 * bound values by zero should also check that start and target are not negative, because "%" can
 * be a growth rate and a currency can be a loss.
 */
export function isNonNegativeUnit(unit) {
  if (typeof unit !== 'string') {
    return false
  }
  // A rate counts what its numerator counts: "orders per day" and "tickets/week" count orders and tickets.
  const written = unit.trim().replace(/\s*(?:\/|\bper\b|\bpro\b).*$/i, '').trim()
  if (written === '') {
    return false
  }
  const key = written.toLowerCase()
  if (PERCENT_UNITS.has(key) || DURATION_SYMBOLS.has(key) || isCurrency(written) || SCALED_CURRENCY_IN_FRONT.test(written)) {
    return true
  }
  if (SIGNED_WORDS.has(key)) {
    return false
  }
  if (ENGLISH.has(key) || GERMAN.has(key)) {
    return true
  }
  // A unit of several words counts what its last word counts: "active users", "offene Tickets".
  const last = key.slice(key.lastIndexOf(' ') + 1)
  return !SIGNED_WORDS.has(last) && (ENGLISH.has(last) || GERMAN.has(last))
}
