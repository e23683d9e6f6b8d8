import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
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
})
