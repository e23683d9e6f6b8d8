import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as auth from '../api/auth.js'

/** The signed-in person and the demo account hint of the login page. */
export const useSessionStore = defineStore('session', () => {
  const user = ref(null)
  const checked = ref(false)
  const demoAccount = ref(null)

  const signedIn = computed(() => user.value !== null)
  // Admins carry the `admin` scope; the server checks it again on every admin-only request.
  const isAdmin = computed(() => Boolean(user.value?.scopes?.includes('admin')))

  /** Loads the signed-in user from the server. A 401 response clears the user, and other failures propagate. */
  async function loadCurrentUser() {
    try {
      user.value = await auth.fetchCurrentUser()
    } catch (error) {
      if (error.status !== 401) {
        throw error
      }
      user.value = null
    } finally {
      checked.value = true
    }
    return user.value
  }

  async function logIn(email, password) {
    user.value = await auth.logIn(email, password)
    checked.value = true
    return user.value
  }

  /** Signs out on the server; the local session ends even when the server cannot be reached. */
  async function logOut() {
    try {
      await auth.logOut()
    } finally {
      user.value = null
    }
  }

  /** Forgets the user after the server reported the session as ended. */
  function expireSession() {
    user.value = null
  }

  async function loadDemoAccount() {
    try {
      demoAccount.value = await auth.fetchDemoAccount()
    } catch {
      // The hint is optional, so a failed request only means that the login page shows none.
      demoAccount.value = null
    }
  }

  return { user, checked, demoAccount, signedIn, isAdmin, loadCurrentUser, logIn, logOut, expireSession, loadDemoAccount }
})
