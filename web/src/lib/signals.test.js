import { describe, expect, it } from 'vitest'
import { createMomentumI18n } from '../i18n/index.js'
import { activityText, amountsHaveCents, boardSignals, durationParts, durationText, evidencePoints, explanationText, nodeRoute, signalSubject, signalsOfNode, signalsOfUnit, signalActivity, sourceText, spanText, sparklinePoints } from './signals.js'

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

  it('lists open before acknowledged, critical before warning, own conditions before dependencies', () => {
    const state = {
      signals: {
        held: signal('held', '2026-12-04T00:00:00Z', [], { state: 'acknowledged', severity: 'critical', kind: 'off_track_forecast' }),
        dependency: signal('dependency', '2026-12-03T00:00:00Z', [], { severity: 'warning', kind: 'dependency_at_risk' }),
        stalled: signal('stalled', '2026-12-01T00:00:00Z', [], { severity: 'warning', kind: 'stalled_despite_effort' }),
        critical: signal('critical', '2026-11-30T00:00:00Z', [], { severity: 'critical', kind: 'confidence_drop' }),
        newer: signal('newer', '2026-12-02T00:00:00Z', [], { severity: 'warning', kind: 'missed_check_in' }),
      },
    }
    expect(boardSignals(state).map((s) => s.id)).toEqual(['critical', 'newer', 'stalled', 'dependency', 'held'])
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
    const unknown = { ...STALE, code: 'budget_overrun', explanation: 'The KPI jumped.' }
    expect(explanationText(unknown, i18n, format)).toBe('The KPI jumped.')
  })
})

describe('explanationText of detected kinds', () => {
  const dates = { dateTimeText: (iso) => `at ${iso}`, dateText: (iso) => iso.slice(0, 10), valueText: (n, unit) => (unit ? `${n} ${unit}` : `${n}`) }

  it('words a stalled key result from its params', () => {
    const stalled = signal('s-2', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'stalled_despite_effort',
      explanation: 'English',
      params: { title: 'Grow revenue', value: '30', unit: 'kEUR', checkIns: 4, weeks: 3, doneRecent: 4, donePrevious: 1 },
    })
    expect(explanationText(stalled, i18n, dates)).toBe('Grow revenue stayed at 30 kEUR over its last 4 check-ins (3 weeks),'
      + ' while 4 linked work items were done, up from 1 in the same time before. The delivered work does not move the result.')
    expect(explanationText(stalled, german, dates)).toContain('blieb über die letzten 4 Check-ins (3 Wochen) bei 30 kEUR')
  })

  it('words a missed check-in with and without an earlier one', () => {
    const params = { title: 'Grow revenue', dueAt: '2026-12-01T09:00:00Z', missed: 2 }
    const never = signal('s-3', '2026-12-04T10:00:00Z', ['n-1'], { code: 'missed_check_in', params })
    const since = signal('s-4', '2026-12-04T10:00:00Z', ['n-1'], { code: 'missed_check_in', params: { ...params, lastCheckIn: '2026-11-24T09:00:00Z', missed: 1 } })
    expect(explanationText(never, i18n, dates)).toBe('Grow revenue has had no check-in yet. The first weekly check-in was due on 2026-12-01, so 2 check-ins are missing.')
    expect(explanationText(since, i18n, dates)).toContain('last checked in on 2026-11-24')
    expect(explanationText(since, i18n, dates)).toContain('so 1 check-in is missing.')
  })

  it('words a missed check-in after a carried-over value', () => {
    const params = { title: 'Guest checkout rate', dueAt: '2026-10-08T00:00:00Z', missed: 9, carriedValue: '65', carriedAt: '2026-10-01T00:00:00Z', unit: '%' }
    const carried = signal('s-17', '2026-12-04T10:00:00Z', ['n-1'], { code: 'missed_check_in', params })
    const germanFormat = { ...dates, valueText: (n, unit) => new Intl.NumberFormat('de').format(n) + (unit ? ` ${unit}` : '') }

    expect(explanationText(carried, i18n, dates)).toBe('Guest checkout rate has had no check-in in this cycle. Its value 65 % was carried over'
      + ' from the previous cycle. The first weekly check-in was due on 2026-10-08, so 9 check-ins are missing.')
    expect(explanationText(carried, german, germanFormat)).toBe('Für Guest checkout rate gab es in diesem Zyklus noch keinen Check-in.'
      + ' Der Wert 65 % wurde aus dem vorherigen Zyklus übernommen. Der erste wöchentliche Check-in war am 2026-10-08 fällig,'
      + ' es fehlen also 9 Check-ins.')
  })

  it('words an anomaly by its side and season', () => {
    const anomaly = signal('s-5', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'kpi_anomaly', params: { title: 'Orders', value: '60', centre: '100', z: -6.1, side: 'below', seasonal: true },
    })
    expect(explanationText(anomaly, i18n, dates)).toBe('Orders measured 60, 6.1 robust standard deviations below its usual 100 for this weekday.')
    expect(explanationText(anomaly, german, dates)).toBe('Orders hat 60 gemessen, 6.1 robuste Standardabweichungen unter dem üblichen Wert 100 für diesen Wochentag.')
  })

  it('writes the anomaly score with the German decimal comma', () => {
    const germanFormat = { ...dates, valueText: (n, unit) => new Intl.NumberFormat('de').format(n) + (unit ? ` ${unit}` : '') }
    const anomaly = signal('s-16', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'kpi_anomaly', params: { title: 'Tickets', value: '2000', centre: '1273.9', z: 257.8, side: 'above', seasonal: false },
    })
    expect(explanationText(anomaly, german, germanFormat)).toBe('Tickets hat 2.000 gemessen, 257,8 robuste Standardabweichungen über dem üblichen Wert 1.273,9.')
  })

  it('rounds a forecast to the decimals the engine sent', () => {
    const format = { ...dates, estimateText: (n, unit, decimals) => `${n.toFixed(decimals)} ${unit}` }
    const offTrack = signal('s-7', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'off_track_forecast',
      params: { title: 'Grow revenue', forecast: '5.0748', decimals: 2, forecastPercent: 25, target: '20', unit: '%', leadWeeks: 3, cycleEnd: '2026-12-31' },
    })
    expect(explanationText(offTrack, i18n, format)).toContain('is forecast to reach 5.07 % by the end of its cycle')
  })

  it('names when a forecast was computed', () => {
    const format = { ...dates, dateTimeText: (iso) => `T${iso.slice(11, 16)}`, estimateText: (n, unit, decimals) => `${n.toFixed(decimals)} ${unit}` }
    const offTrack = signal('s-21', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'off_track_forecast',
      params: { title: 'Churn', forecast: '5.3487', decimals: 3, forecastPercent: 39, target: '3.5', unit: '%', leadWeeks: 3, cycleEnd: '2026-12-31' },
      evidence: { start: '6', target: '3.5', current: '5.7', checkedAt: '2026-12-04T21:40:00Z' },
    })
    expect(explanationText(offTrack, i18n, format)).toContain('is forecast to reach 5.3 % (as of T21:40) by the end')
    expect(explanationText(offTrack, german, format)).toContain('einen Wert von 5.3 % (Stand T21:40) voraus')
  })

  it('writes a forecast percent below the threshold in the language', () => {
    const format = { ...dates, valueText: (n, unit) => new Intl.NumberFormat('de').format(n) + (unit ? ` ${unit}` : ''), estimateText: (n, unit) => `${n} ${unit}` }
    const offTrack = signal('s-13', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'off_track_forecast',
      params: { title: 'Preisindex', forecast: '92.5', decimals: 1, forecastPercent: 74.9, target: '90', unit: 'Punkte', leadWeeks: 3, cycleEnd: '2026-12-31' },
    })
    expect(explanationText(offTrack, german, format)).toContain(', 74,9 % des Wegs zum Ziel 90 Punkte')
  })

  it('gives a whole target cents when the start has cents', () => {
    const money = (n, unit, options) => `${unit} ${options?.cents ? n.toFixed(2) : String(n)}`
    const format = { ...dates, valueText: money, estimateText: (n, unit, decimals, options) => money(Number(n.toFixed(decimals)), unit, options) }
    const offTrack = signal('s-20', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'off_track_forecast',
      params: { title: 'Grow average order value from EUR 86.40 to EUR 92.00', forecast: '90.1', decimals: 3, forecastPercent: 66, target: '92', unit: 'EUR', leadWeeks: 3, cycleEnd: '2026-12-31' },
      evidence: { start: '86.4', target: '92', current: '88' },
    })
    expect(explanationText(offTrack, i18n, format)).toContain('is forecast to reach EUR 90.10 by the end')
    expect(explanationText(offTrack, i18n, format)).toContain('of the way to its target EUR 92.00.')
  })

  it('rounds an older forecast to its target precision', () => {
    const format = { ...dates, estimateText: (n, unit, decimals) => `${n.toFixed(decimals)} ${unit}` }
    const offTrack = signal('s-8', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'off_track_forecast',
      params: { title: 'Page load', forecast: '119.8142', forecastPercent: 66, target: '90', unit: 's', leadWeeks: 3, cycleEnd: '2026-12-31' },
    })
    expect(explanationText(offTrack, i18n, format)).toContain('is forecast to reach 120 s by the end of its cycle')
  })

  it('words a stall of 3 days in days', () => {
    const stalled = signal('s-9', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'stalled_despite_effort',
      params: { title: 'Activation', value: '25', unit: '%', checkIns: 3, weeks: 0.4, days: 3, doneRecent: 3, donePrevious: 0 },
    })
    expect(explanationText(stalled, i18n, dates)).toContain('over its last 3 check-ins (3 days), while')
    expect(explanationText(stalled, german, dates)).toContain('über die letzten 3 Check-ins (3 Tage) bei')
  })

  it('words a stall without days from its weeks', () => {
    const stalled = signal('s-10', '2026-12-04T10:00:00Z', ['n-1'], {
      code: 'stalled_despite_effort',
      params: { title: 'Activation', value: '25', checkIns: 3, weeks: 0.1, doneRecent: 3, donePrevious: 0 },
    })
    expect(explanationText(stalled, i18n, dates)).toContain('(1 day)')
    expect(explanationText(stalled, german, dates)).toContain('(1 Tag)')
  })

  it('names the kind of the node a dependency names', () => {
    const params = { title: 'Checkout revamp', otherTitle: 'Checkout revamp', otherKind: 'initiative', relation: 'depends_on', count: 1 }
    const dependency = signal('s-11', '2026-12-04T10:00:00Z', ['n-1'], { code: 'dependency_at_risk', params })
    expect(explanationText(dependency, i18n, dates)).toBe('Checkout revamp depends on the initiative Checkout revamp, which is off track.')
    expect(explanationText(dependency, german, dates)).toContain('hängt von der Initiative Checkout revamp ab')
  })

  it('puts no brackets after a bracketed title', () => {
    const params = { title: 'Loyalty', otherTitle: 'Raise repeat orders to 70 % (from 62 %)', otherKind: 'key_result', relation: 'contributes_to', count: 1 }
    const dependency = signal('s-17', '2026-12-04T10:00:00Z', ['n-1'], { code: 'dependency_at_risk', params })
    expect(explanationText(dependency, i18n, dates)).toBe('Loyalty contributes to the key result Raise repeat orders to 70 % (from 62 %), which is off track.')
    expect(explanationText(dependency, german, dates)).toBe('Loyalty trägt zu dem Schlüsselergebnis Raise repeat orders to 70 % (from 62 %) bei, und das ist nicht im Plan.')
  })

  it('names every other off-track node', () => {
    const params = { title: 'Loyalty', otherId: 'n-2', otherTitle: 'Activation', otherKind: 'key_result', relation: 'depends_on', count: 3 }
    const offTrack = [
      { id: 'n-2', title: 'Activation', kind: 'key_result' },
      { id: 'n-3', title: 'Checkout revamp', kind: 'initiative' },
      { id: 'n-4', title: 'Orders', kind: 'kpi' },
    ]
    const dependency = signal('s-18', '2026-12-04T10:00:00Z', ['n-1'], { code: 'dependency_at_risk', params, evidence: { offTrack } })
    expect(explanationText(dependency, i18n, dates)).toBe(
      'Loyalty depends on the key result Activation, which is off track. Also off track: the initiative Checkout revamp and the KPI Orders.')
    expect(explanationText(dependency, german, dates)).toBe(
      'Loyalty hängt von dem Schlüsselergebnis Activation ab, und das ist nicht im Plan. Ebenfalls nicht im Plan: Initiative Checkout revamp und KPI Orders.')
  })

  it('counts other off-track nodes the evidence misses', () => {
    const params = { title: 'Loyalty', otherId: 'n-2', otherTitle: 'Activation', relation: 'depends_on', count: 3 }
    const offTrack = [{ id: 'n-2', title: 'Activation' }, { id: 'n-3', title: 'Checkout revamp' }]
    const dependency = signal('s-19', '2026-12-04T10:00:00Z', ['n-1'], { code: 'dependency_at_risk', params, evidence: { offTrack } })
    expect(explanationText(dependency, i18n, dates)).toBe('Loyalty depends on Activation, which is off track; 3 linked nodes are off track in all.')
  })

  it('words a dependency by its relation', () => {
    const params = { title: 'Onboarding', otherTitle: 'Activation', relation: 'contributes_to', count: 1 }
    const dependency = signal('s-6', '2026-12-04T10:00:00Z', ['n-1'], { code: 'dependency_at_risk', params })
    expect(explanationText(dependency, i18n, dates)).toBe('Onboarding contributes to Activation, which is off track.')
    const dependsOn = { ...dependency, params: { ...params, relation: 'depends_on', count: 3 } }
    expect(explanationText(dependsOn, german, dates)).toContain('hängt von Activation ab')
    expect(explanationText(dependsOn, german, dates)).toContain('insgesamt sind 3 verknüpfte Elemente nicht im Plan')
  })

  it('counts one and more points of a confidence drop', () => {
    const params = { title: 'Activation', from: 8, to: 7, drop: 1, fromAt: '2026-11-27T09:00:00Z' }
    const one = signal('s-14', '2026-12-04T10:00:00Z', ['n-1'], { code: 'confidence_drop', params })
    const three = { ...one, params: { ...params, to: 5, drop: 3 } }
    expect(explanationText(one, i18n, dates)).toBe('Confidence in Activation fell by 1 point, from 8/10 on 2026-11-27 to 7/10.')
    expect(explanationText(three, i18n, dates)).toBe('Confidence in Activation fell by 3 points, from 8/10 on 2026-11-27 to 5/10.')
    expect(explanationText(one, german, dates)).toBe('Die Zuversicht für Activation sank um 1 Punkt, von 8/10 am 2026-11-27 auf 7/10.')
    expect(explanationText(three, german, dates)).toBe('Die Zuversicht für Activation sank um 3 Punkte, von 8/10 am 2026-11-27 auf 5/10.')
  })

  it('counts one and more other off-track nodes of a dependency', () => {
    const params = { title: 'Onboarding', otherTitle: 'Activation', relation: 'depends_on', count: 1 }
    const one = signal('s-15', '2026-12-04T10:00:00Z', ['n-1'], { code: 'dependency_at_risk', params })
    const two = { ...one, params: { ...params, count: 2 } }
    expect(explanationText(one, i18n, dates)).toBe('Onboarding depends on Activation, which is off track.')
    expect(explanationText(two, i18n, dates)).toBe('Onboarding depends on Activation, which is off track; 2 linked nodes are off track in all.')
    expect(explanationText(one, german, dates)).toBe('Onboarding hängt von Activation ab, und das ist nicht im Plan.')
    expect(explanationText(two, german, dates)).toBe('Onboarding hängt von Activation ab, und das ist nicht im Plan; insgesamt sind 2 verknüpfte Elemente nicht im Plan.')
  })

  it('words a settling dependency with the status of its node', () => {
    const params = { title: 'Onboarding', otherTitle: 'Activation', relation: 'depends_on', count: 0, otherStatus: 'at_risk' }
    const settling = signal('s-12', '2026-12-04T10:00:00Z', ['n-1'], { code: 'dependency_at_risk', params })
    expect(explanationText(settling, i18n, dates)).toBe('Onboarding depends on Activation, which was off track and is at risk now.')
    expect(explanationText(settling, german, dates)).toBe('Onboarding hängt von Activation ab; das war nicht im Plan und ist jetzt gefährdet.')
    const contributing = { ...settling, params: { ...params, relation: 'contributes_to', otherStatus: 'on_track' } }
    expect(explanationText(contributing, i18n, dates)).toBe('Onboarding contributes to Activation, which was off track and is on track now.')
  })
})

describe('amountsHaveCents', () => {
  it('finds cents in params and evidence', () => {
    expect(amountsHaveCents({ params: { value: '34.1' } })).toBe(true)
    expect(amountsHaveCents({ params: { target: '92' }, evidence: { start: '86.40' } })).toBe(true)
  })

  it('finds none in whole amounts', () => {
    expect(amountsHaveCents({ params: { value: '34', target: 92 }, evidence: { start: '80', current: null } })).toBe(false)
  })
})

describe('spanText', () => {
  it('counts days below two weeks and whole weeks from there', () => {
    expect(spanText(1, i18n.t)).toBe('1 day')
    expect(spanText(13, i18n.t)).toBe('13 days')
    expect(spanText(14, i18n.t)).toBe('2 weeks')
    expect(spanText(20, i18n.t)).toBe('3 weeks')
  })

  it('words days and weeks in German', () => {
    expect(spanText(1, german.t)).toBe('1 Tag')
    expect(spanText(3, german.t)).toBe('3 Tage')
    expect(spanText(7 * 3, german.t)).toBe('3 Wochen')
  })
})

describe('evidencePoints', () => {
  it('takes check-ins with a value before measured values', () => {
    const evidence = {
      checkIns: [{ at: '2026-12-01T00:00:00Z', value: '30', confidence: 6 }, { at: '2026-12-02T00:00:00Z', value: null, confidence: 5 }],
      values: [{ at: '2026-12-01T00:00:00Z', value: '99' }],
    }
    expect(evidencePoints(evidence)).toEqual([{ at: '2026-12-01T00:00:00Z', value: 30 }])
  })

  it('returns none without evidence', () => {
    expect(evidencePoints(undefined)).toEqual([])
  })
})

describe('sparklinePoints', () => {
  it('spaces points by time and flips the value axis', () => {
    const points = [{ at: '2026-12-01T00:00:00Z', value: 0 }, { at: '2026-12-02T00:00:00Z', value: 10 }, { at: '2026-12-05T00:00:00Z', value: 5 }]
    expect(sparklinePoints(points, 100, 10)).toBe('0,10 25,0 100,5')
  })

  it('centres a flat line', () => {
    const points = [{ at: '2026-12-01T00:00:00Z', value: 3 }, { at: '2026-12-03T00:00:00Z', value: 3 }]
    expect(sparklinePoints(points, 100, 10)).toBe('0,5 100,5')
  })
})

describe('signalSubject', () => {
  it('names node by signal kind', () => {
    expect(signalSubject({ kind: 'missed_check_in', params: { title: 'Activation rate' }, nodeIds: ['k-1', 'k-2'] }))
      .toEqual({ id: 'k-1', kind: 'key_result', title: 'Activation rate' })
    expect(signalSubject({ kind: 'kpi_breach', params: { key: 'CHURN' }, nodeIds: ['p-1'] }))
      .toEqual({ id: 'p-1', kind: 'kpi', title: 'CHURN' })
    expect(signalSubject({ kind: 'dependency_at_risk', params: { kind: 'objective' }, nodeIds: ['o-1'] }))
      .toEqual({ id: 'o-1', kind: 'objective', title: null })
  })

  it('returns null without node', () => {
    expect(signalSubject({ kind: 'stale_source', params: {}, nodeIds: ['k-1'] })).toBeNull()
    expect(signalSubject({ kind: 'missed_check_in', nodeIds: [] })).toBeNull()
    expect(signalSubject({ nodeIds: ['k-1'] })).toBeNull()
    expect(signalSubject(null)).toBeNull()
  })
})

describe('nodeRoute', () => {
  it('routes each kind to its page', () => {
    expect(nodeRoute({ id: 'k', kind: 'key_result' })).toEqual({ name: 'key-result', params: { id: 'k' } })
    expect(nodeRoute({ id: 'p', kind: 'kpi' })).toEqual({ name: 'kpi', params: { kpiId: 'p' } })
    expect(nodeRoute({ id: 'i', kind: 'initiative' })).toEqual({ name: 'impact', params: { nodeId: 'i' } })
    expect(nodeRoute(null)).toBeNull()
  })
})

describe('forecast percent', () => {
  const percentFormat = {
    dateTimeText: (iso) => `at ${iso}`,
    dateText: (iso) => iso.slice(0, 10),
    valueText: (n, unit) => (unit ? `${n} ${unit}` : `${n}`),
    estimateText: (n, unit, decimals) => `${n.toFixed(decimals)} ${unit}`,
    percentNumber: (progress) => (progress * 100).toFixed(1),
  }
  const offTrack = (progress, forecastPercent) => signal('s-30', '2026-12-04T10:00:00Z', ['n-1'], {
    code: 'off_track_forecast',
    params: { title: 'Churn', forecast: '5.3', decimals: 1, forecastPercent, target: '3.5', unit: '%', leadWeeks: 3, cycleEnd: '2026-12-31' },
    evidence: { start: '6', target: '3.5', current: '5.7', forecast: { value: '5.3', progress, offTrackBelow: '0.40' } },
  })

  it('shows one decimal like the card', () => {
    expect(explanationText(offTrack('0.3952', 39), i18n, percentFormat)).toContain(', 39.5 % of the way to its target 3.5 %.')
  })

  it('keeps engine percent at the threshold', () => {
    expect(explanationText(offTrack('0.3996', 39.9), i18n, percentFormat)).toContain(', 39.9 % of the way')
  })

  it('keeps engine percent without evidence progress', () => {
    const older = { ...offTrack('0.3952', 39), evidence: {} }
    expect(explanationText(older, i18n, percentFormat)).toContain(', 39 % of the way')
  })
})

describe('signalActivity', () => {
  const acknowledged = { action: 'acknowledged', byName: 'Demo User', reason: 'looking into it', at: '2026-12-04T10:00:00Z' }
  const snoozed = { action: 'snoozed', byName: 'Dana Weber', reason: 'waiting for the data', at: '2026-12-04T11:00:00Z' }

  it('keeps latest acknowledgement and snooze', () => {
    const activity = signalActivity([{ action: 'raised', byName: null, at: '2026-12-04T09:00:00Z' }, acknowledged, snoozed])
    expect(activity.acknowledged).toEqual({ byName: 'Demo User', reason: 'looking into it', at: '2026-12-04T10:00:00Z' })
    expect(activity.snoozed).toEqual({ byName: 'Dana Weber', reason: 'waiting for the data', at: '2026-12-04T11:00:00Z' })
  })

  it('forgets actions before waking', () => {
    const activity = signalActivity([acknowledged, snoozed, { action: 'woke', at: '2026-12-05T11:00:00Z' }])
    expect(activity.acknowledged).toBeNull()
    expect(activity.snoozed).toBeNull()
  })

  it('returns nothing without actions', () => {
    expect(signalActivity(undefined)).toEqual({ acknowledged: null, snoozed: null })
  })
})

describe('activityText', () => {
  it('names person and note', () => {
    const entry = { byName: 'Demo User', reason: 'looking into it' }
    expect(activityText(entry, 'acknowledged', i18n.t)).toBe('Acknowledged by Demo User: looking into it')
    expect(activityText(entry, 'snoozed', german.t)).toBe('Zurückgestellt von Demo User: looking into it')
  })

  it('names person without note', () => {
    expect(activityText({ byName: 'Demo User', reason: ' ' }, 'acknowledged', i18n.t)).toBe('Acknowledged by Demo User')
    expect(activityText({ byName: 'Demo User', reason: null }, 'acknowledged', german.t)).toBe('Bestätigt von Demo User')
  })

  it('returns null without action', () => {
    expect(activityText(null, 'snoozed', i18n.t)).toBeNull()
  })
})
