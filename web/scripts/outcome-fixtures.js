// The outcome-model REST routes of the fixture server: cycles, people, units, objectives, key
// results, KPIs, check-ins, comments, history, driver tree and impact chain, kept in memory
// from the page tests' fixtures. Objectives and key results can be created, changed (with
// version checks and loop detection) and archived, so the editor and check-in work in a browser.

import * as fixtures from '../src/__fixtures__/outcomeModel.js'

/** Creates an in-memory outcome model; `handle(method, url, body)` returns {status, body} or null. */
export function createOutcomeFixtures() {
  const objectives = structuredClone([fixtures.OUTCOME, fixtures.COMPANY_OBJECTIVE, fixtures.DELIGHT, fixtures.PAYMENTS])
  const keyResults = structuredClone([
    fixtures.COMPANY_KEY_RESULT,
    fixtures.CONVERSION,
    fixtures.REORDER,
    fixtures.ERROR_BAND,
    fixtures.PCI,
    fixtures.REVENUE_FOLLOWER,
  ])
  const kpis = structuredClone([fixtures.REVENUE_KPI, fixtures.ORDERS_KPI])
  const checkIns = new Map([[fixtures.CONVERSION.id, structuredClone(fixtures.CONVERSION_CHECK_INS.items)]])
  let nextId = 1

  const page = (items) => ({ status: 200, body: { items, nextCursor: null } })
  const notFound = (what) => ({ status: 404, body: { error: { code: 'not_found', message: `${what} not found` } } })
  const objectiveOf = (keyResult) => objectives.find((objective) => objective.id === keyResult.objectiveId)

  function listObjectives(query) {
    return page(
      objectives.filter(
        (objective) =>
          (!query.get('unit') || objective.unitId === query.get('unit')) &&
          (!query.get('cycle') || objective.cycleId === query.get('cycle')),
      ),
    )
  }

  function listKeyResults(query) {
    return page(
      keyResults.filter((keyResult) => {
        const objective = objectiveOf(keyResult)
        return (
          (!query.get('unit') || objective?.unitId === query.get('unit')) &&
          (!query.get('cycle') || objective?.cycleId === query.get('cycle')) &&
          (!query.get('objective') || keyResult.objectiveId === query.get('objective')) &&
          (!query.get('kpi') || keyResult.kpiId === query.get('kpi'))
        )
      }),
    )
  }

  // The keys from `objective` up its parents; a loop when the chain comes back to the start.
  function alignmentLoop(objective, changes) {
    const candidate = { ...objective, ...changes }
    const keys = [candidate.key]
    let parentId = candidate.parentKeyResultId ? objectiveOf(keyResults.find((k) => k.id === candidate.parentKeyResultId) ?? {})?.id : candidate.parentId
    const seen = new Set([candidate.id])
    while (parentId) {
      const parent = objectives.find((item) => item.id === parentId)
      if (!parent) {
        return null
      }
      keys.push(parent.key)
      if (seen.has(parent.id)) {
        return keys
      }
      seen.add(parent.id)
      parentId = parent.parentKeyResultId ? objectiveOf(keyResults.find((k) => k.id === parent.parentKeyResultId) ?? {})?.id : parent.parentId
    }
    return null
  }

  function patch(list, id, body, what, checkLoop) {
    const item = list.find((entry) => entry.id === id)
    if (!item) {
      return notFound(what)
    }
    const { version, ...changes } = body ?? {}
    if (version !== item.version) {
      return { status: 409, body: { error: { code: 'stale_version', message: `${what} changed since version ${version}`, currentVersion: item.version, current: item } } }
    }
    const loop = checkLoop ? alignmentLoop(item, changes) : null
    if (loop) {
      return { status: 409, body: { error: { code: 'alignment_loop', message: 'The change would close an alignment loop', loop } } }
    }
    Object.assign(item, changes, { version: item.version + 1 })
    return { status: 200, body: item }
  }

  function create(list, body, prefix) {
    const fields = []
    if (!body?.title) {
      fields.push({ field: 'title', message: 'is missing: name the goal in a few words' })
    }
    if (list.some((item) => item.key === body?.key)) {
      fields.push({ field: 'key', message: 'is already taken' })
    }
    if (fields.length > 0) {
      return { status: 400, body: { error: { code: 'validation_failed', message: 'The request has invalid fields', fields } } }
    }
    const item = { ...body, id: `${prefix}-${nextId++}`, version: 1, current: null, confidence: null, milestones: body.milestones ?? [] }
    list.push(item)
    return { status: 201, body: item }
  }

  function postCheckIn(id, body) {
    const keyResult = keyResults.find((item) => item.id === id)
    if (!keyResult) {
      return notFound(`Key result ${id}`)
    }
    const entry = { id: `ci-${nextId++}`, at: new Date().toISOString(), author: 'Demo User', value: null, confidence: null, note: null, blockers: null, ...body }
    checkIns.set(id, [entry, ...(checkIns.get(id) ?? [])])
    keyResult.current = body.value ?? keyResult.current
    keyResult.confidence = body.confidence ?? keyResult.confidence
    return { status: 202, body: { accepted: [entry.id] } }
  }

  function due(query) {
    const items = keyResults
      .filter((keyResult) => !query.get('unit') || objectiveOf(keyResult)?.unitId === query.get('unit'))
      .filter((keyResult) => !(checkIns.get(keyResult.id) ?? []).some((entry) => Date.now() - Date.parse(entry.at) < 86_400_000))
      .map((keyResult, index) => ({
        keyResultId: keyResult.id,
        key: keyResult.key,
        title: keyResult.title,
        ownerName: keyResult.ownerName,
        state: index % 2 === 0 ? 'due' : 'overdue',
      }))
    return page(items)
  }

  // List, create, read, change and archive of one collection; null for the paths below an item.
  function handleCollection({ list, prefix, what, listItems, checkLoop }, method, parts, query, body) {
    const item = list.find((entry) => entry.id === parts[1])
    if (parts.length === 1) {
      if (method === 'POST') {
        return create(list, body, prefix)
      }
      return method === 'GET' ? listItems(query) : null
    }
    if (parts.length > 2) {
      return null
    }
    if (method === 'GET') {
      return item ? { status: 200, body: item } : notFound(`${what} ${parts[1]}`)
    }
    if (method === 'PATCH') {
      return patch(list, parts[1], body, `${what} ${parts[1]}`, checkLoop)
    }
    if (method === 'DELETE') {
      list.splice(list.indexOf(item), item ? 1 : 0)
      return { status: 204 }
    }
    return null
  }

  function handleObjectives(method, parts, query, body) {
    const collection = { list: objectives, prefix: 'o', what: 'Objective', listItems: listObjectives, checkLoop: true }
    if (parts.length <= 2) {
      return handleCollection(collection, method, parts, query, body)
    }
    return method === 'POST' && parts[2] === 'comments' ? { status: 201, body: { id: nextId++, body: body?.body } } : null
  }

  function handleKeyResults(method, parts, query, body) {
    const collection = { list: keyResults, prefix: 'k', what: 'Key result', listItems: listKeyResults, checkLoop: false }
    if (parts.length <= 2) {
      return handleCollection(collection, method, parts, query, body)
    }

    if (method === 'GET' && parts[2] === 'history') {
      return { status: 200, body: parts[1] === fixtures.CONVERSION.id ? fixtures.CONVERSION_HISTORY : { points: [] } }
    }
    if (parts[2] === 'check-ins') {
      return method === 'GET' ? page(checkIns.get(parts[1]) ?? []) : postCheckIn(parts[1], body ?? {})
    }
    return null
  }

  function handleKpis(method, parts) {
    const kpi = kpis.find((item) => item.id === parts[1])
    if (method !== 'GET') {
      return null
    }
    if (parts.length === 1) {
      return page(kpis)
    }
    if (!kpi) {
      return notFound(`KPI ${parts[1]}`)
    }
    if (parts.length === 2) {
      return { status: 200, body: kpi }
    }

    const revenue = kpi.id === fixtures.REVENUE_KPI.id
    if (parts[2] === 'history') {
      return { status: 200, body: revenue ? fixtures.REVENUE_HISTORY : { points: [] } }
    }
    return parts[2] === 'driver-tree' ? { status: 200, body: revenue ? fixtures.REVENUE_DRIVER_TREE : { kpi, drivers: [] } } : null
  }

  function handleImpactChain(nodeId) {
    const inChain = fixtures.CONVERSION_CHAIN.nodes.some((node) => node.id === nodeId)
    return inChain ? { status: 200, body: { ...fixtures.CONVERSION_CHAIN, rootId: nodeId } } : notFound(`Node ${nodeId}`)
  }

  /** Returns the response to a REST request of the outcome model, or null for other paths. */
  function handle(method, url, body) {
    const parts = url.pathname.split('/').slice(3)
    const query = url.searchParams
    const resource = parts[0]
    if (method === 'GET' && resource === 'cycles') {
      return page(fixtures.CYCLES)
    }
    if (method === 'GET' && resource === 'people') {
      return page(fixtures.PEOPLE)
    }
    if (method === 'GET' && resource === 'units' && parts[1] === fixtures.UNIT_ID) {
      return { status: 200, body: { id: fixtures.UNIT_ID, key: 'checkout-squad', name: 'Checkout Squad', kind: 'team', parentId: null } }
    }
    if (method === 'GET' && resource === 'check-ins' && parts[1] === 'due') {
      return due(query)
    }
    if (method === 'GET' && resource === 'impact-chains') {
      return handleImpactChain(parts[1])
    }

    const handlers = { objectives: handleObjectives, 'key-results': handleKeyResults, kpis: handleKpis }
    return handlers[resource] ? handlers[resource](method, parts, query, body) : null
  }

  return { handle }
}
