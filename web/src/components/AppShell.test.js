import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { nextTick } from 'vue'
import AppShell from './AppShell.vue'
import { useSessionStore } from '../stores/session.js'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'

async function shellAt(path) {
  const app = createTestApp()
  useSessionStore().user = { id: 'u-1', name: 'Olivia Owner', email: 'olivia@example.test', orgId: 'acme' }
  await app.router.push(path)
  const wrapper = mountWithApp(AppShell, app)
  await flushPromises()
  return wrapper
}

describe('AppShell', () => {
  it('hides the connection state on pages without a live board', async () => {
    const wrapper = await shellAt('/kpis')

    expect(wrapper.find('[data-testid="connection-status"]').exists()).toBe(false)
  })

  it('shows the connection state on a team board', async () => {
    const wrapper = await shellAt('/units/u-1')

    expect(wrapper.find('[data-testid="connection-status"]').exists()).toBe(true)
  })

  it('links the integrations for everybody', async () => {
    const app = createTestApp()
    const wrapper = mountWithApp(AppShell, app)
    useSessionStore().user = { id: 'p-1', name: 'Dana Weber', scopes: ['read'] }
    await nextTick()

    expect(wrapper.get('[data-testid="nav-integrations"]').attributes('href')).toBe('/integrations')
  })

  it('links cycles and initiatives for everybody', async () => {
    const app = createTestApp()
    const wrapper = mountWithApp(AppShell, app)
    useSessionStore().user = { id: 'p-1', name: 'Dana Weber', scopes: ['read', 'write'] }
    await nextTick()

    expect(wrapper.get('[data-testid="nav-cycles"]').attributes('href')).toBe('/cycles')
    expect(wrapper.get('[data-testid="nav-initiatives"]').attributes('href')).toBe('/initiatives')
    expect(wrapper.find('[data-testid="nav-settings"]').exists()).toBe(false)
  })

  it('links the settings for admins', async () => {
    const app = createTestApp()
    const wrapper = mountWithApp(AppShell, app)
    useSessionStore().user = { id: 'p-1', name: 'Dana Weber', scopes: ['read', 'write', 'admin'] }
    await nextTick()

    expect(wrapper.get('[data-testid="nav-settings"]').attributes('href')).toBe('/settings')
  })
})
