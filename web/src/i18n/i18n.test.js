import { describe, expect, it } from 'vitest'
import de from './de.json'
import en from './en.json'
import { createMomentumI18n, decimalSeparator, pickLocale } from './index.js'

function flattenKeys(messages, prefix = '') {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? flattenKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

function flattenEntries(messages, prefix = '') {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? flattenEntries(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  )
}

function placeholders(text) {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()
}

describe('message files', () => {
  it('have the same keys in English and German', () => {
    expect(flattenKeys(de).sort()).toEqual(flattenKeys(en).sort())
  })

  it('have no empty messages', () => {
    for (const [key, text] of [...flattenEntries(en), ...flattenEntries(de)]) {
      expect(text.trim(), key).not.toBe('')
    }
  })

  it('use the same placeholders in both languages', () => {
    const german = Object.fromEntries(flattenEntries(de))
    for (const [key, text] of flattenEntries(en)) {
      expect(placeholders(german[key]), key).toEqual(placeholders(text))
    }
  })
})

describe('example-numbers note in the key result editor', () => {
  it.each([['en', en], ['de', de]])('points to the checkbox, not to the editor, in %s', (language, messages) => {
    const note = messages.editor.exampleNumbersFormHelp

    expect(note).toContain(messages.editor.exampleNumbersConfirm)
    expect(note.toLowerCase()).not.toContain('editor')
  })
})

describe('pickLocale', () => {
  it('keeps a stored supported choice', () => {
    expect(pickLocale('de', ['en-US'])).toBe('de')
  })

  it('ignores a stored unsupported choice', () => {
    expect(pickLocale('fr', ['de-DE'])).toBe('de')
  })

  it('matches a regional browser language by its primary subtag', () => {
    expect(pickLocale(null, ['de-AT', 'en'])).toBe('de')
  })

  it('takes the first supported browser language', () => {
    expect(pickLocale(null, ['fr-FR', 'en-GB', 'de'])).toBe('en')
  })

  it('falls back to English', () => {
    expect(pickLocale(null, ['ja'])).toBe('en')
    expect(pickLocale(undefined, undefined)).toBe('en')
  })
})

describe('relative time messages', () => {
  it.each([
    ['en', 'age.seconds', 5, 'updated 5 s ago'],
    ['de', 'age.seconds', 5, 'vor 5 s aktualisiert'],
    ['en', 'age.minutes', 3, 'updated 3 min ago'],
    ['de', 'age.hours', 2, 'vor 2 h aktualisiert'],
  ])('%s %s with %s reads "%s"', (locale, key, count, text) => {
    const i18n = createMomentumI18n(locale)
    expect(i18n.global.t(key, { count })).toBe(text)
  })

  it('pluralises the objective count', () => {
    const i18n = createMomentumI18n('en')
    expect(i18n.global.t('portfolio.objectiveCount', 1)).toBe('1 objective')
    expect(i18n.global.t('portfolio.objectiveCount', 3)).toBe('3 objectives')
    expect(i18n.global.t('portfolio.objectiveCount', 0)).toBe('no objectives')
  })
})

describe('decimalSeparator', () => {
  it('is a dot in English and a comma in German', () => {
    expect(decimalSeparator('en')).toBe('.')
    expect(decimalSeparator('de')).toBe(',')
  })
})
