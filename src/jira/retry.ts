/**
 * Bounded exponential backoff for Jira and Atlassian calls: 429 and 5xx (and transient network
 * failures) are retried, honouring Retry-After. jira.js never retries a 429 itself; its error
 * predicates (not `instanceof`) tell the kinds apart.
 */
import * as core from '@actions/core'
import { isNetworkError, isRateLimitError, isServerError } from 'jira.js'
import { NOT_SENT_CODES } from '../util/network.js'

export type Sleep = (ms: number) => Promise<void>

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number
  /** First backoff delay. Default 1 s, doubled on every retry. */
  initialDelayMs?: number
  /** A single wait longer than this (a far Retry-After) is not waited for. Default 60 s. */
  maxDelayMs?: number
  /** Total waiting across retries. Default 120 s. */
  maxTotalWaitMs?: number
  sleep?: Sleep
  /**
   * The request creates something (an issue, a comment): retried only when Jira surely did not
   * act on it (see retryable). Default false.
   */
  creates?: boolean
}

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Milliseconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The wait a retryable error asks for, or undefined when it must not be retried. A request that
 * creates something is retried only when Jira surely did not act on it (429, 503, or no
 * connection): after a 500, 502 or 504, or a connection lost mid-way, the issue or comment may
 * exist, and a second one would break "never twice". Such a write fails instead, and the next
 * run, which looks for what it wrote before writing, makes it then.
 */
function retryable(error: unknown, creates: boolean): { retryAfterMs?: number } | undefined {
  if (isRateLimitError(error)) return { retryAfterMs: error.retryAfterMs }
  if (creates) {
    const unprocessed =
      (isServerError(error) && error.status === 503) ||
      (isNetworkError(error) && NOT_SENT_CODES.has(error.code ?? ''))
    if (!unprocessed) return undefined
  }
  if (isServerError(error)) {
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs
    return { retryAfterMs: typeof retryAfterMs === 'number' ? retryAfterMs : undefined }
  }
  if (isNetworkError(error) && error.transient) return {}
  return undefined
}

/** How a failed call was tried, for its message: how many attempts, and whether it creates. */
const tries = new WeakMap<object, { attempts: number; creates: boolean }>()

/** How the error's call was tried (one attempt, not a write that creates, when not known). */
export function triesOf(error: unknown): { attempts: number; creates: boolean } {
  const known = typeof error === 'object' && error !== null ? tries.get(error) : undefined
  return known ?? { attempts: 1, creates: false }
}

export async function withRetry<T>(
  what: string,
  operation: () => Promise<T>,
  policy: RetryPolicy = {}
): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 5)
  const maxDelayMs = policy.maxDelayMs ?? 60_000
  const maxTotalWaitMs = policy.maxTotalWaitMs ?? 120_000
  const sleep = policy.sleep ?? realSleep
  let backoffMs = policy.initialDelayMs ?? 1000
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      const creates = policy.creates ?? false
      const retry = retryable(error, creates)
      const delay = retry?.retryAfterMs ?? backoffMs
      if (
        retry === undefined ||
        attempt >= maxAttempts ||
        delay > maxDelayMs ||
        waited + delay > maxTotalWaitMs
      ) {
        if (typeof error === 'object' && error !== null)
          tries.set(error, { attempts: attempt, creates })
        throw error
      }
      core.info(
        `${what}: Jira answered ${describe(error)}; retrying in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 1} of ${maxAttempts}).`
      )
      await sleep(delay)
      waited += delay
      backoffMs *= 2
    }
  }
}

function describe(error: unknown): string {
  if (isRateLimitError(error)) return '429 Too Many Requests'
  if (isServerError(error)) return `${error.status} ${error.statusText}`.trim()
  return 'with a network error'
}
