import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import SignalPanel from './SignalPanel.vue'

function board() {
  return {
    signals: {
      s1: {
        id: 's0000000-0000-4000-8000-000000000021',
        kind: 'missed_check_in',
        code: 'missed_check_in',
        severity: 'warning',
        state: 'open',
        raisedAt: '2026-12-01T10:00:00Z',
        nodeIds: ['n0000000-0000-4000-8000-000000000031'],
        params: { nodeId: 'n0000000-0000-4000-8000-000000000031', title: 'Checkout conversion' },
        evidence: {},
      },
    },
  }
}

let wrapper

async function snoozeOptions(locale) {
  wrapper = mountWithApp(SignalPanel, createTestApp({ locale }), { props: { board: board(), canWrite: true } })
  await wrapper.get('[data-testid="signal-snooze"]').trigger('click')
  return wrapper.findAll('[data-testid="signal-snooze-hours"] option').map((option) => option.text())
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('SignalPanel snooze form', () => {
  it('writes durations out in German', async () => {
    expect(await snoozeOptions('de')).toEqual(['1 Stunde', '4 Stunden', '1 Tag', '3 Tage', '7 Tage'])
  })

  it('writes durations out in English', async () => {
    expect(await snoozeOptions('en')).toEqual(['1 hour', '4 hours', '1 day', '3 days', '7 days'])
  })
})

describe('SignalPanel explanation', () => {
  it.each([
    ['en', ['31 %', '38 %', '58 %', '4 %', '3 weeks']],
    ['de', ['31 %', '2026 einen', '38 %', '58 %', '4 %', '3 Wochen']],
  ])('keeps numbers with their units in %s', (locale, expected) => {
    const offTrack = {
      id: 's0000000-0000-4000-8000-000000000022',
      kind: 'off_track_forecast',
      code: 'off_track_forecast',
      severity: 'warning',
      state: 'open',
      raisedAt: '2026-12-01T10:00:00Z',
      nodeIds: ['n0000000-0000-4000-8000-000000000032'],
      params: { title: 'Raise app share (from 31 %)', forecast: '38', decimals: 0, forecastPercent: 58, target: '4', unit: '%', leadWeeks: 3, cycleEnd: '2026-12-31' },
      evidence: {},
    }
    wrapper = mountWithApp(SignalPanel, createTestApp({ locale }), { props: { board: { signals: { s2: offTrack } }, canWrite: false } })
    const explanation = wrapper.get('[data-testid="signal-explanation"]')
    expect(explanation.findAll('.unit-pair').map((pair) => pair.text())).toEqual(expected)
    expect(explanation.text()).toContain('(from 31 %)')
  })
})
