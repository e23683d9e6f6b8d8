// JSON requests to the same-origin REST API. The session cookie travels with every request.

/**
 * A failed API request: `status` is the HTTP status (0 when the server was not reached),
 * `fields` the server's per-field messages ([{field, message}]), and `details` the whole
 * `error` object of the response, which carries conflict details such as `currentVersion`,
 * `current` (stale version) or `loop` (alignment loop).
 */
export class ApiError extends Error {
  constructor(status, code, message, { fields = [], details = {} } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.details = details
  }
}

/**
 * Sends a request and returns the parsed JSON body, or null for an empty body (such as 204).
 * Rejects with an ApiError that carries the server's {"error": {"code", "message", "fields"}}
 * when present. `headers` adds request headers, such as If-Match. An aborted `signal` rejects
 * with the browser's AbortError, not an ApiError.
 */
export async function requestJson(method, path, body, headers = {}, { signal } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers }, signal }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }

  let response
  try {
    response = await fetch(path, init)
  } catch (cause) {
    if (cause?.name === 'AbortError') {
      throw cause
    }
    throw new ApiError(0, 'unreachable', `${method} ${path} failed: ${cause.message}`)
  }

  const text = await response.text()
  const parsed = text === '' ? null : parseJson(text)
  if (!response.ok) {
    const error = parsed?.error
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? `${method} ${path} returned status ${response.status}`,
      { fields: Array.isArray(error?.fields) ? error.fields : [], details: error ?? {} },
    )
  }
  return parsed
}

/**
 * Returns `path` with the given query parameters appended. Parameters that are null, undefined
 * or empty are left out, so callers can pass optional filters as they are.
 */
export function withQuery(path, params = {}) {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      query.append(name, String(value))
    }
  }
  const text = query.toString()
  return text === '' ? path : `${path}?${text}`
}

/** Largest page the list endpoints serve. */
export const MAX_PAGE_SIZE = 500

/**
 * Reads every page of a list endpoint ({"items", "nextCursor"}) and returns the items of all
 * pages. Stops after `maxPages` pages so that a very large organisation cannot keep a screen
 * loading forever; `truncated` is then true.
 */
export async function fetchAllPages(path, params = {}, { maxPages = 20 } = {}) {
  const items = []
  let after = null
  for (let page = 0; page < maxPages; page += 1) {
    const body = await requestJson('GET', withQuery(path, { ...params, limit: MAX_PAGE_SIZE, after }))
    items.push(...(body?.items ?? []))
    after = body?.nextCursor ?? null
    if (after === null) {
      return { items, truncated: false }
    }
  }
  return { items, truncated: true }
}

/**
 * Downloads a file from the API and returns {blob, filename}; the filename comes from the
 * Content-Disposition header, else `fallbackName`. Rejects with an ApiError like requestJson.
 */
export async function requestFile(path, fallbackName) {
  let response
  try {
    response = await fetch(path, { method: 'GET', credentials: 'same-origin' })
  } catch (cause) {
    throw new ApiError(0, 'unreachable', `GET ${path} failed: ${cause.message}`)
  }
  if (!response.ok) {
    const error = parseJson(await response.text())?.error
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `GET ${path} returned status ${response.status}`, {
      fields: Array.isArray(error?.fields) ? error.fields : [],
      details: error ?? {},
    })
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const match = /filename="?([^";]+)"?/.exec(disposition)
  return { blob: await response.blob(), filename: match ? match[1] : fallbackName }
}

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** Returns the If-Match header for a version the person last read, or none without a version. */
export function ifMatch(version) {
  return version === null || version === undefined ? {} : { 'If-Match': `"${version}"` }
}
