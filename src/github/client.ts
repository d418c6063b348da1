/**
 * The one Octokit of a run: @actions/github's client plus retry and throttling, logging to core.
 */
import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { NOT_SENT_CODES, networkCode } from '../util/network.js'

export type GitHubClient = ReturnType<typeof getOctokit>

export interface GitHubClientOptions {
  token: string
  /** Default: `GITHUB_API_URL` as it is when the client is made, else https://api.github.com. */
  baseUrl?: string
  /** Replaces @actions/github's proxy-aware fetch (tests, custom transports). */
  fetch?: typeof fetch
  /** Milliseconds per second of backoff or `Retry-After` (default 1000; tests make it 1). */
  retryAfterBaseValue?: number
  /** Retries of a 5xx or network error (default 3). 4xx are never retried here; see below. */
  retries?: number
  /** Retries after a primary or secondary rate limit (403/429), each (default 2). */
  rateLimitRetries?: number
  /** A rate limit that asks to wait longer than this fails instead (seconds, default 120). */
  maxRateLimitWaitSeconds?: number
  /**
   * @octokit/plugin-throttling's limiter key (spaces writes and GraphQL calls 1 s apart per key;
   * tests give each client its own) and its switch.
   */
  throttle?: { id?: string; enabled?: boolean }
}

/**
 * 4xx are the caller's problem and are not retried by the retry plugin. 429 and the rate-limit
 * 403s are left to the throttling plugin, which reads `Retry-After`/`x-ratelimit-reset`
 * (retrying them here too would multiply the attempts); a 429 it does not recognise is retried
 * by the hook in `createOctokit`, honouring Retry-After.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 405, 409, 410, 422, 429, 451]

export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
}

export function createOctokit(options: GitHubClientOptions): GitHubClient {
  const base = options.retryAfterBaseValue ?? 1000
  const rateLimitRetries = options.rateLimitRetries ?? 2
  const maxWait = options.maxRateLimitWaitSeconds ?? 120

  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      const route = `${request.method} ${request.url}`
      if (count < rateLimitRetries && retryAfter <= maxWait) {
        core.warning(
          `GitHub ${kind} on ${route}: retrying in ${retryAfter}s (${count + 1}/${rateLimitRetries}).`,
          { title: 'GitHub rate limit' }
        )
        return true
      }
      core.debug(`GitHub ${kind} on ${route}: not retrying (asks to wait ${retryAfter}s).`)
      return false
    }

  const octokit = getOctokit(
    options.token,
    {
      // @actions/github read GITHUB_API_URL when it loaded; read it again now.
      baseUrl: options.baseUrl ?? apiBaseUrl(),
      request: { ...defaults.request, fetch: options.fetch ?? defaults.request?.fetch },
      log: {
        debug: (message: string) => core.debug(message),
        info: (message: string) => core.debug(message),
        warn: (message: string) => core.warning(message),
        // The error that follows is reported by whoever catches it: report it once.
        error: (message: string) => core.warning(message)
      },
      retry: {
        doNotRetry: DO_NOT_RETRY,
        retries: options.retries ?? 3,
        retryAfterBaseValue: base
      },
      throttle: {
        ...options.throttle,
        retryAfterBaseValue: base,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit')
      }
    },
    retry,
    throttling
  )
  octokit.hook.before('request', (requestOptions) => {
    if (createsSomething(requestOptions)) {
      requestOptions.request = { ...requestOptions.request, retries: 0 }
    }
  })
  const createRetries = options.retries ?? 3
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const creates = createsSomething(requestOptions)
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request(requestOptions)
      } catch (error) {
        // A create the retry plugin leaves alone is retried only when GitHub did not act on it.
        if (creates && (statusOf(error) === 503 || notReached(error)) && attempt < createRetries) {
          await new Promise((done) => setTimeout(done, (attempt + 1) ** 2 * base))
          continue
        }
        const wait = plainTooManyRequests(error)
        if (wait === null || attempt >= rateLimitRetries || wait > maxWait) throw error
        const route = `${requestOptions.method} ${requestOptions.url}`
        core.warning(
          `GitHub answered 429 on ${route}: retrying in ${wait}s (${attempt + 1}/${rateLimitRetries}).`,
          {
            title: 'GitHub rate limit'
          }
        )
        await new Promise((done) => setTimeout(done, wait * base))
      }
    }
  })
  return octokit
}

/**
 * A request that creates something each time it is sent: a comment, a reply in a review thread
 * (a GraphQL mutation). After a 500, 502 or 504 it may have been made, and a retry would make a
 * second one: the run reports the failure, and the next run, which finds the comment by its
 * marker and the follow-up by its labels, completes it. It is retried on 503 (and 429), which
 * GitHub answers without acting, and when it never reached GitHub ({@link notReached}). Reads
 * (GraphQL queries too), edits and reviewer requests are retried as usual.
 */
export function createsSomething(request: {
  method?: string
  url?: string
  query?: unknown
  body?: unknown
}): boolean {
  if ((request.method ?? 'GET').toUpperCase() !== 'POST') return false
  if (/\/graphql$/.test(request.url ?? '')) {
    // Before sending, the query is an option; in a failed request's echo, part of the JSON body.
    const query = request.query ?? (typeof request.body === 'string' ? request.body : '')
    return typeof query === 'string' && /^\s*(?:\{\s*"query"\s*:\s*")?\s*mutation\b/.test(query)
  }
  return !/\/requested_reviewers$/.test(request.url ?? '')
}

/**
 * A request that failed before it reached GitHub: no answer, and a network error from before
 * anything was sent (Octokit reports it as a status 500 without `response`, the reason in
 * `cause`). A connection lost once the request was sent is not one: GitHub may have acted.
 */
export function notReached(error: unknown): boolean {
  if ((error as { response?: unknown } | null)?.response !== undefined) return false
  const code = networkCode(error)
  return code !== undefined && NOT_SENT_CODES.has(code)
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/**
 * A 429 the throttling plugin does not recognise (no "secondary rate limit" message, no
 * exhausted quota: a proxy's, or a future GitHub answer): the seconds its Retry-After asks for
 * (1 when absent), or null for any other failure.
 */
function plainTooManyRequests(error: unknown): number | null {
  const e = error as {
    status?: number
    message?: string
    response?: { headers?: Record<string, string> }
  }
  if (e?.status !== 429) return null
  const headers = e.response?.headers ?? {}
  if (/secondary rate/i.test(e.message ?? '') || headers['x-ratelimit-remaining'] === '0')
    return null
  const seconds = Number(headers['retry-after'])
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1
}
