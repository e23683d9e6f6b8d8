import { requestJson } from './http.js'

/** Returns the signed-in user, or rejects with ApiError status 401 without a valid session. */
export async function fetchCurrentUser() {
  const body = await requestJson('GET', '/api/v1/auth/me')
  return body.user
}

/** Signs in; the server sets the session cookie. Rejects with status 401 on wrong credentials. */
export async function logIn(email, password) {
  const body = await requestJson('POST', '/api/v1/auth/login', { email, password })
  return body.user
}

export async function logOut() {
  await requestJson('POST', '/api/v1/auth/logout')
}

/** Returns the demo account {email, password}, or null when the server runs without demo data. */
export async function fetchDemoAccount() {
  try {
    return await requestJson('GET', '/api/v1/auth/demo')
  } catch (error) {
    if (error.status === 404) {
      return null
    }
    throw error
  }
}
