import { fetchAllPages, ifMatch, requestJson, withQuery } from './http.js'

const BASE = '/api/v1/webhooks'

function webhookPath(id) {
  return `${BASE}/${encodeURIComponent(id)}`
}

function deliveryPath(webhookId, deliveryId) {
  return `${webhookPath(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}`
}

/** Returns the organisation's outbound webhooks by name; the server never includes their secrets. */
export async function listWebhooks() {
  const { items } = await fetchAllPages(BASE)
  return items
}

/**
 * Creates a webhook from {name, url, eventTypes, active} and returns it with its generated
 * `secret`, which the server shows only in this response.
 */
export async function createWebhook(fields) {
  return requestJson('POST', BASE, fields)
}

/** Changes a webhook's name, URL, event types or active flag; `version` is the version last read. */
export async function updateWebhook(id, changes, version) {
  return requestJson('PATCH', webhookPath(id), { ...changes, version })
}

/** Deletes a webhook with its delivery log; with `version` the server rejects a stale one (409 `stale_version`). */
export async function deleteWebhook(id, version = null) {
  return requestJson('DELETE', webhookPath(id), undefined, ifMatch(version))
}

/** Replaces the signing secret with a generated one and returns the webhook with the new `secret`. */
export async function rotateWebhookSecret(id) {
  return requestJson('POST', `${webhookPath(id)}/rotate-secret`)
}

/** Sends a test event now and returns {delivered, statusCode, durationMs, error, delivery}. */
export async function sendWebhookTest(id) {
  return requestJson('POST', `${webhookPath(id)}/test`)
}

/** Returns one page of a webhook's deliveries, newest first; `state` null lists every state. */
export async function listDeliveries(id, { state = null, after = null, limit = 25 } = {}) {
  return requestJson('GET', withQuery(`${webhookPath(id)}/deliveries`, { state, after, limit }))
}

/** Returns one delivery with its CloudEvent and every attempt. */
export async function getDelivery(webhookId, deliveryId) {
  return requestJson('GET', deliveryPath(webhookId, deliveryId))
}

/** Queues a failed delivery again and returns it; any other state gets 409 `delivery_not_failed`. */
export async function redeliver(webhookId, deliveryId) {
  return requestJson('POST', `${deliveryPath(webhookId, deliveryId)}/redeliver`)
}
