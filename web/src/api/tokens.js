import { requestJson } from './http.js'

const BASE = '/api/v1/tokens'

/**
 * Returns the organisation's API tokens (admins only), active ones first: {id, name, prefix,
 * scopes, units [{id, key, name}], kinds, createdBy {id, name} or null, createdAt, lastUsedAt,
 * revokedAt}. Empty units or kinds mean the token is not limited to some. Lists never carry a
 * token's text.
 */
export async function listTokens() {
  const { items } = await requestJson('GET', BASE)
  return items
}

/**
 * Creates a token from {name, scopes, units?, kinds?} and returns it with its text in `token`. The server
 * returns the text only in this response.
 */
export async function createToken(fields) {
  return requestJson('POST', BASE, fields)
}

/** Revokes a token: requests with it get 401 from then on. */
export async function revokeToken(id) {
  return requestJson('DELETE', `${BASE}/${encodeURIComponent(id)}`)
}
