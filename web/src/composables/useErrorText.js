import { useI18n } from 'vue-i18n'
import { requestErrorText } from '../lib/apiErrors.js'

// Codes whose wording lives under errors.* in the message files.
const TRANSLATED_CODES = [
  'board_not_found',
  'invalid_board',
  'too_many_subscriptions',
  'invalid_message',
  'unknown_type',
  'unreachable',
]

/**
 * Returns a function that words an error for the person at the screen: a live error {code,
 * message, board} or a failed REST request (an ApiError, which has a status). A REST error whose
 * code the message files know is worded in the reader's language; any other shows the server's
 * message.
 */
export function useErrorText() {
  const i18n = useI18n()
  const { t } = i18n

  return function errorText(error) {
    if (TRANSLATED_CODES.includes(error.code)) {
      return t(`errors.${error.code}`)
    }
    const translated = error.status !== undefined ? requestErrorText(error, i18n) : null
    if (translated !== null) {
      return translated
    }
    if (error.message && error.status !== undefined) {
      return t('errors.request', { message: error.message })
    }
    if (error.message) {
      return t('errors.server', { message: error.message })
    }
    return t('errors.unexpected', { status: error.status ?? '?' })
  }
}
