import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import SettingsPage from './SettingsPage.vue'

let wrapper
let fake

const SIGNALS = { signalStallCheckIns: 3, signalConfidenceDrop: 3, signalAnomalyZ: 3.5, signalCheckInGraceDays: 2 }
const SETTINGS = { fiscalYearStartMonth: 4, checkInDay: 1, staleAfterDays: 7, ...SIGNALS, version: 3 }
const ADMIN = { ...DEMO_USER, scopes: ['read', 'write', 'admin'] }

async function openSettings(extra = {}, { user = ADMIN, locale = 'en' } = {}) {
  ;({ wrapper, fake } = await mountPage(SettingsPage, {
    path: '/settings',
    routes: { 'GET /api/v1/auth/me': { body: { user } }, 'GET /api/v1/cycles': { body: { items: [] } }, 'GET /api/v1/settings': { body: SETTINGS }, ...extra },
    locale,
  }))
}

function patches() {
  return fake.requests.filter((request) => request.method === 'PATCH')
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('settings page', () => {
  it('links to the API tokens page', async () => {
    await openSettings()
    expect(wrapper.get('[data-testid="settings-api-tokens"]').attributes('href')).toBe('/settings/api-tokens')
  })

  it('shows the stored settings', async () => {
    await openSettings()
    expect(wrapper.get('[data-testid="settings-month"]').element.value).toBe('4')
    expect(wrapper.get('[data-testid="settings-month"] option:checked').text()).toBe('April')
    expect(wrapper.get('[data-testid="settings-day"] option:checked').text()).toBe('Monday')
    expect(wrapper.get('[data-testid="settings-stale"]').element.value).toBe('7')
  })

  it('saves the changed fields with the version', async () => {
    await openSettings({ 'PATCH /api/v1/settings': { body: { ...SETTINGS, checkInDay: 5, version: 4 } } })
    await wrapper.get('[data-testid="settings-day"]').setValue('5')
    await wrapper.get('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
    expect(patches()[0].body).toEqual({ checkInDay: 5, version: 3 })
    expect(wrapper.find('[data-testid="settings-saved"]').exists()).toBe(true)
  })

  it('shows a rejected stale period at its field', async () => {
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'staleAfterDays: must be 1 to 365', fields: [{ field: 'staleAfterDays', message: 'must be a whole number from 1 to 365' }] } } }
    await openSettings({ 'PATCH /api/v1/settings': invalid })
    await wrapper.get('[data-testid="settings-stale"]').setValue('400')
    await wrapper.get('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-field="staleAfterDays"] [data-testid="field-error"]').text()).toBe('must be a whole number from 1 to 365')
  })

  it('shows the stored values on a stale version and saves over them', async () => {
    const current = { fiscalYearStartMonth: 7, checkInDay: 3, staleAfterDays: 7, ...SIGNALS, version: 5 }
    let calls = 0
    const patch = () => {
      calls += 1
      return calls === 1
        ? { status: 409, body: { error: { code: 'stale_version', message: 'stale', currentVersion: 5, current } } }
        : { body: { ...current, staleAfterDays: 10, version: 6 } }
    }
    await openSettings({ 'PATCH /api/v1/settings': patch })
    await wrapper.get('[data-testid="settings-stale"]').setValue('10')
    await wrapper.get('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="settings-conflict-current"]').text()).toBe('Stored now: fiscal year from July, check-ins on Wednesday, stale after 7 days.')
    await wrapper.get('[data-testid="settings-overwrite"]').trigger('click')
    await flushPromises()
    expect(patches()[1].body).toEqual({ staleAfterDays: 10, version: 5 })
    expect(wrapper.get('[data-testid="settings-month"]').element.value).toBe('7')
  })

  it('takes the stored values on a stale version', async () => {
    const current = { fiscalYearStartMonth: 7, checkInDay: 3, staleAfterDays: 14, ...SIGNALS, version: 5 }
    await openSettings({ 'PATCH /api/v1/settings': { status: 409, body: { error: { code: 'stale_version', message: 'stale', currentVersion: 5, current } } } })
    await wrapper.get('[data-testid="settings-stale"]').setValue('10')
    await wrapper.get('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
    await wrapper.get('[data-testid="settings-take"]').trigger('click')
    expect(wrapper.get('[data-testid="settings-stale"]').element.value).toBe('14')
    expect(wrapper.find('[data-testid="settings-conflict"]').exists()).toBe(false)
  })

  it('links the integrations page', async () => {
    await openSettings()
    expect(wrapper.get('[data-testid="settings-integrations"]').attributes('href')).toBe('/integrations')
  })

  it('is read-only for people who are not admins', async () => {
    await openSettings({}, { user: { ...DEMO_USER, scopes: ['read', 'write'] } })
    expect(wrapper.find('[data-testid="settings-read-only"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="settings-save"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="settings-stale"]').attributes('disabled')).toBeDefined()
  })

  it('shows German month and day names', async () => {
    await openSettings({}, { locale: 'de' })
    expect(wrapper.get('h1').text()).toBe('Einstellungen')
    expect(wrapper.get('[data-testid="settings-month"] option:checked').text()).toBe('April')
    expect(wrapper.get('[data-testid="settings-day"] option:checked').text()).toBe('Montag')
  })
})

describe('signal thresholds on the settings page', () => {
  const field = (name) => `[data-testid="settings-${name}"]`
  const fieldError = (name) => `[data-field="${name}"] [data-testid="field-error"]`

  async function submit() {
    await wrapper.get('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
  }

  it('shows each threshold with its unit, range and effect', async () => {
    await openSettings()
    expect(wrapper.get(field('signalStallCheckIns')).element.value).toBe('3')
    expect(wrapper.get(field('signalConfidenceDrop')).element.value).toBe('3')
    expect(wrapper.get(field('signalAnomalyZ')).element.value).toBe('3.5')
    expect(wrapper.get(field('signalCheckInGraceDays')).element.value).toBe('2')
    expect(wrapper.get('[data-field="signalConfidenceDrop"] label').text()).toBe('Confidence drop (points)')
    expect(wrapper.get('[data-field="signalStallCheckIns"] .hint').text()).toMatch(/flat over this many check-ins .* 2 to 20 check-ins\.$/)
    expect(wrapper.get('[data-field="signalAnomalyZ"] .hint').text()).toMatch(/2 to 10, at most 2 decimals\.$/)
    expect(wrapper.get('[data-field="signalCheckInGraceDays"] .hint').text()).toMatch(/0 to 30 days\.$/)
  })

  it('saves a changed threshold with the version', async () => {
    await openSettings({ 'PATCH /api/v1/settings': { body: { ...SETTINGS, signalConfidenceDrop: 2, version: 4 } } })
    await wrapper.get(field('signalConfidenceDrop')).setValue('2')
    await submit()
    expect(patches()[0].body).toEqual({ signalConfidenceDrop: 2, version: 3 })
    expect(wrapper.find('[data-testid="settings-saved"]').exists()).toBe(true)
    expect(wrapper.get(field('signalConfidenceDrop')).element.value).toBe('2')
  })

  it('reads a German decimal comma in the cut-off', async () => {
    await openSettings({ 'PATCH /api/v1/settings': { body: { ...SETTINGS, signalAnomalyZ: 4.25, version: 4 } } }, { locale: 'de' })
    expect(wrapper.get(field('signalAnomalyZ')).element.value).toBe('3,5')
    await wrapper.get(field('signalAnomalyZ')).setValue('4,25')
    await submit()
    expect(patches()[0].body).toEqual({ signalAnomalyZ: 4.25, version: 3 })
    expect(wrapper.get(field('signalAnomalyZ')).element.value).toBe('4,25')
  })

  it('checks whole-number ranges before sending', async () => {
    await openSettings()
    await wrapper.get(field('signalStallCheckIns')).setValue('25')
    await submit()
    expect(patches()).toHaveLength(0)
    expect(wrapper.get(fieldError('signalStallCheckIns')).text()).toBe('Enter a whole number from 2 to 20.')
  })

  it('checks the cut-off decimals and clears the error once fixed', async () => {
    await openSettings()
    await wrapper.get(field('signalAnomalyZ')).setValue('3.125')
    await submit()
    expect(patches()).toHaveLength(0)
    expect(wrapper.get(fieldError('signalAnomalyZ')).text()).toBe('Enter a number from 2 to 10 with at most 2 decimals, such as 3.5.')
    await wrapper.get(field('signalAnomalyZ')).setValue('3.25')
    expect(wrapper.find(fieldError('signalAnomalyZ')).exists()).toBe(false)
  })

  it('words range errors in German', async () => {
    await openSettings({}, { locale: 'de' })
    await wrapper.get(field('signalCheckInGraceDays')).setValue('31')
    await submit()
    expect(wrapper.get(fieldError('signalCheckInGraceDays')).text()).toBe('Geben Sie eine ganze Zahl von 0 bis 30 ein.')
    expect(wrapper.get('[data-testid="settings-signals"] h2').text()).toBe('Signale')
  })

  it("shows the server's rejection at its field", async () => {
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'signalCheckInGraceDays: invalid', fields: [{ field: 'signalCheckInGraceDays', message: 'is not accepted by this server' }] } } }
    await openSettings({ 'PATCH /api/v1/settings': invalid })
    await wrapper.get(field('signalCheckInGraceDays')).setValue('5')
    await submit()
    expect(patches()).toHaveLength(1)
    expect(wrapper.get(fieldError('signalCheckInGraceDays')).text()).toBe('is not accepted by this server')
    // Shown once, at the field: the page's banner does not repeat it.
    expect(wrapper.findAll('[data-testid="error"]').filter((banner) => banner.text().includes('not accepted'))).toHaveLength(0)
  })

  it('shows stored thresholds on a stale version and saves over them', async () => {
    const current = { fiscalYearStartMonth: 4, checkInDay: 1, staleAfterDays: 7, ...SIGNALS, signalAnomalyZ: 4.5, version: 5 }
    let calls = 0
    const patch = () => {
      calls += 1
      return calls === 1
        ? { status: 409, body: { error: { code: 'stale_version', message: 'stale', currentVersion: 5, current } } }
        : { body: { ...current, signalStallCheckIns: 5, version: 6 } }
    }
    await openSettings({ 'PATCH /api/v1/settings': patch })
    await wrapper.get(field('signalStallCheckIns')).setValue('5')
    await submit()
    expect(wrapper.get('[data-testid="settings-conflict-signals"]').text()).toBe(
      'Signal thresholds stored now: stalled after 3 check-ins, confidence drop of 3 points, anomaly cut-off 4.5, grace period of 2 days.',
    )
    await wrapper.get('[data-testid="settings-overwrite"]').trigger('click')
    await flushPromises()
    expect(patches()[1].body).toEqual({ signalStallCheckIns: 5, version: 5 })
    expect(wrapper.get(field('signalAnomalyZ')).element.value).toBe('4.5')
  })

  it('is read-only for people who are not admins', async () => {
    await openSettings({}, { user: { ...DEMO_USER, scopes: ['read', 'write'] } })
    for (const name of ['signalStallCheckIns', 'signalConfidenceDrop', 'signalAnomalyZ', 'signalCheckInGraceDays']) {
      expect(wrapper.get(field(name)).attributes('disabled')).toBeDefined()
    }
  })
})
