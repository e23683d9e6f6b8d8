// Pure helpers of the CSV upload of KPI values: the size check before sending, the progress
// percentage, and the bad rows of a rejected file in line order.

/** Largest file the server takes at /api/v1/kpis/measurements.csv: 8 MiB. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024

/**
 * Returns why a chosen file cannot be sent ('empty' or 'tooLarge'), or null when it may be
 * sent. The server checks again; this saves uploading a file it would reject.
 */
export function fileProblem(file) {
  if (!file || file.size === 0) {
    return 'empty'
  }
  return file.size > MAX_UPLOAD_BYTES ? 'tooLarge' : null
}

/**
 * Returns the uploaded share as a whole percentage from 0 to 100. An unknown total (0) gives 0,
 * and a progress event past the total is capped at 100.
 */
export function uploadPercent(loaded, total) {
  if (!total || total <= 0 || !(loaded >= 0)) {
    return 0
  }
  return Math.min(100, Math.floor((loaded / total) * 100))
}

const LINE_FIELD = /^line (\d+): (.+)$/

/**
 * Returns the bad rows of a rejected upload as [{line, column, code, message, params}], ordered by line
 * and then by the order the server listed them. Field errors that name no line (a problem of
 * the whole file) get line null and come first.
 */
export function badRows(fields) {
  const rows = (fields ?? []).map((field, index) => {
    const match = LINE_FIELD.exec(field.field ?? '')
    const line = field.params?.line ?? (match ? Number(match[1]) : null)
    const column = field.params?.column ?? (match ? match[2] : field.field ?? null)
    return { line, column, code: field.code ?? 'invalid', message: field.message ?? '', params: field.params ?? {}, index }
  })
  rows.sort((left, right) => (left.line ?? 0) - (right.line ?? 0) || left.index - right.index)
  return rows.map(({ index, ...row }) => row)
}
