import { describe, expect, it } from 'vitest'
import { createMomentumI18n } from '../i18n/index.js'
import {
  STATUSES,
  STATUS_COLOURS,
  compareByAttention,
  countsBesideOnTrack,
  countsInAttentionOrder,
  onTrackOfText,
  statusColours,
  worstStatus,
} from './status.js'

// WCAG 2 relative luminance and contrast ratio.
function luminance(hex) {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255)
  const linear = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
}

function contrast(foreground, background) {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a)
  return (light + 0.05) / (dark + 0.05)
}

describe('status colours', () => {
  it.each(STATUSES)('%s text has at least 4.5:1 contrast on its fill', (status) => {
    const { fill, text } = STATUS_COLOURS[status]
    expect(contrast(text, fill)).toBeGreaterThanOrEqual(4.5)
  })

  it('gives every status its own fill', () => {
    const fills = new Set(STATUSES.map((status) => STATUS_COLOURS[status].fill))
    expect(fills.size).toBe(STATUSES.length)
  })

  it('gives an unknown status a neutral pair', () => {
    expect(statusColours('unheard_of')).toEqual({ fill: '#e6e8ec', text: '#1c1c1c' })
  })
})

describe('compareByAttention', () => {
  it('sorts off_track first and closed last', () => {
    const sorted = ['closed', 'on_track', 'pending', 'off_track', 'at_risk'].sort(compareByAttention)
    expect(sorted).toEqual(['off_track', 'at_risk', 'on_track', 'pending', 'closed'])
  })

  it('puts unknown statuses after closed', () => {
    expect(['mystery', 'closed'].sort(compareByAttention)).toEqual(['closed', 'mystery'])
  })
})

describe('worstStatus', () => {
  it('picks off_track over at_risk and on_track', () => {
    expect(worstStatus(['on_track', 'off_track', 'at_risk'])).toBe('off_track')
  })

  it('ignores pending members when others are scored', () => {
    expect(worstStatus(['pending', 'on_track'])).toBe('on_track')
  })

  it('is pending when all members are pending', () => {
    expect(worstStatus(['pending', 'pending'])).toBe('pending')
  })

  it('is pending for an empty list', () => {
    expect(worstStatus([])).toBe('pending')
  })

  it('is closed when all members are closed', () => {
    expect(worstStatus(['closed', 'closed'])).toBe('closed')
  })
})

describe('countsInAttentionOrder', () => {
  it('lists non-zero counts, worst first', () => {
    const counts = { on_track: 4, at_risk: 0, off_track: 1, pending: 2 }
    expect(countsInAttentionOrder(counts)).toEqual([
      { status: 'off_track', count: 1 },
      { status: 'on_track', count: 4 },
      { status: 'pending', count: 2 },
    ])
  })

  it('is empty without counts', () => {
    expect(countsInAttentionOrder(null)).toEqual([])
  })
})

describe('onTrackOfText', () => {
  const english = createMomentumI18n('en').global
  const german = createMomentumI18n('de').global

  it('counts the objectives on track', () => {
    const score = { objectives: 3, counts: { on_track: 1, at_risk: 1, off_track: 1, pending: 0 } }
    expect(onTrackOfText(score, english.t)).toBe('1 of 3 objectives on track')
    expect(onTrackOfText(score, german.t)).toBe('1 von 3 Zielen im Plan')
  })

  it('words a single objective', () => {
    const score = { objectives: 1, counts: { on_track: 0, at_risk: 0, off_track: 1, pending: 0 } }
    expect(onTrackOfText(score, english.t)).toBe('0 of 1 objective on track')
    expect(onTrackOfText(score, german.t)).toBe('0 von 1 Ziel im Plan')
  })

  it('says no objectives without any', () => {
    expect(onTrackOfText({ objectives: 0, counts: null }, english.t)).toBe('no objectives')
  })
})

describe('countsBesideOnTrack', () => {
  it('leaves on track out', () => {
    const counts = { on_track: 4, at_risk: 0, off_track: 1, pending: 2 }
    expect(countsBesideOnTrack(counts)).toEqual([
      { status: 'off_track', count: 1 },
      { status: 'pending', count: 2 },
    ])
  })
})
