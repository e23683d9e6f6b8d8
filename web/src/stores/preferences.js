import { defineStore } from 'pinia'
import { ref } from 'vue'
import { LOCALE_STORAGE_KEY, SUPPORTED_LOCALES } from '../i18n/index.js'

/** Choices of the person at this browser, kept in localStorage. */
export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref('en')
  let i18nLocale = null

  /** Connects the store to the i18n locale ref and applies the initial locale. */
  function bindI18n(localeRef, initialLocale) {
    i18nLocale = localeRef
    applyLocale(initialLocale)
  }

  /** Switches the interface language and remembers the choice. */
  function chooseLocale(next) {
    if (!SUPPORTED_LOCALES.includes(next)) {
      return
    }
    applyLocale(next)
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next)
    } catch {
      // Storage can be disabled (private mode); the choice then lasts for this page only.
    }
  }

  function applyLocale(next) {
    locale.value = next
    if (i18nLocale) {
      i18nLocale.value = next
    }
    if (typeof document !== 'undefined') {
      document.documentElement.lang = next
    }
  }

  return { locale, bindI18n, chooseLocale }
})
