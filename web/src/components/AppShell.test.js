import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import AppShell from './AppShell.vue'
import { useConnectionStore } from '../stores/connection.js'
import { useSessionStore } from '../stores/session.js'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'

describe('AppShell', () => {
  it('hides the connection state on pages without a live board', async () => {
    const app = createTestApp()
    const wrapper = mountWithApp(AppShell, app)
    await nextTick()

    expect(wrapper.find('[data-testid="connection-status"]').exists()).toBe(false)
  })

  it('shows the connection state while a board connects', async () => {
    const app = createTestApp()
    const wrapper = mountWithApp(AppShell, app)
    useConnectionStore().status = 'connecting'
    await nextTick()

    expect(wrapper.get('[data-testid="connection-status"]').attributes('data-status')).toBe('connecting')
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
