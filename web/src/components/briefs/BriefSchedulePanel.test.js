import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch } from '../../testing/fakeFetch.js'
import { createTestApp, mountWithApp } from '../../testing/mountWithApp.js'
import BriefSchedulePanel from './BriefSchedulePanel.vue'

// Monday 14 Dec 2026, 07:30 in Berlin is 06:30 UTC; 28 Dec 2026, 18:00 in New York is 23:00 UTC.
const WEEKLY = {
  id: 's-weekly', unitId: 'u-checkout', kind: 'weekly', language: 'de', dayOfWeek: 1, dayOfMonth: null, time: '07:30',
  timeZone: 'Europe/Berlin', enabled: true, nextRunAt: '2026-12-14T06:30:00Z', lastError: null,
}
const QUARTERLY = {
  id: 's-quarterly', unitId: 'u-checkout', kind: 'quarterly', language: 'en', dayOfWeek: null, dayOfMonth: 28, time: '18:00',
  timeZone: 'America/New_York', enabled: true, nextRunAt: '2026-12-28T23:00:00Z', lastError: null,
}

let wrapper

async function openPanel(schedules, locale = 'en') {
  const fake = fakeFetch({ 'GET /api/v1/assist/brief-schedules': { body: { items: schedules } } })
  vi.stubGlobal('fetch', fake.fetchStub)
  wrapper = mountWithApp(BriefSchedulePanel, createTestApp({ locale }), { props: { unitId: 'u-checkout' } })
  await flushPromises()
}

function row(kind) {
  return wrapper.get(`[data-testid="brief-schedule-${kind}"]`)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('brief schedule panel', () => {
  it('shows the next run in the schedule time zone', async () => {
    await openPanel([WEEKLY, QUARTERLY])
    const weekly = row('weekly').get('[data-testid="brief-schedule-next"]').text()
    expect(weekly).toContain('7:30')
    expect(weekly).not.toContain('6:30')
    expect(weekly).toContain('(Europe/Berlin)')
    const quarterly = row('quarterly').get('[data-testid="brief-schedule-next"]').text()
    expect(quarterly).toContain('6:00')
    expect(quarterly).toContain('Dec 28, 2026')
    expect(quarterly).toContain('(America/New_York)')
  })

  it('shows the next run in the schedule time zone in German', async () => {
    await openPanel([WEEKLY], 'de')
    expect(row('weekly').get('[data-testid="brief-schedule-next"]').text()).toBe('nächster Lauf 14.12.2026, 07:30 (Europe/Berlin)')
  })

  it('names the language of the brief', async () => {
    await openPanel([WEEKLY, QUARTERLY])
    expect(row('weekly').get('[data-testid="brief-schedule-describe"]').text()).toBe('Weekly team brief in German: Monday at 07:30 (Europe/Berlin)')
    expect(row('quarterly').get('[data-testid="brief-schedule-describe"]').text()).toContain('in English:')
  })

  it('names the language of the brief in German', async () => {
    await openPanel([WEEKLY], 'de')
    expect(row('weekly').get('[data-testid="brief-schedule-describe"]').text()).toBe('Wochenbriefing des Teams auf Deutsch: Montag um 07:30 (Europe/Berlin)')
  })

  it('defaults a new schedule to the UI language', async () => {
    for (const [locale, language] of [['de', 'de'], ['en', 'en']]) {
      await openPanel([], locale)
      await wrapper.get('[data-testid="brief-schedule-new"]').trigger('click')
      expect(wrapper.get('[data-testid="brief-schedule-language"]').element.value).toBe(language)
      wrapper.unmount()
      wrapper = null
    }
  })

  it('falls back to UTC for a zone the browser does not know', async () => {
    await openPanel([{ ...WEEKLY, timeZone: 'Mars/Olympus_Mons' }], 'de')
    expect(row('weekly').get('[data-testid="brief-schedule-next"]').text()).toBe('nächster Lauf 14.12.2026, 06:30 (UTC)')
  })

  it('keeps the buttons of a row together', async () => {
    await openPanel([WEEKLY])
    const actions = row('weekly').get('[data-testid="brief-schedule-actions"]')
    expect(actions.findAll('button')).toHaveLength(3)
    expect(actions.find('[data-testid="brief-schedule-delete"]').exists()).toBe(true)
  })
})
