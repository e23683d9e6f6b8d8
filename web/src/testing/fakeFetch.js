// A fetch stand-in that returns responses from a table of routes ("METHOD /path" -> {status,
// body}) and records every request.

export function fakeFetch(routes) {
  const requests = []
  async function fetchStub(path, init = {}) {
    const method = init.method ?? 'GET'
    requests.push({ method, path, body: init.body === undefined ? undefined : JSON.parse(init.body) })
    const route = routes[`${method} ${path}`]
    const answer = typeof route === 'function' ? route(init) : route
    if (answer === undefined) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route ${method} ${path}` } }), {
        status: 404,
      })
    }
    const body = answer.body === undefined ? null : JSON.stringify(answer.body)
    return new Response(body, { status: answer.status ?? 200, headers: { 'Content-Type': 'application/json' } })
  }
  return { fetchStub, requests }
}

export const DEMO_USER = {
  id: 'p-1',
  name: 'Dana Weber',
  email: 'dana@acme.test',
  orgId: 'acme',
  orgName: 'Acme Retail',
}
