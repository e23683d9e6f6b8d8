// A fetch stand-in that returns responses from a table of routes ("METHOD /path" -> {status,
// body}, or a function of the request that returns one) and records every request. A route
// written with a query string matches only that query; one written without matches any query.

export function fakeFetch(routes) {
  const requests = []
  async function fetchStub(path, init = {}) {
    const method = init.method ?? 'GET'
    const bare = path.split('?')[0]
    const body = init.body === undefined ? undefined : JSON.parse(init.body)
    const request = { method, path, body }
    // Not enumerable, so tests that compare whole requests need not list the headers.
    Object.defineProperty(request, 'headers', { value: init.headers ?? {}, enumerable: false })
    requests.push(request)
    const route = routes[`${method} ${path}`] ?? routes[`${method} ${bare}`]
    const answer = typeof route === 'function' ? route(request) : route
    if (answer === undefined) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route ${method} ${path}` } }), {
        status: 404,
      })
    }
    const text = answer.body === undefined ? null : JSON.stringify(answer.body)
    return new Response(text, { status: answer.status ?? 200, headers: { 'Content-Type': 'application/json' } })
  }
  return { fetchStub, requests }
}

/** Returns the query parameters of a recorded request as an object. */
export function queryOf(request) {
  return Object.fromEntries(new URL(request.path, 'http://127.0.0.1').searchParams)
}

/** Wraps items in the list shape of the REST API. */
export function page(items, nextCursor = null) {
  return { body: { items, nextCursor } }
}

export const DEMO_USER = {
  id: 'p-1',
  name: 'Dana Weber',
  email: 'dana@acme.test',
  orgId: 'acme',
  orgName: 'Acme Retail',
}
