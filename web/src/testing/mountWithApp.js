// Mounts a component with the plugins the app installs: Pinia, i18n, a memory-history router
// and a live client whose sockets the test drives.

import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { createMomentumI18n } from '../i18n/index.js'
import { LIVE_CLIENT_KEY } from '../live/injection.js'
import { createLiveClient } from '../live/liveClient.js'
import { createMomentumRouter } from '../router.js'
import { recordSockets } from './FakeWebSocket.js'

export function createTestApp({ locale = 'en' } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createMomentumI18n(locale)
  const router = createMomentumRouter(createMemoryHistory())
  const sockets = recordSockets()
  const liveClient = createLiveClient({
    url: 'ws://127.0.0.1/api/v1/live',
    createSocket: sockets.createSocket,
    random: () => 0,
    network: null,
    logger: { warn() {} },
  })
  return { pinia, i18n, router, sockets, liveClient }
}

export function mountWithApp(component, testApp, options = {}) {
  return mount(component, {
    ...options,
    global: {
      plugins: [testApp.pinia, testApp.i18n, testApp.router],
      provide: { [LIVE_CLIENT_KEY]: testApp.liveClient },
      ...options.global,
    },
  })
}
