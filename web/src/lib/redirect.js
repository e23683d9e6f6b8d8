/**
 * Returns the in-app path to open after login: the requested path when it is a local path
 * (one leading slash, not the login page), else "/". This keeps ?redirect= from sending a person
 * to another site.
 */
export function safeRedirect(requested) {
  if (typeof requested !== 'string' || !requested.startsWith('/')) {
    return '/'
  }
  if (requested.startsWith('//') || requested.startsWith('/\\') || requested.startsWith('/login')) {
    return '/'
  }
  return requested
}
