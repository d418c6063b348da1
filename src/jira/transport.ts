/**
 * The HTTP layer under jira.js: a `Client` (jira.js's one-method seam) that `createCloudClient`
 * drives. It is ours rather than jira.js's `createClient` because the action needs what that one
 * hides: the response headers (a dead token is served as anonymous with only
 * `X-Seraph-LoginReason` to tell), Retry-After on 503 as well as 429, a time limit on each
 * attempt, an injectable `fetch` and `sleep`, and one auth header computed (and masked) by us for
 * every mode, the Data Center ones included. Non-2xx answers become jira.js's own error classes,
 * so its predicates work on them; a 2xx that is not JSON is an UnexpectedAnswerError.
 */
import * as core from '@actions/core'
import {
  ApiError,
  AuthError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  SchemaMismatchError,
  ScopeError,
  ServerError
} from 'jira.js'
import type { Client, SendRequestOptions } from 'jira.js/core'
import { notJson, UnexpectedAnswerError } from './answer.js'
import {
  AnswerTimeoutError,
  ATTEMPT_TIMEOUT_MS,
  parseRetryAfter,
  withRetry,
  type RetryPolicy
} from './retry.js'

export type FetchLike = typeof fetch

export type SchemaMismatchBehaviour = 'warn' | 'silent' | 'throw'

/** A 5xx that carries its Retry-After (jira.js's ServerError has no field for it). */
export class RetryableServerError extends ServerError {
  readonly retryAfterMs?: number
  constructor(
    message: string,
    status: number,
    statusText: string,
    body: unknown,
    retryAfterMs?: number
  ) {
    super(message, status, statusText, body)
    this.retryAfterMs = retryAfterMs
  }
}

/** Jira answered as an anonymous user although credentials were sent: the credential is dead. */
export class AnonymousAnswerError extends Error {
  readonly reason: string

  constructor(reason: string) {
    super(`Jira answered as an anonymous user (${reason}).`)
    this.reason = reason
    this.name = 'AnonymousAnswerError'
  }
}

export function isAnonymousAnswer(error: unknown): error is AnonymousAnswerError {
  return error instanceof AnonymousAnswerError
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

function networkError(error: unknown, what: string): NetworkError {
  let code: string | undefined
  for (
    let e: unknown = error, depth = 0;
    typeof e === 'object' && e !== null && depth < 5;
    depth++
  ) {
    const { code: c, cause } = e as { code?: unknown; cause?: unknown }
    if (typeof c === 'string') code ??= c
    e = cause
  }
  const reason = error instanceof Error ? error.message : String(error)
  return new NetworkError(`${what} failed: ${reason}${code ? ` (${code})` : ''}`, {
    cause: error,
    code,
    transient: code !== undefined && TRANSIENT_CODES.has(code)
  })
}

/** Jira's `{errorMessages, errors}` (or OAuth's `{error_description}`) as one line. */
export function detailOf(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300)
  if (body === null || typeof body !== 'object') return ''
  const b = body as Record<string, unknown>
  const parts: string[] = []
  if (Array.isArray(b.errorMessages)) parts.push(...b.errorMessages.map(String))
  if (b.errors && typeof b.errors === 'object') {
    parts.push(...Object.entries(b.errors).map(([k, v]) => `${k}: ${String(v)}`))
  }
  for (const key of ['message', 'error_description', 'error']) {
    if (typeof b[key] === 'string' && parts.length === 0) parts.push(b[key])
  }
  return parts.join('; ').slice(0, 300)
}

function apiError(what: string, response: Response, body: unknown): ApiError {
  const { status, statusText } = response
  const detail = detailOf(body)
  const message = `${what}: ${status} ${statusText}${detail ? ` - ${detail}` : ''}`
  if (status === 401) {
    return /scope does not match/i.test(detail)
      ? new ScopeError(message, statusText, body)
      : new AuthError(message, statusText, body)
  }
  if (status === 403) return new ForbiddenError(message, statusText, body)
  if (status === 404) return new NotFoundError(message, statusText, body)
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
  if (status === 429) return new RateLimitError(message, statusText, body, { retryAfterMs })
  if (status >= 500)
    return new RetryableServerError(message, status, statusText, body, retryAfterMs)
  return new ApiError(message, status, statusText, body)
}

/**
 * The body as JSON. An error answer that is not JSON (a proxy's 502 page) is kept as text for
 * its message; a 2xx that is not JSON is no answer of Jira's at all.
 */
async function readBody(response: Response, what: string): Promise<unknown> {
  const text = await response.text()
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    if (!response.ok) return text
    throw new UnexpectedAnswerError(notJson(text, response.headers.get('content-type')), what)
  }
}

export interface HttpResult {
  status: number
  headers: Headers
  body: unknown
}

/**
 * One HTTP exchange with retries; non-2xx answers throw jira.js errors. `what` names the call in
 * messages ("GET /rest/api/3/myself"): never the URL's query, never a header.
 */
export async function sendHttp(
  url: string,
  init: RequestInit,
  what: string,
  options: { fetch?: FetchLike; retry?: RetryPolicy } = {}
): Promise<HttpResult> {
  const fetchFn = options.fetch ?? globalThis.fetch
  const creates = createsSomething(init.method ?? 'GET', url)
  const timeoutMs = options.retry?.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS
  return withRetry(
    what,
    async () => {
      // One limit for the whole exchange, the body included: a Jira that accepts the connection
      // and never answers would otherwise hold each attempt for undici's 300 s.
      const signal = AbortSignal.timeout(timeoutMs)
      const timedOut = () => new AnswerTimeoutError(what, timeoutMs, signal.reason)
      let response: Response
      try {
        response = await fetchFn(url, { ...init, signal })
      } catch (error) {
        throw signal.aborted ? timedOut() : networkError(error, what)
      }
      const loginReason = response.headers.get('x-seraph-loginreason') ?? ''
      if (/AUTHENTICATED_FAILED|AUTHENTICATION_DENIED/i.test(loginReason)) {
        await response.body?.cancel()
        throw new AnonymousAnswerError(`X-Seraph-LoginReason: ${loginReason}`)
      }
      let body: unknown
      try {
        body = await readBody(response, what)
      } catch (error) {
        if (error instanceof UnexpectedAnswerError) throw error
        throw signal.aborted ? timedOut() : networkError(error, what)
      }
      if (!response.ok) throw apiError(what, response, body)
      return { status: response.status, headers: response.headers, body }
    },
    { ...options.retry, creates }
  )
}

/**
 * POSTs that create something each time they are sent. The other POSTs read (searches, bulk
 * fetch), upsert (remote links, by globalId) or exchange a token (a refresh token replaced less
 * than 10 minutes ago still works); PUT and DELETE are idempotent.
 */
function createsSomething(method: string, url: string): boolean {
  if (method.toUpperCase() !== 'POST') return false
  const path = new URL(url).pathname
  return !/\/(search|search\/jql|issue\/bulkfetch|remotelink|oauth\/token)$/.test(path)
}

export function buildUrl(base: string, path: string, params?: Record<string, unknown>): string {
  const url = `${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value)
        if (item !== undefined && item !== null) search.append(key, String(item))
    } else {
      search.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
    }
  }
  const query = search.toString()
  return query === '' ? url : `${url}?${query}`
}

export interface JiraTransportOptions {
  /** API base: the site URL, or `{api}/ex/jira/{cloudId}` under OAuth. */
  baseUrl: string
  /** The whole Authorization header value, e.g. `Basic …` or `Bearer …`. */
  authorization: string
  fetch?: FetchLike
  retry?: RetryPolicy
  /** What to do with a response that does not look like Jira's schema. Default: warn (debug log). */
  onSchemaMismatch?: SchemaMismatchBehaviour
}

export function createJiraTransport(options: JiraTransportOptions): Client {
  const reported = new Set<string>()
  return {
    async sendRequest<T>(request: SendRequestOptions<T>): Promise<T> {
      const method = request.method ?? 'GET'
      const what = `${method} ${request.url}`
      const hasBody = request.body !== undefined && request.body !== null
      const { body } = await sendHttp(
        buildUrl(options.baseUrl, request.url, request.searchParams),
        {
          method,
          headers: {
            Accept: 'application/json',
            ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
            Authorization: options.authorization,
            ...request.headers
          },
          body: hasBody ? JSON.stringify(request.body) : undefined
        },
        what,
        options
      )
      if (body === undefined || request.schema === undefined) return body as T
      const parsed = request.schema.safeParse(body)
      if (parsed.success) return parsed.data
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        expected: i.message,
        received: typeof body
      }))
      const behaviour = options.onSchemaMismatch ?? 'warn'
      if (behaviour === 'throw') {
        throw new SchemaMismatchError(`Response did not match the schema for ${what}`, {
          endpoint: what,
          issues
        })
      }
      if (behaviour === 'warn' && !reported.has(what)) {
        reported.add(what)
        core.debug(
          `Jira's answer to ${what} differs from jira.js's schema at ${issues.map((i) => i.path || '(root)').join(', ')}; used as it is.`
        )
      }
      return body as T
    }
  }
}
