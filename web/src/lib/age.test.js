import { describe, expect, it } from 'vitest'
import { ageMessageKey, describeAge } from './age.js'
import { createMomentumI18n } from '../i18n/index.js'

const NOW = Date.parse('2026-12-04T10:00:00Z')

describe('describeAge', () => {
  it.each([
    ['2026-12-04T09:59:55Z', { unit: 'seconds', count: 5 }],
    ['2026-12-04T09:59:00.001Z', { unit: 'seconds', count: 59 }],
    ['2026-12-04T09:59:00Z', { unit: 'minutes', count: 1 }],
    ['2026-12-04T08:00:00Z', { unit: 'hours', count: 2 }],
    ['2026-12-01T10:00:00Z', { unit: 'days', count: 3 }],
  ])('%s is %o', (instant, age) => {
    expect(describeAge(instant, NOW)).toEqual(age)
  })

  it('counts a future instant as 0 s', () => {
    expect(describeAge('2026-12-04T10:00:02Z', NOW)).toEqual({ unit: 'seconds', count: 0 })
  })

  it('returns null without an instant', () => {
    expect(describeAge(null, NOW)).toBeNull()
    expect(describeAge('not a date', NOW)).toBeNull()
  })
})

describe('age messages', () => {
  function render(locale, instant) {
    const age = describeAge(instant, NOW)
    return createMomentumI18n(locale).global.t(ageMessageKey(age), { count: age?.count })
  }

  it('reads "updated 5 s ago" in English', () => {
    expect(render('en', '2026-12-04T09:59:55Z')).toBe('updated 5 s ago')
  })

  it('reads "vor 5 s aktualisiert" in German', () => {
    expect(render('de', '2026-12-04T09:59:55Z')).toBe('vor 5 s aktualisiert')
  })

  it('reads "just now" below five seconds', () => {
    expect(render('en', '2026-12-04T10:00:00Z')).toBe('updated just now')
    expect(render('de', '2026-12-04T09:59:56Z')).toBe('gerade eben aktualisiert')
  })

  it('says when nothing was received yet', () => {
    expect(render('en', null)).toBe('no update yet')
    expect(render('de', null)).toBe('noch keine Aktualisierung')
  })
})
