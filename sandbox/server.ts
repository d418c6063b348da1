/** The HTTP plumbing shared by the simulated services: parsing, the request log, latency, faults. */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type ServiceName = 'jira' | 'github' | 'auth' | 'api'

export interface Ctx {
  service: ServiceName
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
  rawBody: string
  /** Parsed JSON (or form) body; undefined when there was none. */
  body: unknown
  /** Set when the body was present but not parseable. */
  badBody: boolean
  /** The URL the client used, for `self` links and Jersey's "null for uri". */
  url: string
  /** operationId of the matched OpenAPI operation, set by the service. */
  operationId?: string
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export interface LoggedRequest {
  seq: number
  service: ServiceName
  method: string
  path: string
  query: Record<string, string | string[]>
  body: unknown
  /** Request headers without authorization, cookies or API keys. */
  headers: Record<string, string>
  status: number
  operationId?: string
  /** Set when the answer was an injected fault. */
  fault?: 429 | 502 | 503
  /** When the request had arrived (its body read), in ms since the epoch (fractional). */
  startedAt: number
  /** When its answer was sent (after the latency), in ms since the epoch; 0 until then. */
  endedAt: number
}

/** Milliseconds since the epoch, with sub-millisecond precision. */
const clock = (): number => performance.timeOrigin + performance.now()

export type Handler = (ctx: Ctx) => Promise<Reply> | Reply

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|x-atlassian-token)$/i
/** OAuth bodies carry secrets by design; the log keeps their shape, not their values. */
const SECRET_FIELDS = new Set([
  'client_secret',
  'refresh_token',
  'code',
  'code_verifier',
  'access_token'
])

export type FaultStatus = 429 | 502 | 503

export interface FaultOptions {
  /** Share of requests answered with a fault, 0..1. */
  rate: number
  seed: number
  /** How often in a row the same request may fail before it is let through. Default 3. */
  maxConsecutive?: number
  /** Only these services get faults (default: all). */
  services?: ServiceName[]
  /** The faults to answer with (default: 429, 502 and 503). */
  statuses?: FaultStatus[]
}

/** Requests that make something new each time: an issue, a comment, an issue link, a transition. */
function makesNew(ctx: Ctx): boolean {
  if (ctx.method !== 'POST') return false
  if (ctx.service === 'github') {
    return (
      /\/comments$/.test(ctx.path) || (/graphql$/.test(ctx.path) && /mutation/.test(ctx.rawBody))
    )
  }
  return /\/(issue|comment|issueLink|transitions)$/.test(ctx.path)
}

/**
 * Decides faults from the seed and the request itself (method, path, query, body and how many
 * times that exact request was seen), not from arrival order: concurrent clients get the same
 * faults on every run.
 */
export class FaultPlan {
  private readonly seen = new Map<string, number>()
  private readonly streak = new Map<string, number>()

  private readonly options: FaultOptions

  constructor(options: FaultOptions) {
    this.options = options
  }

  decide(ctx: Ctx): FaultStatus | null {
    if (this.options.services && !this.options.services.includes(ctx.service)) return null
    const key = `${ctx.service} ${ctx.method} ${ctx.path}?${ctx.query.toString()} ${ctx.rawBody}`
    const n = (this.seen.get(key) ?? 0) + 1
    this.seen.set(key, n)
    const digest = createHash('sha256').update(`${this.options.seed}|${key}|${n}`).digest()
    const roll = digest.readUInt32BE(0) / 0x1_0000_0000
    const streak = this.streak.get(key) ?? 0
    if (roll >= this.options.rate || streak >= (this.options.maxConsecutive ?? 3)) {
      this.streak.set(key, 0)
      return null
    }
    this.streak.set(key, streak + 1)
    const all = this.options.statuses ?? ([429, 502, 503] as const)
    // A fault here is answered without acting. A 502 says nothing of whether the server acted,
    // and the action rightly does not repeat a create after one: on a create, only the faults
    // that mean "not done" (429, 503).
    const statuses = makesNew(ctx) ? all.filter((s) => s !== 502) : all
    if (statuses.length === 0) return null
    return statuses[digest[4]! % statuses.length]!
  }
}

export interface ServeOptions {
  latencyMs: number
  faults: FaultPlan | null
  log: LoggedRequest[]
  /** The body a service answers a fault with. */
  faultBody: (status: 429 | 502 | 503) => unknown
}

export async function serve(
  service: ServiceName,
  handler: Handler,
  options: ServeOptions
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const ctx = await readCtx(service, req)
      const startedAt = clock()
      let reply: Reply
      const fault = options.faults?.decide(ctx) ?? null
      if (fault) {
        reply = {
          status: fault,
          body: options.faultBody(fault),
          headers: fault === 429 ? { 'retry-after': '1' } : {}
        }
      } else {
        try {
          reply = await handler(ctx)
        } catch (error) {
          reply = {
            status: 500,
            body: { message: `sandbox error: ${(error as Error).stack ?? String(error)}` }
          }
        }
      }
      const entry: LoggedRequest = {
        seq: options.log.length + 1,
        service,
        method: ctx.method,
        path: ctx.path,
        query: queryObject(ctx.query),
        body: redact(ctx.body),
        headers: Object.fromEntries(
          Object.entries(ctx.headers).filter(([k]) => !SECRET_HEADERS.test(k))
        ),
        status: reply.status,
        ...(ctx.operationId ? { operationId: ctx.operationId } : {}),
        ...(fault ? { fault } : {}),
        startedAt,
        endedAt: 0
      }
      options.log.push(entry)
      if (options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs))
      const headers: Record<string, string> = { ...reply.headers }
      let payload = ''
      if (reply.body !== undefined) {
        payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
        headers['content-type'] ??=
          typeof reply.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8'
      }
      res.writeHead(reply.status, headers)
      res.end(payload)
      entry.endedAt = clock()
    })()
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, server }
}

async function readCtx(service: ServiceName, req: IncomingMessage): Promise<Ctx> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const rawBody = Buffer.concat(chunks).toString('utf8')
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === 'string') headers[k.toLowerCase()] = v
  let body: unknown
  let badBody = false
  if (rawBody.trim() !== '') {
    if ((headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(rawBody))
    } else {
      try {
        body = JSON.parse(rawBody)
      } catch {
        badBody = true
      }
    }
  }
  return {
    service,
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    rawBody,
    body,
    badBody,
    url: url.toString()
  }
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const k of new Set(query.keys())) {
    const all = query.getAll(k)
    out[k] = all.length === 1 ? all[0]! : all
  }
  return out
}

function redact(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : v])
  )
}

export const close = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => {
    server.closeAllConnections()
    server.close((error) => (error ? reject(error) : resolve()))
  })
