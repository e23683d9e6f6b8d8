import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createMomentumI18n } from '../i18n/index.js'
import ConnectionIndicator from './ConnectionIndicator.vue'

let wrapper

function render(props, locale = 'en') {
  wrapper = mount(ConnectionIndicator, { props, global: { plugins: [createMomentumI18n(locale)] } })
  return wrapper
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(Date.parse('2026-12-04T10:00:00Z'))
})

afterEach(() => {
  // Unmounting stops the shared one-second clock before the fake timers go away.
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
})

describe('ConnectionIndicator', () => {
  it('shows live and the board version', () => {
    render({ status: 'live', boardVersion: 412 })
    expect(wrapper.get('[data-testid="connection-status"]').text()).toBe('Live')
    expect(wrapper.get('[data-testid="board-version"]').text()).toBe('Version 412')
  })

  it('counts down to the next attempt', async () => {
    const retryAt = Date.now() + 4000
    render({ status: 'reconnecting', retryAt })
    expect(wrapper.get('[data-testid="connection-status"]').text()).toBe('Reconnecting…')
    expect(wrapper.text()).toContain('(next attempt in 4 s)')
    await vi.advanceTimersByTimeAsync(1000)
    expect(wrapper.text()).toContain('next attempt in 3 s')
  })

  it('shows offline in German', () => {
    render({ status: 'offline' }, 'de')
    expect(wrapper.get('[data-testid="connection-status"]').text()).toBe('Offline')
    expect(wrapper.find('[data-testid="board-version"]').exists()).toBe(false)
  })
})
