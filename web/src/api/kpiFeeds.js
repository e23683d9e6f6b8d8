import { ApiError } from './http.js'

const CSV_PATH = '/api/v1/kpis/measurements.csv'

/**
 * Uploads a CSV file of KPI values with XMLHttpRequest, whose upload events report progress
 * (fetch reports none). Calls `onProgress({loaded, total})` while the body is sent and
 * `onSent()` once it is, while the server checks the rows. Resolves with the server's
 * {count, defaultSource, accepted}; rejects with an ApiError like requestJson, whose `fields`
 * list every bad row. Aborting `signal` cancels the upload with code 'aborted'.
 */
export function uploadMeasurementsCsv(file, { onProgress = () => {}, onSent = () => {}, signal } = {}) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', CSV_PATH)
    request.setRequestHeader('Content-Type', 'text/csv; charset=utf-8')
    request.setRequestHeader('Accept', 'application/json')
    request.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size })
    }
    request.upload.onload = () => onSent()
    request.onload = () => {
      const body = parseJson(request.responseText)
      if (request.status >= 200 && request.status < 300) {
        resolve(body)
        return
      }
      const error = body?.error
      reject(new ApiError(request.status, error?.code ?? `http_${request.status}`,
        error?.message ?? `POST ${CSV_PATH} returned status ${request.status}`,
        { fields: Array.isArray(error?.fields) ? error.fields : [], details: error ?? {} }))
    }
    request.onerror = () => reject(new ApiError(0, 'unreachable', `POST ${CSV_PATH} failed: the server was not reached`))
    request.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled'))
    signal?.addEventListener('abort', () => request.abort(), { once: true })
    request.send(file)
  })
}

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
