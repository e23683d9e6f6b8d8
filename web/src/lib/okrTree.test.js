import { describe, expect, it } from 'vitest'
import { buildOkrTree, descendantObjectiveIds } from './okrTree.js'

function objective(id, fields = {}) {
  return { id, title: id, parentId: null, parentKeyResultId: null, ...fields }
}

function keyResult(id, objectiveId) {
  return { id, title: id, objectiveId }
}

describe('buildOkrTree', () => {
  it('puts key results under their objective', () => {
    const tree = buildOkrTree([objective('A')], [keyResult('k2', 'A'), keyResult('k1', 'A')])
    expect(tree[0].keyResults.map((entry) => entry.keyResult.id)).toEqual(['k1', 'k2'])
  })

  it('nests a child objective under its parent objective', () => {
    const tree = buildOkrTree([objective('A'), objective('B', { parentId: 'A' })], [])
    expect(tree.map((entry) => entry.objective.id)).toEqual(['A'])
    expect(tree[0].children[0].objective.id).toBe('B')
  })

  it('nests an objective under the key result it aligns to', () => {
    const tree = buildOkrTree([objective('A'), objective('B', { parentKeyResultId: 'k1' })], [keyResult('k1', 'A')])
    expect(tree).toHaveLength(1)
    expect(tree[0].keyResults[0].children[0].objective.id).toBe('B')
  })

  it('treats an objective with a parent elsewhere as a root', () => {
    const tree = buildOkrTree([objective('B', { parentId: 'company-objective' })], [])
    expect(tree[0].objective.id).toBe('B')
  })

  it('shows objectives of a parent loop once each', () => {
    const tree = buildOkrTree([objective('A', { parentId: 'B' }), objective('B', { parentId: 'A' })], [])
    const ids = tree.flatMap((entry) => [...descendantObjectiveIds(entry)])
    expect(ids.sort()).toEqual(['A', 'B'])
  })
})

describe('descendantObjectiveIds', () => {
  it('includes objectives below key results', () => {
    const tree = buildOkrTree(
      [objective('A'), objective('B', { parentKeyResultId: 'k1' }), objective('C', { parentId: 'B' })],
      [keyResult('k1', 'A')],
    )
    expect([...descendantObjectiveIds(tree[0])].sort()).toEqual(['A', 'B', 'C'])
  })
})
