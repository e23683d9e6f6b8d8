import { describe, expect, it } from 'vitest'
import { splitUnitPairs } from './unitPairs.js'

const pairs = (text) => splitUnitPairs(text).filter((piece) => piece.pair).map((piece) => piece.text)

describe('splitUnitPairs', () => {
  it.each([
    ['Raise app share (from 31 %) is forecast to reach 38 %.', ['31 %', '38 %']],
    ['Der Anteil fiel von 6 % auf 5,7 % und 6 % gab es zuletzt.', ['6 %', '5,7 %', '6 %']],
    ['Lower returns from EUR 38 to EUR 31.', ['EUR 38', 'EUR 31']],
    ['Stock fell to 6,4 Mio. EUR, target 1.273,9 Tickets', ['6,4 Mio. EUR', '1.273,9 Tickets']],
    ['It stayed at -3 points over 3 weeks.', ['-3 points', '3 weeks']],
  ])('joins the pairs of %s', (text, expected) => {
    expect(pairs(text)).toEqual(expected)
  })

  it('leaves the text unchanged', () => {
    const text = 'Churn is forecast to reach 5.3 % (as of 5 Dec 2026, 21:40), 39 % of the way to 3.5 %.'
    expect(splitUnitPairs(text).map((piece) => piece.text).join('')).toBe(text)
  })

  it('joins nothing in a text without numbers', () => {
    expect(splitUnitPairs('No values yet')).toEqual([{ text: 'No values yet', pair: false }])
    expect(splitUnitPairs(null)).toEqual([])
  })
})
