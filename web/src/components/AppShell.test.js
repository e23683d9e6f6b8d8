import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import AppShell from './AppShell.vue'
import { useConnectionStore } from '../stores/connection.js'
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
})
