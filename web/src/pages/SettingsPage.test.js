import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import SettingsPage from './SettingsPage.vue'

let wrapper
let fake

const SETTINGS = { fiscalYearStartMonth: 4, checkInDay: 1, staleAfterDays: 7, version: 3 }
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
    const current = { fiscalYearStartMonth: 7, checkInDay: 3, staleAfterDays: 7, version: 5 }
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
    const current = { fiscalYearStartMonth: 7, checkInDay: 3, staleAfterDays: 14, version: 5 }
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
