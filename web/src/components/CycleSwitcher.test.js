import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { CYCLES, Q4, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { useCycleStore } from '../stores/cycles.js'
import { mountPage } from '../testing/mountPage.js'
import CycleSwitcher from './CycleSwitcher.vue'

let wrapper
let app
let fake

async function openSwitcher(path, { routes = outcomeRoutes(), locale = 'en' } = {}) {
  ;({ wrapper, app, fake } = await mountPage(CycleSwitcher, { path, routes, locale }))
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('cycle switcher', () => {
  it('takes the cycle from the address', async () => {
    await openSwitcher('/units/u-checkout/edit?cycle=c-2026-q3')
    expect(useCycleStore().selectedId).toBe('c-2026-q3')
    expect(wrapper.get('[data-testid="cycle-quarter"]').element.value).toBe('c-2026-q3')
    expect(wrapper.get('[data-testid="cycle-year"]').element.value).toBe('c-2026')
    expect(wrapper.get('[data-testid="cycle-strategy"]').element.value).toBe('c-strategy')
  })

  it('picks the open quarter of today and writes it into the address', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00Z'), toFake: ['Date'] })
    await openSwitcher('/units/u-checkout/edit')
    expect(useCycleStore().selectedId).toBe(Q4)
    expect(app.router.currentRoute.value.query.cycle).toBe(Q4)
  })

  it('keeps the default unchosen when writing it', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00Z'), toFake: ['Date'] })
    await openSwitcher('/units/u-checkout/edit')
    expect(useCycleStore().chosen).toBe(false)
  })

  it('marks a cycle from the address as chosen', async () => {
    await openSwitcher('/units/u-checkout/edit?cycle=c-2026-q3')
    expect(useCycleStore().chosen).toBe(true)
  })

  it('leaves the address of a page without cycle alone', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00Z'), toFake: ['Date'] })
    await openSwitcher('/units/u-checkout')
    expect(useCycleStore().selectedId).toBe(Q4)
    expect(app.router.currentRoute.value.fullPath).toBe('/units/u-checkout')
  })

  it('ignores an unknown cycle in the address', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00Z'), toFake: ['Date'] })
    await openSwitcher('/units/u-checkout/edit?cycle=no-such-cycle')
    expect(useCycleStore().selectedId).toBe(Q4)
    expect(app.router.currentRoute.value.query.cycle).toBe(Q4)
  })

  it('moves to another quarter and keeps the rest of the address', async () => {
    await openSwitcher(`/units/u-checkout/check-in?cycle=${Q4}&view=wall`)
    await wrapper.get('[data-testid="cycle-quarter"]').setValue('c-2026-q3')
    await flushPromises()
    expect(useCycleStore().selectedId).toBe('c-2026-q3')
    expect(app.router.currentRoute.value.query).toEqual({ cycle: 'c-2026-q3', view: 'wall' })
  })

  it('chooses the whole year', async () => {
    await openSwitcher(`/kpis?cycle=${Q4}`)
    await wrapper.get('[data-testid="cycle-quarter"]').setValue('')
    await flushPromises()
    expect(useCycleStore().selectedId).toBe('c-2026')
  })

  it('follows a cycle changed in the address', async () => {
    await openSwitcher(`/kpis?cycle=${Q4}`)
    await app.router.push('/kpis?cycle=c-2026')
    await flushPromises()
    expect(useCycleStore().selectedId).toBe('c-2026')
  })

  it('marks closed cycles', async () => {
    await openSwitcher(`/kpis?cycle=${Q4}`)
    const labels = wrapper.findAll('[data-testid="cycle-quarter"] option').map((option) => option.text())
    expect(labels).toEqual(['Whole year', 'Q3 2026 (closed)', 'Q4 2026'])
  })

  it('loads the cycles once for all pages', async () => {
    await openSwitcher(`/kpis?cycle=${Q4}`)
    await app.router.push(`/kpis/kpi-revenue?cycle=${Q4}`)
    await useCycleStore().loadCycles()
    expect(useCycleStore().cycles).toHaveLength(CYCLES.length)
    expect(fake.requests.filter((request) => request.path.startsWith('/api/v1/cycles'))).toHaveLength(1)
  })

  it('says so when the cycles cannot be loaded', async () => {
    await openSwitcher('/kpis', { routes: { ...outcomeRoutes(), 'GET /api/v1/cycles': { status: 500, body: { error: { code: 'internal_error', message: 'x' } } } } })
    expect(wrapper.get('[data-testid="cycles-unavailable"]').text()).toBe('Cycles could not be loaded')
  })

  it('speaks German', async () => {
    await openSwitcher(`/kpis?cycle=${Q4}`, { locale: 'de' })
    expect(wrapper.findAll('[data-testid="cycle-quarter"] option')[0].text()).toBe('Ganzes Jahr')
  })
})
