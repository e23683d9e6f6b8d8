import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch } from '../testing/fakeFetch.js'
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
  vi.unstubAllGlobals()
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

const STALLED_ID = 's0000000-0000-4000-8000-000000000023'

function stalled(extra = {}) {
  return {
    id: STALLED_ID,
    kind: 'stalled_despite_effort',
    code: 'stalled_despite_effort',
    severity: 'warning',
    state: 'open',
    version: 1,
    raisedAt: '2026-12-01T10:00:00Z',
    nodeIds: ['n0000000-0000-4000-8000-000000000033'],
    params: { title: 'Activation', value: '25', checkIns: 3, days: 3, doneRecent: 3, donePrevious: 0 },
    evidence: {},
    ...extra,
  }
}

const ACKNOWLEDGED = { id: 1, action: 'acknowledged', by: 'urn:momentum:user:u-1', byName: 'Demo User', reason: 'looking into it', at: '2026-12-02T09:00:00Z' }
const SNOOZED = { id: 2, action: 'snoozed', by: 'urn:momentum:user:u-1', byName: 'Demo User', reason: 'waiting for the data', at: '2026-12-02T10:00:00Z' }

async function mountSignal(signal, actions, locale = 'en') {
  const fake = fakeFetch({ [`GET /api/v1/signals/${STALLED_ID}`]: { body: { ...signal, actions } } })
  vi.stubGlobal('fetch', fake.fetchStub)
  wrapper = mountWithApp(SignalPanel, createTestApp({ locale }), { props: { board: { signals: { [signal.id]: signal } }, canWrite: true } })
  await flushPromises()
  return fake
}

// The router's first navigation requests the session too, so only reads of signals count.
function signalReads(fake) {
  return fake.requests.map((request) => request.path).filter((path) => path.startsWith('/api/v1/signals/'))
}

describe('SignalPanel severity', () => {
  it.each([
    ['en', 'warning'],
    ['de', 'Warnung'],
  ])('names warning severity in %s', async (locale, word) => {
    await mountSignal(stalled(), [], locale)
    expect(wrapper.get('[data-testid="signal-warning"]').text()).toBe(word)
    expect(wrapper.find('[data-testid="signal-critical"]').exists()).toBe(false)
  })
})

describe('SignalPanel activity', () => {
  it('names who acknowledged with note', async () => {
    await mountSignal(stalled({ state: 'acknowledged', version: 2 }), [ACKNOWLEDGED])
    const lines = wrapper.findAll('[data-testid="signal-activity"]').map((line) => line.text())
    expect(lines).toEqual(['Acknowledged by Demo User: looking into it'])
    expect(wrapper.find('[data-testid="signal-acknowledge"]').exists()).toBe(false)
  })

  it('names acknowledgement and snooze in German', async () => {
    await mountSignal(stalled({ state: 'snoozed', version: 3, snoozedUntil: '2026-12-03T10:00:00Z' }), [ACKNOWLEDGED, SNOOZED], 'de')
    const lines = wrapper.findAll('[data-testid="signal-activity"]').map((line) => line.text())
    expect(lines).toEqual(['Bestätigt von Demo User: looking into it', 'Zurückgestellt von Demo User: waiting for the data'])
  })

  it('hides acknowledge after acknowledged snooze', async () => {
    await mountSignal(stalled({ state: 'snoozed', version: 3, snoozedUntil: '2026-12-03T10:00:00Z' }), [ACKNOWLEDGED, SNOOZED])
    expect(wrapper.find('[data-testid="signal-acknowledge"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="signal-snooze"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="signal-resolve"]').exists()).toBe(true)
  })

  it('offers acknowledge after plain snooze', async () => {
    await mountSignal(stalled({ state: 'snoozed', version: 2, snoozedUntil: '2026-12-03T10:00:00Z' }), [SNOOZED])
    expect(wrapper.find('[data-testid="signal-acknowledge"]').exists()).toBe(true)
  })

  it('skips actions of open signal', async () => {
    const fake = await mountSignal(stalled(), [])
    expect(signalReads(fake)).toEqual([])
    expect(wrapper.find('[data-testid="signal-activity"]').exists()).toBe(false)
  })

  it('reads actions again for new version', async () => {
    const fake = await mountSignal(stalled({ state: 'acknowledged', version: 2 }), [ACKNOWLEDGED])
    const snoozedAgain = stalled({ state: 'snoozed', version: 3, snoozedUntil: '2026-12-03T10:00:00Z' })
    await wrapper.setProps({ board: { signals: { [STALLED_ID]: snoozedAgain } } })
    await flushPromises()
    expect(signalReads(fake)).toEqual([`/api/v1/signals/${STALLED_ID}`, `/api/v1/signals/${STALLED_ID}`])
  })

  it('links to signal decision trail', async () => {
    await mountSignal(stalled(), [])
    expect(wrapper.get('[data-testid="signal-decisions"]').attributes('href')).toBe(`/decisions?ref=${STALLED_ID}`)
  })
})
