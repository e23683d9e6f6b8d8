import { describe, expect, it } from 'vitest'
import { sourceLabel } from './sources.js'

describe('sourceLabel', () => {
  it.each([
    ['urn:momentum:user:68126136-237e-4d8b-bca0-583e310e845e', 'person'],
    ['urn:momentum:token:3f0c2a9e', 'token'],
    ['urn:momentum:demo-seed', 'demo'],
    ['urn:momentum:demo-publisher', 'demo'],
    ['formula', 'formula'],
    ['urn:service:checkout', null],
    [null, null],
  ])('labels %s as %s', (source, label) => {
    expect(sourceLabel(source)).toBe(label)
  })
})
