// A stand-in for the Momentum server that serves the built app and a moving fixture board, so
// that the web app can be run in a browser without the Java server. It listens on 127.0.0.1 only.
//
//   npm run build && node scripts/fixture-server.js [--port 5174] [--interval-ms 700]
//
// It implements the parts of the API the app uses: login, logout, me and demo under
// /api/v1/auth, the live WebSocket at /api/v1/live (snapshot, delta with `since`, ping), and
// the outcome-model REST routes of outcome-fixtures.js (the Checkout Squad is u-checkout).
// Every interval it changes one key result of the unit board and one unit of the portfolio.
// POST /__fixture/drop closes every WebSocket, to watch the app reconnect.
// The demo account is demo@momentum.test with the password "demo".

import { createHash, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createOutcomeFixtures } from './outcome-fixtures.js'

const webDirectory = fileURLToPath(new URL('..', import.meta.url))
const webroot = join(webDirectory, 'target', 'classes', 'webroot')
const unitFixture = JSON.parse(await readFile(join(webDirectory, 'src/__fixtures__/unit-board-snapshot.json'), 'utf8'))
const portfolioFixture = JSON.parse(
  await readFile(join(webDirectory, 'src/__fixtures__/portfolio-snapshot.json'), 'utf8'),
)

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '5174' },
    'interval-ms': { type: 'string', default: '700' },
  },
})

const DEMO_ACCOUNT = { email: 'demo@momentum.test', password: 'demo' }
const DEMO_USER = { id: 'p-demo', name: 'Demo User', email: DEMO_ACCOUNT.email, orgId: 'acme', orgName: 'Acme Retail' }
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const CONTENT_TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }

const sessions = new Set()
const outcome = createOutcomeFixtures()
// Open live connections: { socket, buffer, subscriptions }.
const connections = new Set()

// Board state: the members by id, the version, and which member changed at which version.
function createBoard(fixture) {
  const members = new Map()
  for (const member of [...fixture.units, ...fixture.nodes]) {
    members.set(member.id, structuredClone(member))
  }
  return { fixture, members, version: fixture.version, changes: [] }
}

const boards = new Map([
  [unitFixture.board, createBoard(unitFixture)],
  [portfolioFixture.board, createBoard(portfolioFixture)],
])

function snapshotOf(name, board) {
  const members = [...board.members.values()]
  const unitIds = new Set(board.fixture.units.map((unit) => unit.id))
  return {
    type: 'snapshot',
    board: name,
    version: board.version,
    at: new Date().toISOString(),
    units: members.filter((member) => unitIds.has(member.id)),
    nodes: members.filter((member) => !unitIds.has(member.id)),
    cycles: board.fixture.cycles,
  }
}

function deltaSince(name, board, since) {
  const unitIds = new Set(board.fixture.units.map((unit) => unit.id))
  const changedIds = new Set(board.changes.filter((change) => change.version > since).map((change) => change.id))
  const members = [...changedIds].map((id) => board.members.get(id))
  return {
    type: 'delta',
    board: name,
    from: since,
    version: board.version,
    units: members.filter((member) => unitIds.has(member.id)),
    nodes: members.filter((member) => !unitIds.has(member.id)),
  }
}

function roundTo4(value) {
  return Math.round(value * 10000) / 10000
}

function statusFor(progress, expected) {
  const gap = progress - (expected ?? 0)
  if (gap >= -0.1) {
    return 'on_track'
  }
  return gap >= -0.25 ? 'at_risk' : 'off_track'
}

// Moves one member's progress a little and records the change.
function nudge(board, member) {
  const step = (Math.random() - 0.4) * 0.06
  const isNode = 'raw' in member
  const raw = roundTo4(Math.max(0, (isNode ? member.raw ?? member.progress : member.progress) + step))
  member.progress = Math.min(1, raw)
  member.status = statusFor(member.progress, member.expected ?? 0.7)
  member.noData = false
  member.updatedAt = new Date().toISOString()
  if (isNode) {
    member.raw = raw
    member.source = 'urn:fixture:simulator'
  }
  member.version += 1
  board.version += 1
  board.changes.push({ id: member.id, version: board.version })
  if (board.changes.length > 500) {
    board.changes.shift()
  }
}

function tick() {
  for (const [name, board] of boards) {
    const candidates = [...board.members.values()].filter((member) =>
      name.startsWith('unit:') ? member.kind === 'key_result' && member.measurement !== 'binary' : member.kind === 'team',
    )
    const member = candidates[Math.floor(Math.random() * candidates.length)]
    const from = board.version
    nudge(board, member)
    const delta = deltaSince(name, board, from)
    for (const connection of connections) {
      if (connection.subscriptions.has(name)) {
        sendFrame(connection.socket, delta)
      }
    }
  }
}

// --- WebSocket framing (RFC 6455), enough for text frames, ping, pong and close ---

function sendFrame(socket, message, opcode = 0x1) {
  const payload = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message))
  let header
  if (payload.length < 126) {
    header = Buffer.from([0x80 | opcode, payload.length])
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4)
    header[0] = 0x80 | opcode
    header[1] = 126
    header.writeUInt16BE(payload.length, 2)
  } else {
    header = Buffer.alloc(10)
    header[0] = 0x80 | opcode
    header[1] = 127
    header.writeBigUInt64BE(BigInt(payload.length), 2)
  }
  if (!socket.destroyed) {
    socket.write(Buffer.concat([header, payload]))
  }
}

function readFrames(connection, chunk, onText) {
  const { socket } = connection
  connection.buffer = Buffer.concat([connection.buffer, chunk])
  for (;;) {
    const buffer = connection.buffer
    if (buffer.length < 2) {
      return
    }
    const opcode = buffer[0] & 0x0f
    let length = buffer[1] & 0x7f
    let offset = 2
    if (length === 126) {
      if (buffer.length < 4) return
      length = buffer.readUInt16BE(2)
      offset = 4
    } else if (length === 127) {
      if (buffer.length < 10) return
      length = Number(buffer.readBigUInt64BE(2))
      offset = 10
    }
    const masked = (buffer[1] & 0x80) !== 0
    const maskOffset = offset
    if (masked) {
      offset += 4
    }
    if (buffer.length < offset + length) {
      return
    }
    const payload = Buffer.from(buffer.subarray(offset, offset + length))
    if (masked) {
      for (let i = 0; i < payload.length; i += 1) {
        payload[i] ^= buffer[maskOffset + (i % 4)]
      }
    }
    connection.buffer = buffer.subarray(offset + length)
    if (opcode === 0x1) {
      onText(payload.toString('utf8'))
    } else if (opcode === 0x8) {
      sendFrame(socket, Buffer.alloc(0), 0x8)
      socket.end()
      return
    } else if (opcode === 0x9) {
      sendFrame(socket, payload, 0xa)
    }
  }
}

function handleLiveMessage(connection, text) {
  const { socket } = connection
  let message
  try {
    message = JSON.parse(text)
  } catch {
    sendFrame(socket, { type: 'error', code: 'invalid_message', message: 'The message is not JSON.' })
    return
  }

  if (message.type === 'pong') {
    return
  }
  if (message.type === 'unsubscribe') {
    connection.subscriptions.delete(message.board)
    return
  }
  if (message.type !== 'subscribe') {
    sendFrame(socket, { type: 'error', code: 'unknown_type', message: `Unknown message type ${message.type}.` })
    return
  }

  const board = boards.get(message.board)
  if (!board) {
    sendFrame(socket, {
      type: 'error',
      board: message.board,
      code: 'board_not_found',
      message: `Board ${message.board} does not exist in this organisation.`,
    })
    return
  }

  connection.subscriptions.add(message.board)
  const oldest = board.changes.length > 0 ? board.changes[0].version - 1 : board.version
  const canResume = Number.isInteger(message.since) && message.since <= board.version && message.since >= oldest
  sendFrame(socket, canResume ? deltaSince(message.board, board, message.since) : snapshotOf(message.board, board))
}

function acceptWebSocket(request, socket) {
  if (!hasSession(request)) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n')
    return
  }
  const accept = createHash('sha1')
    .update(request.headers['sec-websocket-key'] + WEBSOCKET_GUID)
    .digest('base64')
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  )
  const connection = { socket, buffer: Buffer.alloc(0), subscriptions: new Set() }
  connections.add(connection)
  socket.on('data', (chunk) => readFrames(connection, chunk, (text) => handleLiveMessage(connection, text)))
  socket.on('close', () => connections.delete(connection))
  socket.on('error', () => connections.delete(connection))
}

// --- HTTP ---

function sessionId(request) {
  const match = /(?:^|;\s*)fixture_session=([^;]+)/.exec(request.headers.cookie ?? '')
  return match ? match[1] : null
}

function hasSession(request) {
  return sessions.has(sessionId(request))
}

function sendJson(response, status, body, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  response.end(body === undefined ? undefined : JSON.stringify(body))
}

async function readJson(request) {
  const chunks = []
  for await (const chunk of request) {
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return null
  }
}

async function serveFile(response, path) {
  const relative = normalize(path).replace(/^(\.\.[/\\])+/, '')
  const candidate = join(webroot, relative)
  try {
    const body = await readFile(candidate)
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream' })
    response.end(body)
  } catch {
    // History-mode routes: every unknown path gets the app's index.html.
    const index = await readFile(join(webroot, 'index.html'))
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end(index)
  }
}

const unauthenticated = { error: { code: 'unauthenticated', message: 'Sign in first.' } }

async function handleRequest(request, response) {
  const { pathname } = new URL(request.url, 'http://127.0.0.1')
  const route = `${request.method} ${pathname}`

  if (route === 'POST /api/v1/auth/login') {
    const body = await readJson(request)
    if (body?.email !== DEMO_ACCOUNT.email || body?.password !== DEMO_ACCOUNT.password) {
      sendJson(response, 401, { error: { code: 'invalid_credentials', message: 'The email or password is wrong.' } })
      return
    }
    const id = randomUUID()
    sessions.add(id)
    sendJson(response, 200, { user: DEMO_USER }, { 'Set-Cookie': `fixture_session=${id}; Path=/; HttpOnly; SameSite=Lax` })
    return
  }
  if (route === 'POST /api/v1/auth/logout') {
    sessions.delete(sessionId(request))
    response.writeHead(204, { 'Set-Cookie': 'fixture_session=; Path=/; Max-Age=0' })
    response.end()
    return
  }
  if (route === 'GET /api/v1/auth/me') {
    sendJson(response, hasSession(request) ? 200 : 401, hasSession(request) ? { user: DEMO_USER } : unauthenticated)
    return
  }
  if (route === 'GET /api/v1/auth/demo') {
    sendJson(response, 200, DEMO_ACCOUNT)
    return
  }
  if (route === 'POST /__fixture/drop') {
    for (const connection of connections) {
      connection.socket.destroy()
    }
    response.writeHead(204)
    response.end()
    return
  }
  if (pathname.startsWith('/api/v1/')) {
    if (!hasSession(request)) {
      sendJson(response, 401, { error: { code: 'unauthenticated', message: 'Log in first' } })
      return
    }
    const body = ['POST', 'PATCH'].includes(request.method) ? await readJson(request) : undefined
    const answer = outcome.handle(request.method, new URL(request.url, 'http://127.0.0.1'), body)
    if (answer) {
      sendJson(response, answer.status, answer.body)
      return
    }
  }

  if (pathname.startsWith('/api/')) {
    sendJson(response, 404, { error: { code: 'not_found', message: `${route} is not part of the fixture server.` } })
    return
  }
  await serveFile(response, pathname)
}

const server = createServer((request, response) => {
  handleRequest(request, response).catch((error) => {
    console.error(`fixture-server: ${request.method} ${request.url} failed:`, error)
    sendJson(response, 500, { error: { code: 'internal', message: 'The fixture server failed.' } })
  })
})

server.on('upgrade', (request, socket) => {
  if (new URL(request.url, 'http://127.0.0.1').pathname !== '/api/v1/live') {
    socket.destroy()
    return
  }
  acceptWebSocket(request, socket)
})

const port = Number(options.port)
server.listen(port, '127.0.0.1', () => {
  console.log(`fixture-server: serving ${webroot} on http://127.0.0.1:${port}/`)
})

setInterval(tick, Number(options['interval-ms']))
setInterval(() => {
  for (const connection of connections) {
    sendFrame(connection.socket, { type: 'ping', time: new Date().toISOString() })
  }
}, 20_000)
