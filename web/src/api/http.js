// JSON requests to the same-origin REST API. The session cookie travels with every request.

/** A failed API request: `status` is the HTTP status (0 when the server was not reached). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

/**
 * Sends a request and returns the parsed JSON body, or null for an empty body (such as 204).
 * Rejects with an ApiError that carries the server's {"error": {"code", "message"}} when present.
 */
export async function requestJson(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }

  let response
  try {
    response = await fetch(path, init)
  } catch (cause) {
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
    )
  }
  return parsed
}

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
