import { describe, expect, it } from 'vitest'
import { keyResultReasons, objectiveReasons, unitReason } from './statusReason.js'

function keyResult(fields) {
  return { title: 'KR', weight: 1, progress: 0.5, expected: 0.5, status: 'on_track', noData: false, stale: false, confidence: null, ...fields }
}

function codes(reasons) {
  return reasons.map((reason) => reason.code)
}

describe('keyResultReasons', () => {
  it.each([
    ['at 100 % but confidence 3', { progress: 1, status: 'off_track', confidence: 3 }, ['confidence']],
    ['on track by progress but confidence 6', { progress: 0.5, status: 'at_risk', confidence: 6 }, ['confidence']],
    ['behind by progress, confidence does not matter', { progress: 0.2, status: 'off_track', confidence: 3 }, []],
    ['confidence 7 never worsens', { progress: 0.5, status: 'on_track', confidence: 7 }, []],
    ['no confidence', { progress: 1, status: 'on_track' }, []],
    ['no value yet', { progress: 0, status: 'pending', noData: true }, ['pending']],
    ['stale', { stale: true }, ['stale']],
    ['stale and confidence', { progress: 1, status: 'off_track', confidence: 2, stale: true }, ['confidence', 'stale']],
    ['closed', { status: 'closed', confidence: 2 }, []],
    ['early in the cycle, confidence sets it', { progress: 0, expected: 0.05, status: 'at_risk', confidence: 5 }, ['confidence']],
  ])('%s', (name, fields, expected) => {
    expect(codes(keyResultReasons(keyResult(fields)))).toEqual(expected)
  })

  it('names the confidence and the status', () => {
    const [reason] = keyResultReasons(keyResult({ progress: 1, status: 'off_track', confidence: 3 }))
    expect(reason.params).toEqual({ confidence: 3, status: 'off_track' })
  })
})

describe('objectiveReasons', () => {
  const onTrack = keyResult({ title: 'Fast checkout', status: 'on_track' })
  const offTrack = keyResult({ title: 'Reorder shipped', status: 'off_track', progress: 0.9, confidence: 2 })

  it.each([
    ['status from its worst key result', { progress: 0.8, expected: 0.7, status: 'off_track' }, [onTrack, offTrack], ['worstKeyResult']],
    ['own progress already off track', { progress: 0.2, expected: 0.7, status: 'off_track' }, [onTrack, offTrack], []],
    ['on track', { progress: 0.8, expected: 0.7, status: 'on_track' }, [onTrack], []],
    ['all key results pending', { progress: 0, expected: 0.7, status: 'pending', noData: true }, [keyResult({ status: 'pending' })], ['pending']],
    ['a tracked key result is never named', { progress: 0.8, expected: 0.7, status: 'off_track' }, [{ ...offTrack, weight: 0 }], []],
    ['stale', { progress: 0.8, expected: 0.7, status: 'on_track', stale: true }, [onTrack], ['stale']],
  ])('%s', (name, fields, keyResults, expected) => {
    expect(codes(objectiveReasons({ stale: false, noData: false, ...fields }, keyResults))).toEqual(expected)
  })

  it('names the worst key result', () => {
    const [reason] = objectiveReasons({ progress: 0.8, expected: 0.7, status: 'off_track' }, [onTrack, offTrack])
    expect(reason.params).toEqual({ title: 'Reorder shipped', status: 'off_track' })
  })
})

describe('unitReason', () => {
  const UNIT = 'unit-1'
  const objective = (fields) => ({ kind: 'objective', unitId: UNIT, status: 'on_track', progress: 0.9, ...fields })
  const score = (status, counts) => ({ status, progress: 0.968, counts: { on_track: 0, at_risk: 0, off_track: 0, pending: 0, ...counts } })

  it('gives no reason on track', () => {
    expect(unitReason(score('on_track', { on_track: 4 }), UNIT, [])).toBeNull()
  })

  it('names the off-track objective furthest behind', () => {
    const nodes = [
      objective({ id: 'o1', title: 'Ahead', status: 'off_track', progress: 0.95 }),
      objective({ id: 'o2', title: 'Behind', status: 'off_track', progress: 0.4 }),
      objective({ id: 'o3', title: 'Fine', progress: 0.1 }),
    ]
    expect(unitReason(score('off_track', { off_track: 2, on_track: 1 }), UNIT, nodes)).toEqual({
      code: 'objectives',
      params: { status: 'off_track', count: 2, worst: { id: 'o2', title: 'Behind' } },
    })
  })

  it('ignores objectives of other units', () => {
    const nodes = [objective({ id: 'o9', unitId: 'unit-2', title: 'Elsewhere', status: 'at_risk' })]
    expect(unitReason(score('at_risk', { at_risk: 1 }), UNIT, nodes).params.worst).toBeNull()
  })

  it('counts without objectives known', () => {
    expect(unitReason(score('at_risk', { at_risk: 3 }), UNIT).params).toEqual({ status: 'at_risk', count: 3, worst: null })
  })

  it('says behind when no objective has the status', () => {
    expect(unitReason(score('at_risk', { on_track: 2 }), UNIT, [])).toEqual({ code: 'behind', params: { status: 'at_risk' } })
  })
})
