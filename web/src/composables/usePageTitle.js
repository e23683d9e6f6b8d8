import { onScopeDispose, toValue, watchEffect } from 'vue'

const APP_TITLE = 'Momentum'

/** Sets the document title to "<title> · Momentum" while the calling scope lives. */
export function usePageTitle(title) {
  watchEffect(() => {
    const text = toValue(title)
    document.title = text ? `${text} · ${APP_TITLE}` : APP_TITLE
  })
  onScopeDispose(() => {
    document.title = APP_TITLE
  })
}
