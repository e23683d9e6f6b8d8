import { createI18n } from 'vue-i18n'
import de from './de.json'
import en from './en.json'

export const SUPPORTED_LOCALES = ['en', 'de']
export const LOCALE_STORAGE_KEY = 'momentum.locale'

/**
 * Picks the language of the interface: the stored choice when it is supported, else the first
 * supported browser language (matched by its primary subtag, so de-AT gives de), else English.
 */
export function pickLocale(storedLocale, browserLanguages) {
  if (SUPPORTED_LOCALES.includes(storedLocale)) {
    return storedLocale
  }
  for (const language of browserLanguages ?? []) {
    const primary = String(language).toLowerCase().split('-')[0]
    if (SUPPORTED_LOCALES.includes(primary)) {
      return primary
    }
  }
  return 'en'
}

/** Creates the vue-i18n instance (Composition API mode) with both message files. */
export function createMomentumI18n(locale = 'en') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, de },
  })
}

/** Returns the decimal separator of a locale, such as "," for de. */
export function decimalSeparator(locale) {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')
  return part ? part.value : '.'
}
