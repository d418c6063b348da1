/**
 * Bounded exponential backoff for Jira and Atlassian calls: 429 and 5xx (and transient network
 * failures, a timed-out attempt included) are retried, honouring Retry-After, within one budget
 * of waiting per call. jira.js never retries a 429 itself; its error predicates (not
 * `instanceof`) tell the kinds apart.
 */
import * as core from '@actions/core'
import { isNetworkError, isRateLimitError, isServerError, NetworkError } from 'jira.js'
import { NOT_SENT_CODES } from '../util/network.js'

export type Sleep = (ms: number) => Promise<void>

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number
  /** First backoff delay. Default 1 s, doubled on every retry. */
  initialDelayMs?: number
  /**
   * Total waiting across retries: back-offs, Retry-After, and attempts that timed out. A
   * Retry-After asking for more than is left is not waited for. Default 120 s.
   */
  maxTotalWaitMs?: number
  /** How long one attempt may take, reading the answer included. Default ATTEMPT_TIMEOUT_MS. */
  attemptTimeoutMs?: number
  sleep?: Sleep
  /**
   * The request creates something (an issue, a comment): retried only when Jira surely did not
   * act on it (see retryable). Default false.
   */
  creates?: boolean
}

/**
 * 30 s: Jira answers in well under a few seconds, its slowest reads (a page of 100 issues with
 * their fields, a large JQL search on a busy Data Center) in some ten; and four timed-out
 * attempts still fit the 2-minute budget, so a Jira that never answers ends the run in about two
 * minutes, well inside a job's `timeout-minutes`.
 */
export const ATTEMPT_TIMEOUT_MS = 30_000

const ANSWER_TIMEOUT = 'ANSWER_TIMEOUT'

/** "30 s" (or, below a second, "50 ms"). */
function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

/** An attempt that got no (whole) answer in time. Jira may have acted on it, as after a 504. */
export class AnswerTimeoutError extends NetworkError {
  readonly timeoutMs: number

  constructor(what: string, timeoutMs: number, cause: unknown) {
    super(`${what}: no answer within ${duration(timeoutMs)}, the request timeout`, {
      cause,
      code: ANSWER_TIMEOUT,
      transient: true
    })
    this.timeoutMs = timeoutMs
  }
}

/** jira.js's NetworkError answers `instanceof` for every network error: tell by the code. */
function isAnswerTimeout(error: unknown): error is AnswerTimeoutError {
  return isNetworkError(error) && error.code === ANSWER_TIMEOUT
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
 * connection): after a 500, 502 or 504, a connection lost mid-way, or an attempt that timed out,
 * the issue or comment may exist, and a second one would break "never twice". Such a write fails instead, and the next
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

/** How a failed call was tried, for its message. */
export interface Tries {
  attempts: number
  creates: boolean
  /** The Retry-After that was not waited for, being more than the budget had left. */
  refusedWait?: { askedMs: number; leftMs: number; budgetMs: number }
}

const tries = new WeakMap<object, Tries>()

/** How the error's call was tried (one attempt, not a write that creates, when not known). */
export function triesOf(error: unknown): Tries {
  const known = typeof error === 'object' && error !== null ? tries.get(error) : undefined
  return known ?? { attempts: 1, creates: false }
}

export async function withRetry<T>(
  what: string,
  operation: () => Promise<T>,
  policy: RetryPolicy = {}
): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 5)
  const maxTotalWaitMs = policy.maxTotalWaitMs ?? 120_000
  const sleep = policy.sleep ?? realSleep
  const creates = policy.creates ?? false
  let backoffMs = policy.initialDelayMs ?? 1000
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      // Waiting for an answer that never came counts as waiting.
      if (isAnswerTimeout(error)) waited += error.timeoutMs
      const retry = retryable(error, creates)
      const delay = retry?.retryAfterMs ?? backoffMs
      const leftMs = Math.max(0, maxTotalWaitMs - waited)
      if (retry === undefined || attempt >= maxAttempts || delay > leftMs) {
        const refusedWait =
          retry?.retryAfterMs !== undefined && attempt < maxAttempts && delay > leftMs
            ? { askedMs: delay, leftMs, budgetMs: maxTotalWaitMs }
            : undefined
        if (typeof error === 'object' && error !== null)
          tries.set(error, { attempts: attempt, creates, ...(refusedWait ? { refusedWait } : {}) })
        throw error
      }
      core.info(
        `${what}: ${describe(error)}; retrying in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 1} of ${maxAttempts}).`
      )
      await sleep(delay)
      waited += delay
      backoffMs *= 2
    }
  }
}

function describe(error: unknown): string {
  if (isRateLimitError(error)) return 'Jira answered 429 Too Many Requests'
  if (isServerError(error)) return `Jira answered ${error.status} ${error.statusText}`.trim()
  if (isAnswerTimeout(error)) return `Jira gave no answer within ${duration(error.timeoutMs)}`
  return 'Jira answered with a network error'
}
