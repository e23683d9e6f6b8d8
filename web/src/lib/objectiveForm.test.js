import { describe, expect, it } from 'vitest'
import { emptyObjectiveForm, keyFromTitle, objectivePayload, parentFields, parentValue, rollupChoice } from './objectiveForm.js'

describe('parent fields', () => {
  it.each([
    ['objective:o-1', { parentId: 'o-1', parentKeyResultId: null }],
    ['keyResult:k-1', { parentId: null, parentKeyResultId: 'k-1' }],
    ['', { parentId: null, parentKeyResultId: null }],
  ])('decodes %s', (value, fields) => {
    expect(parentFields(value)).toEqual(fields)
  })

  it('encodes a key result parent', () => {
    expect(parentValue({ parentId: null, parentKeyResultId: 'k-1' })).toBe('keyResult:k-1')
  })
})

describe('objectivePayload', () => {
  it('adds key, kind, unit and cycle on create', () => {
    const form = { ...emptyObjectiveForm(), key: 'fast-checkout', title: ' Fast checkout ', parent: 'keyResult:k-9', weight: '2' }
    const { body } = objectivePayload(form, { creating: true, unitId: 'u-1', cycleId: 'c-1' })
    expect(body).toEqual({
      key: 'fast-checkout',
      kind: 'objective',
      unitId: 'u-1',
      cycleId: 'c-1',
      title: 'Fast checkout',
      description: null,
      ownerId: null,
      ownerName: null,
      parentId: null,
      parentKeyResultId: 'k-9',
      weight: 2,
      rollupChildren: null,
    })
  })

  it('reports an empty title', () => {
    const { body, errors } = objectivePayload({ ...emptyObjectiveForm(), key: 'x' }, { creating: true })
    expect(body).toBeNull()
    expect(errors).toEqual({ title: 'editor.errors.required' })
  })
})

describe('roll-up choice', () => {
  it.each([
    [null, 'auto', null],
    [true, 'on', true],
    [false, 'off', false],
  ])('keeps the stored flag %s as %s', (flag, choice, sent) => {
    expect(rollupChoice(flag)).toBe(choice)
    const form = { ...emptyObjectiveForm(), title: 'Grow', rollupChildren: choice }
    expect(objectivePayload(form, { creating: false }).body.rollupChildren).toBe(sent)
  })
})

describe('keyFromTitle', () => {
  it.each([
    ['Make checkout effortless!', 'make-checkout-effortless'],
    ['Größere Reichweite für Café', 'groessere-reichweite-fuer-cafe'],
    ['  --  ', ''],
  ])('turns %s into %s', (title, key) => {
    expect(keyFromTitle(title)).toBe(key)
  })

  it('cuts a long title after a whole word', () => {
    const key = keyFromTitle('Raise the number of releases shipped to our customers per month from 1 to 3')
    expect(key).toBe('raise-the-number-of-releases-shipped-to-our-customers')
  })

  it.each([
    ['Raise the count of releases that we ship to customers in a month from 1 to 4', 'raise-the-count-of-releases-that-we-ship-to-customers'],
    ['Steigere die Zahl der Releases für unsere Kundinnen und Kunden von 1 bis 4', 'steigere-die-zahl-der-releases-fuer-unsere-kundinnen'],
    ['Senke die Zahl offener Fehlermeldungen im Kundenportal auf der Plattform bis Q3', 'senke-die-zahl-offener-fehlermeldungen-im-kundenportal'],
    ['Senke offene Fehlermeldungen im Kundenportal deutlich von der Marke 40 auf 10', 'senke-offene-fehlermeldungen-im-kundenportal-deutlich'],
  ])('drops function words after the cut of %s', (title, key) => {
    expect(keyFromTitle(title)).toBe(key)
  })

  it.each([
    ['Reduce lead time from merge to app store release from 14 to 4 days', 'reduce-lead-time-from-merge-to-app-store-release'],
    ['Cover 80 % of critical flows with UI tests (from 45 %)', 'cover-80-of-critical-flows-with-ui-tests'],
    ['Grow qualified pipeline in DACH from EUR 2.1M to EUR 3.5M', 'grow-qualified-pipeline-in-dach'],
    ['Umsatz mit Bestandskunden von 4,1 Mio. € auf 4,8 Mio. € steigern', 'umsatz-mit-bestandskunden'],
    ['From 3 to 5', 'from-3-to-5'],
  ])('leaves the start and target of %s out of the key', (title, key) => {
    expect(keyFromTitle(title)).toBe(key)
  })

  it('drops a trailing function word of a short title', () => {
    expect(keyFromTitle('Ship releases to')).toBe('ship-releases')
  })

  it('keeps the first word when every word is a function word', () => {
    expect(keyFromTitle('The and of')).toBe('the')
  })

  it('keeps a word ending at the limit', () => {
    const title = `${'a'.repeat(29)} ${'b'.repeat(30)} more`
    expect(keyFromTitle(title)).toBe(`${'a'.repeat(29)}-${'b'.repeat(30)}`)
  })

  it('cuts a single long word at 60 characters', () => {
    expect(keyFromTitle('x'.repeat(70))).toBe('x'.repeat(60))
  })
})
