// Left-to-right layout of an impact chain: one column per stage (input, output, outcome,
// impact), nodes stacked in their column, links drawn as curves between the boxes.

export const STAGES = ['input', 'output', 'outcome', 'impact']

// A box is at least boxHeight high and grows with its title: the title wraps at lineCharacters
// characters per line, up to maxTitleLines lines, starting at firstLine below the box's top.
export const LAYOUT = {
  columnWidth: 240,
  boxWidth: 200,
  boxHeight: 64,
  rowGap: 20,
  top: 36,
  left: 20,
  lineCharacters: 23,
  maxTitleLines: 6,
  firstLine: 36,
  lineHeight: 16,
}

// Space below the last line of a title, in px.
const BOTTOM_PADDING = 12

// Stage of a node that no link names, by its kind.
const STAGE_BY_KIND = { initiative: 'output', key_result: 'outcome', objective: 'outcome', kpi: 'outcome', strategic_outcome: 'impact' }

/**
 * Returns the stage of every node: the stage the node reports itself, else the stage the first
 * link that touches it gives it, else a default by kind.
 */
export function nodeStages(chain) {
  const stages = new Map()
  const known = new Set(chain.nodes.map((node) => node.id))
  for (const node of chain.nodes) {
    if (STAGES.includes(node.stage)) {
      stages.set(node.id, node.stage)
    }
  }
  for (const link of chain.links) {
    if (known.has(link.fromId) && !stages.has(link.fromId) && STAGES.includes(link.fromStage)) {
      stages.set(link.fromId, link.fromStage)
    }
    if (known.has(link.toId) && !stages.has(link.toId) && STAGES.includes(link.toStage)) {
      stages.set(link.toId, link.toStage)
    }
  }
  for (const node of chain.nodes) {
    if (!stages.has(node.id)) {
      stages.set(node.id, STAGE_BY_KIND[node.kind] ?? 'outcome')
    }
  }
  return stages
}

/**
 * Places the nodes and links. Returns {width, height, columns: [{stage, x}], nodes: [{...node,
 * stage, x, y, root, lines, height}], links: [{id, fromId, toId, path}]}, where `lines` is the
 * wrapped title and `height` the box's height. Links whose ends are not both among the nodes are
 * left out.
 */
export function layoutImpactChain(chain) {
  const stages = nodeStages(chain)
  const nextY = new Map(STAGES.map((stage) => [stage, LAYOUT.top]))
  const sorted = [...chain.nodes].sort((left, right) => {
    if (left.id === chain.rootId) {
      return -1
    }
    if (right.id === chain.rootId) {
      return 1
    }
    return left.title.localeCompare(right.title)
  })
  const placed = new Map()
  for (const node of sorted) {
    const stage = stages.get(node.id)
    const column = STAGES.indexOf(stage)
    const lines = wrapTitle(node.title, LAYOUT.lineCharacters, LAYOUT.maxTitleLines)
    const height = Math.max(LAYOUT.boxHeight, LAYOUT.firstLine + (lines.length - 1) * LAYOUT.lineHeight + BOTTOM_PADDING)
    const y = nextY.get(stage)
    nextY.set(stage, y + height + LAYOUT.rowGap)
    placed.set(node.id, {
      ...node,
      stage,
      x: LAYOUT.left + column * LAYOUT.columnWidth,
      y,
      root: node.id === chain.rootId,
      lines,
      height,
    })
  }
  const links = chain.links
    .filter((link) => placed.has(link.fromId) && placed.has(link.toId))
    .map((link) => ({ id: link.id, fromId: link.fromId, toId: link.toId, path: linkPath(placed.get(link.fromId), placed.get(link.toId)) }))
  // An empty chain keeps the height of one row.
  const bottom = Math.max(LAYOUT.top + LAYOUT.boxHeight + LAYOUT.rowGap, ...nextY.values())
  return {
    width: LAYOUT.left * 2 + (STAGES.length - 1) * LAYOUT.columnWidth + LAYOUT.boxWidth,
    height: bottom,
    columns: STAGES.map((stage, index) => ({ stage, x: LAYOUT.left + index * LAYOUT.columnWidth })),
    nodes: [...placed.values()],
    links,
  }
}

/**
 * Breaks a title into at most `maxLines` lines of at most `width` characters at spaces; a word
 * longer than a line is cut, and a title that does not fit ends with "…".
 */
export function wrapTitle(title, width, maxLines) {
  const lines = []
  let line = ''
  for (const word of title.split(/\s+/).filter((part) => part !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (candidate.length <= width) {
      line = candidate
      continue
    }
    if (line !== '') {
      lines.push(line)
    }
    line = word.length > width ? `${word.slice(0, width - 1)}…` : word
  }
  if (line !== '') {
    lines.push(line)
  }
  if (lines.length <= maxLines) {
    return lines
  }
  const kept = lines.slice(0, maxLines)
  const last = kept[maxLines - 1]
  kept[maxLines - 1] = last.length < width ? `${last}…` : `${last.slice(0, width - 1)}…`
  return kept
}

// A curve from the right edge of one box to the left edge of the next. Within one column the
// curve leaves and enters on the right side and bulges outwards.
function linkPath(from, to) {
  const fromY = from.y + from.height / 2
  const toY = to.y + to.height / 2
  const fromX = from.x + LAYOUT.boxWidth
  if (from.x === to.x) {
    const bulge = fromX + 30
    return `M ${fromX} ${fromY} C ${bulge} ${fromY}, ${bulge} ${toY}, ${fromX} ${toY}`
  }
  const toX = to.x
  const middle = (fromX + toX) / 2
  return `M ${fromX} ${fromY} C ${middle} ${fromY}, ${middle} ${toY}, ${toX} ${toY}`
}
