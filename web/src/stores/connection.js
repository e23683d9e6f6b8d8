import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ConnectionStatus } from '../live/liveClient.js'

/** State of the tab's live connection and the server errors that name no board. */
export const useConnectionStore = defineStore('connection', () => {
  const status = ref(ConnectionStatus.IDLE)
  const failedAttempts = ref(0)
  const retryAt = ref(null)
  const errors = ref([])
  let nextErrorId = 1

  /** Mirrors the status and general errors of a live client; returns a function that stops it. */
  function followClient(client) {
    status.value = client.status
    const stopStatus = client.onStatus((report) => {
      status.value = report.status
      failedAttempts.value = report.failedAttempts
      retryAt.value = report.retryAt
    })
    const stopErrors = client.onError((error) => reportError(error))
    return () => {
      stopStatus()
      stopErrors()
    }
  }

  /** Records an error for display; a repeat of a shown error is not added twice. */
  function reportError({ code = null, message = null, board = null }) {
    const shown = errors.value.some((error) => error.code === code && error.message === message && error.board === board)
    if (!shown) {
      errors.value.push({ id: nextErrorId++, code, message, board })
    }
  }

  function dismissError(id) {
    errors.value = errors.value.filter((error) => error.id !== id)
  }

  function clearErrors() {
    errors.value = []
  }

  return { status, failedAttempts, retryAt, errors, followClient, reportError, dismissError, clearErrors }
})
