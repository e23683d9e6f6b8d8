import { inject } from 'vue'

/** Injection key of the tab's live client (see createLiveClient). */
export const LIVE_CLIENT_KEY = Symbol('momentum live client')

/** Returns the live client that the app provides under LIVE_CLIENT_KEY. */
export function useLiveClient() {
  const client = inject(LIVE_CLIENT_KEY, null)
  if (client === null) {
    throw new Error('No live client provided: call app.provide(LIVE_CLIENT_KEY, createLiveClient(...)) first')
  }
  return client
}
