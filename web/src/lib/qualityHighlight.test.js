import { describe, expect, it } from 'vitest'
import { highlightParts } from './qualityHighlight.js'

describe('highlightParts', () => {
  it('marks evidence ignoring case', () => {
    expect(highlightParts('Improve customer satisfaction', ['improve'])).toEqual([
      { text: 'Improve', marked: true },
      { text: ' customer satisfaction', marked: false },
    ])
  })

  it('marks every occurrence and merges overlaps', () => {
    expect(highlightParts('and 40 % and', ['and', 'and 40'])).toEqual([
      { text: 'and 40', marked: true },
      { text: ' % ', marked: false },
      { text: 'and', marked: true },
    ])
  })

  it('returns no parts for empty text', () => {
    expect(highlightParts('', ['x'])).toEqual([])
  })
})
