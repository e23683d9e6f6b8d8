// Splits a sentence into pieces so a page can keep each number on one line with its unit.

// A number as the web app writes it in English or German ("1,273.9", "6,4", "-5"), with a
// currency code written before it ("EUR 34.10") or the word after it ("31 %", "6 Mio. EUR",
// "3 weeks"). Where the web app writes a value, that word is its unit. Elsewhere a number and
// the next word are joined as well ("2026 einen"), which only moves the line break.
const PAIR = /(?:\b(?:EUR|USD|GBP|CHF) )[-+\u2212]?\d(?:[.,]?\d)*[kMB]?|[-+\u2212]?\d(?:[.,]?\d)*(?: (?:Mio\.|Mrd\.|Tsd\.))? (?:%|pp|[^\s\d()[\],;:.!?]+)/gu

/**
 * Splits `text` into `[{ text, pair }]` pieces in order, where `pair` is true for a number written
 * with its unit across a space ("31 %", "EUR 38"). Joining the pieces returns `text` unchanged.
 */
export function splitUnitPairs(text) {
  const pieces = []
  const source = String(text ?? '')
  let last = 0
  for (const match of source.matchAll(PAIR)) {
    if (match.index > last) {
      pieces.push({ text: source.slice(last, match.index), pair: false })
    }
    pieces.push({ text: match[0], pair: true })
    last = match.index + match[0].length
  }
  if (last < source.length) {
    pieces.push({ text: source.slice(last), pair: false })
  }
  return pieces
}
