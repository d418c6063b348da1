/**
 * GitHub API failures turned into messages that name the fix (STYLE.md item 17).
 * Never includes the token: only the method, the path and GitHub's own message.
 */
import { ItemRefusal, OutageError, UserError } from '../util/errors.js'
import { ellipsized } from '../util/text.js'
import { createsSomething, notReached } from './client.js'

/** What a call needs, as a workflow's `permissions:` block spells it. */
export type GitHubPermission =
  'pull-requests: read' | 'pull-requests: write' | 'comments' | 'contents: read'

const PERMISSION_TEXT: Record<GitHubPermission, string> = {
  'pull-requests: read': '`pull-requests: read`',
  'pull-requests: write': '`pull-requests: write`',
  comments: '`pull-requests: write` (or `issues: write`)',
  'contents: read': '`contents: read`'
}

const TITLE = 'GitHub API'

interface HttpFailure {
  status: number
  message: string
  request: { method?: string; url?: string; body?: unknown }
  response?: { headers?: Record<string, string | number | undefined> }
}

interface GraphqlFailure {
  name: 'GraphqlResponseError'
  errors?: { type?: string; message: string }[]
}

function isHttpFailure(error: unknown): error is HttpFailure {
  const e = error as Partial<HttpFailure> | null
  return typeof e?.status === 'number' && typeof e.request === 'object' && e.request !== null
}

function isGraphqlFailure(error: unknown): error is GraphqlFailure {
  return (error as { name?: unknown } | null)?.name === 'GraphqlResponseError'
}

/** `GET /repos/o/r/pulls/1`: no host, no query string. */
function route(request: HttpFailure['request']): string {
  const method = request.method ?? 'GET'
  if (!request.url) return method
  try {
    return `${method} ${decodeURIComponent(new URL(request.url, 'https://api.github.com').pathname)}`
  } catch {
    return method
  }
}

/**
 * GitHub's message without the documentation link Octokit appends: its first line, at most
 * 200 characters (a proxy's error page could be long, or echo the request).
 */
export function gitHubSays(message: string, max = 200): string {
  const line = (message.split('\n')[0] ?? '').replace(/\s+-\s+https:\/\/docs\.github\.com\S*$/, '')
  return ellipsized(line.trim(), max)
}

function isRateLimit(error: HttpFailure): boolean {
  const headers = error.response?.headers ?? {}
  return (
    error.status === 429 ||
    (error.status === 403 &&
      (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(error.message)))
  )
}

function permissionHint(permission: GitHubPermission): string {
  return (
    `the token needs ${PERMISSION_TEXT[permission]} permission: add it under \`permissions:\` ` +
    'in the workflow, or pass a `github-token` that has it'
  )
}

/** GitHub down or rate-limited after the retries, or out of reach: the run can only wait. */
function isOutage(error: HttpFailure): boolean {
  return error.status >= 500 || isRateLimit(error)
}

function describeHttp(error: HttpFailure, permission: GitHubPermission): string {
  const answer = error.response ? `answered ${error.status}` : 'got no answer'
  const where = `${route(error.request)} ${answer} (${gitHubSays(error.message)})`
  if (error.status === 401) {
    return `GitHub rejected the \`github-token\`: ${where}. Check the \`github-token\` input: the token may be expired or revoked.`
  }
  if (isRateLimit(error)) {
    const reset = Number(error.response?.headers?.['x-ratelimit-reset'])
    const when = reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : ''
    return `GitHub's rate limit stopped the run: ${where}.${when} Rerun the job later.`
  }
  if (error.status === 403) return `GitHub refused: ${where}; ${permissionHint(permission)}.`
  if (error.status === 404) {
    return `GitHub found nothing: ${where}. Either it does not exist or ${permissionHint(permission)}.`
  }
  if (notReached(error)) {
    return `GitHub was not reached: ${where}, even after retries. Check the runner's network and https://www.githubstatus.com, then rerun the job.`
  }
  if (error.status >= 500 && error.status !== 503 && createsSomething(error.request)) {
    return `GitHub failed: ${where}. Not retried, since GitHub may have acted on it; the next run looks for it before writing again. See https://www.githubstatus.com.`
  }
  if (error.status >= 500) {
    return `GitHub failed: ${where}, even after retries. See https://www.githubstatus.com and rerun the job.`
  }
  return `GitHub refused: ${where}.`
}

function isRefused(error: GraphqlFailure): boolean {
  return (error.errors ?? []).some((e) => e.type === 'FORBIDDEN' || e.type === 'NOT_FOUND')
}

function isGraphqlRateLimit(error: GraphqlFailure): boolean {
  return !isRefused(error) && (error.errors ?? []).some((e) => e.type === 'RATE_LIMITED')
}

function describeGraphql(error: GraphqlFailure, permission: GitHubPermission): string {
  const said = (error.errors ?? []).map((e) => e.message).join('; ')
  if (isRefused(error)) {
    return `GitHub GraphQL refused: ${said}; ${permissionHint(permission)}.`
  }
  if (isGraphqlRateLimit(error)) {
    return `GitHub's GraphQL rate limit stopped the run: ${said}. Rerun the job later.`
  }
  return `GitHub GraphQL failed: ${said}.`
}

/**
 * The error to throw for a failed GitHub call, with a message naming the fix: an OutageError
 * when GitHub is down, rate-limited or out of reach after the retries, a UserError for what the
 * setup must fix (401, 403, a 404 of what the token cannot see, GraphQL's FORBIDDEN), an
 * ItemRefusal for a refusal of one item (a 422, a thread gone), or the error itself when it is
 * anything else (a bug keeps its stack).
 */
export function gitHubError(error: unknown, permission: GitHubPermission): Error {
  if (isHttpFailure(error)) {
    const Kind = isOutage(error)
      ? OutageError
      : [401, 403, 404].includes(error.status)
        ? UserError
        : ItemRefusal
    return new Kind(describeHttp(error, permission), { title: TITLE, cause: error })
  }
  if (isGraphqlFailure(error)) {
    const forbidden = (error.errors ?? []).some((e) => e.type === 'FORBIDDEN')
    const Kind = isGraphqlRateLimit(error) ? OutageError : forbidden ? UserError : ItemRefusal
    return new Kind(describeGraphql(error, permission), { title: TITLE, cause: error })
  }
  return error instanceof Error ? error : new Error(String(error))
}

/** True for GitHub's answer that a rate limit was hit (429, or a 403 that says so). */
export function isRateLimited(error: unknown): boolean {
  return isHttpFailure(error) && isRateLimit(error)
}

/** The HTTP status of an Octokit error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  return isHttpFailure(error) ? error.status : undefined
}

/** Runs a GitHub call, turning its failure into {@link gitHubError}. */
export async function callGitHub<T>(
  permission: GitHubPermission,
  call: () => Promise<T>
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw gitHubError(error, permission)
  }
}
