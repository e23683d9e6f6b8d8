import { fetchAllPages, ifMatch, requestJson } from './http.js'

const BASE = '/api/v1/integrations/connections'

function connectionPath(id) {
  return `${BASE}/${encodeURIComponent(id)}`
}

function rulePath(connectionId, ruleId) {
  return `${connectionPath(connectionId)}/rules/${encodeURIComponent(ruleId)}`
}

/** Returns the organisation's Jira and Azure DevOps connections by name, without their rules. */
export async function listConnections() {
  const { items } = await fetchAllPages(BASE)
  return items.map(toConnection)
}

/**
 * Creates a connection from {kind, name, secret, storyPointsField} and returns it. The server
 * never returns the secret again.
 */
export async function createConnection(fields) {
  return toConnection(await requestJson('POST', BASE, fields))
}

/**
 * Changes a connection's name, story point field, state map or secret; `version` is the version last read.
 * Returns the stored connection with its rules.
 */
export async function updateConnection(id, changes, version) {
  return toConnection(await requestJson('PATCH', connectionPath(id), { ...changes, version }))
}

/** Deletes a connection with its rules; with `version` the server rejects a stale one (409 `stale_version`). */
export async function deleteConnection(id, version = null) {
  return requestJson('DELETE', connectionPath(id), undefined, ifMatch(version))
}

/** Returns a connection's mapping rules in the order the server tries them. */
export async function listRules(connectionId) {
  const body = await requestJson('GET', `${connectionPath(connectionId)}/rules`)
  return (body?.items ?? []).map(toRule)
}

/** Adds a rule {matchKind, matchValue, initiativeId, position?}; without a position it goes last. */
export async function createRule(connectionId, fields) {
  return toRule(await requestJson('POST', `${connectionPath(connectionId)}/rules`, fields))
}

/**
 * Changes a rule. A `position` already taken by another rule puts this rule before that one.
 * `version` is the version last read.
 */
export async function updateRule(connectionId, ruleId, changes, version) {
  return toRule(await requestJson('PATCH', rulePath(connectionId, ruleId), { ...changes, version }))
}

/** Deletes a rule; with `version` the server rejects a stale one (409 `stale_version`). */
export async function deleteRule(connectionId, ruleId, version = null) {
  return requestJson('DELETE', rulePath(connectionId, ruleId), undefined, ifMatch(version))
}

/** Maps the server's connection; `rules` is null when the response did not include them (lists). */
export function toConnection(item) {
  return {
    id: item.id,
    kind: item.kind,
    name: item.name,
    storyPointsField: item.storyPointsField ?? null,
    stateMap: item.stateMap ?? {},
    webhookPath: item.webhookPath ?? null,
    secretSet: Boolean(item.secretSet),
    rules: Array.isArray(item.rules) ? item.rules.map(toRule) : null,
    createdAt: item.createdAt ?? null,
    updatedAt: item.updatedAt ?? null,
    version: item.version,
  }
}

/** Maps the server's mapping rule. */
export function toRule(item) {
  return {
    id: item.id,
    connectionId: item.connectionId,
    position: item.position,
    matchKind: item.matchKind,
    matchValue: item.matchValue,
    initiativeId: item.initiativeId,
    version: item.version,
  }
}
