import { describe, expect, it } from 'vitest'
import { MAX_UPLOAD_BYTES, badRows, fileProblem, uploadPercent } from './csvUpload.js'

describe('fileProblem', () => {
  it('rejects a missing file', () => {
    expect(fileProblem(null)).toBe('empty')
  })

  it('rejects an empty file', () => {
    expect(fileProblem({ size: 0 })).toBe('empty')
  })

  it('rejects a file over 8 MiB', () => {
    expect(fileProblem({ size: MAX_UPLOAD_BYTES + 1 })).toBe('tooLarge')
  })

  it('accepts a file of exactly 8 MiB', () => {
    expect(fileProblem({ size: MAX_UPLOAD_BYTES })).toBeNull()
  })
})

describe('uploadPercent', () => {
  it('is 0 for an unknown total', () => {
    expect(uploadPercent(500, 0)).toBe(0)
  })

  it('rounds down, so 100 means all sent', () => {
    expect(uploadPercent(999, 1000)).toBe(99)
  })

  it('is 100 when all is sent', () => {
    expect(uploadPercent(1000, 1000)).toBe(100)
  })

  it('caps loaded past total at 100', () => {
    expect(uploadPercent(1200, 1000)).toBe(100)
  })
})

describe('badRows', () => {
  it('reads line and column from params', () => {
    expect(badRows([{ field: 'line 4: value', code: 'not_number', message: 'bad', params: { line: 4, column: 'value' } }]))
      .toEqual([{ line: 4, column: 'value', code: 'not_number', message: 'bad', params: { line: 4, column: 'value' } }])
  })

  it('reads line and column from the field without params', () => {
    expect(badRows([{ field: 'line 7: time', code: 'not_time', message: 'bad' }])[0]).toMatchObject({ line: 7, column: 'time' })
  })

  it('orders by line, keeping server order within a line', () => {
    const rows = badRows([
      { field: 'line 9: kpi', code: 'unknown_kpi', message: 'a' },
      { field: 'line 2: value', code: 'missing', message: 'b' },
      { field: 'line 2: time', code: 'missing', message: 'c' },
    ])
    expect(rows.map((row) => `${row.line} ${row.column}`)).toEqual(['2 value', '2 time', '9 kpi'])
  })

  it('puts errors of the whole file first', () => {
    const rows = badRows([
      { field: 'line 3: kpi', code: 'unknown_kpi', message: 'a' },
      { field: 'file', code: 'no_rows', message: 'b' },
    ])
    expect(rows[0]).toMatchObject({ line: null, column: 'file', code: 'no_rows' })
  })
})
