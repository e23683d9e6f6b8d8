import { describe, expect, it } from 'vitest'
import { createMomentumI18n } from '../i18n/index.js'
import { boardSignals, durationParts, durationText, explanationText, signalsOfNode, signalsOfUnit, sourceText } from './signals.js'

const i18n = createMomentumI18n('en').global
const german = createMomentumI18n('de').global
const format = { dateTimeText: (iso) => `at ${iso}` }

function signal(id, raisedAt, nodeIds, extra = {}) {
  return { id, raisedAt, nodeIds, state: 'open', version: 1, ...extra }
}

const STALE = signal('s-1', '2026-12-04T10:00:00Z', ['n-1'], {
  code: 'stale_source',
  explanation: 'Checkout has sent no value since ...',
  params: { label: 'Checkout', lastSeen: '2026-12-04T08:00:00Z', quietSeconds: 7260, expectedSeconds: 3600, intervalOrigin: 'learned', nodeCount: 2 },
})

describe('boardSignals', () => {
  it('lists signals newest first', () => {
    const state = { signals: { a: signal('a', '2026-12-01T00:00:00Z', []), b: signal('b', '2026-12-03T00:00:00Z', []) } }
    expect(boardSignals(state).map((s) => s.id)).toEqual(['b', 'a'])
  })

  it('returns none for a board without signals', () => {
    expect(boardSignals({})).toEqual([])
  })
})

describe('signalsOfNode', () => {
  it('keeps the signals that name the node', () => {
    const state = { signals: { a: signal('a', '2026-12-01T00:00:00Z', ['n-1', 'n-2']), b: signal('b', '2026-12-02T00:00:00Z', ['n-3']) } }
    expect(signalsOfNode(state, 'n-2').map((s) => s.id)).toEqual(['a'])
  })
})

describe('signalsOfUnit', () => {
  it('keeps the signals that name the unit', () => {
    const state = { signals: { a: signal('a', '2026-12-01T00:00:00Z', [], { unitIds: ['u-1'] }), b: signal('b', '2026-12-02T00:00:00Z', []) } }
    expect(signalsOfUnit(state, 'u-1').map((s) => s.id)).toEqual(['a'])
  })
})

describe('durationText', () => {
  it.each([
    [0, '1 min'],
    [59, '1 min'],
    [2700, '45 min'],
    [3600, '1 h'],
    [11400, '3 h 10 min'],
    [86400, '1 d'],
    [187200, '2 d 4 h'],
  ])('words %i seconds as %s', (seconds, expected) => {
    expect(durationText(seconds, i18n.t)).toBe(expected)
  })

  it('words units in German', () => {
    expect(durationText(187200, german.t)).toBe('2 T. 4 Std.')
  })

  it('splits seconds into parts', () => {
    expect(durationParts(90061)).toEqual({ days: 1, hours: 1, minutes: 1 })
  })
})

describe('sourceText', () => {
  it('uses the label the board sent', () => {
    expect(sourceText('urn:service:checkout', { 'urn:service:checkout': { label: 'Checkout', kind: 'service' } }, i18n.t)).toBe('Checkout')
  })

  it('words a source Momentum writes', () => {
    expect(sourceText('urn:momentum:user:1', {}, i18n.t)).toBe('check-in in the app')
  })

  it('shows an unknown source as it is', () => {
    expect(sourceText('urn:service:billing', null, i18n.t)).toBe('urn:service:billing')
  })

  it('returns null without a source', () => {
    expect(sourceText(null, {}, i18n.t)).toBeNull()
  })
})

describe('explanationText', () => {
  it('words a stale source from its params', () => {
    expect(explanationText(STALE, i18n, format)).toBe(
      'Checkout has sent no value since at 2026-12-04T08:00:00Z: quiet for 2 h 1 min, longer than its expected interval'
        + ' of 1 h (learned from its arrivals). The values of the 2 nodes it fed may be out of date.',
    )
  })

  it('words a stale source in German', () => {
    expect(explanationText(STALE, german, format)).toContain('Checkout hat seit at 2026-12-04T08:00:00Z keinen Wert gesendet')
  })

  it('falls back to the server sentence for an unknown code', () => {
    const unknown = { ...STALE, code: 'kpi_anomaly', explanation: 'The KPI jumped.' }
    expect(explanationText(unknown, i18n, format)).toBe('The KPI jumped.')
  })
})
