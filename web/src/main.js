import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createMomentumI18n, LOCALE_STORAGE_KEY, pickLocale } from './i18n/index.js'
import { LIVE_CLIENT_KEY } from './live/injection.js'
import { createLiveClient, liveUrl } from './live/liveClient.js'
import { createMomentumRouter } from './router.js'
import { useConnectionStore } from './stores/connection.js'
import { usePreferencesStore } from './stores/preferences.js'
import './styles/main.css'

function storedLocale() {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY)
  } catch {
    return null
  }
}

const app = createApp(App)
const pinia = createPinia()
const i18n = createMomentumI18n()
const liveClient = createLiveClient({ url: liveUrl(window.location) })

app.use(pinia)
app.use(i18n)
app.use(createMomentumRouter())
app.provide(LIVE_CLIENT_KEY, liveClient)

usePreferencesStore().bindI18n(i18n.global.locale, pickLocale(storedLocale(), navigator.languages ?? [navigator.language]))
useConnectionStore().followClient(liveClient)

app.mount('#app')
