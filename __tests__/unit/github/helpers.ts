/**
 * Shared by the GitHub adapter's tests: a mocked @actions/core, real payloads, and a client
 * aimed at a fake API host that nock serves. Import this before any src module.
 */
import { core } from '../../helpers/core-mock.js'
import { createRequire } from 'node:module'
import nock from 'nock'
import type { WebhookDefinition } from '@octokit/webhooks-examples'
import type { CreateGitHubOptions } from '../../../src/github/index.js'

export const API = 'https://api.github.test'
export const OWNER = 'Codertocat'
export const REPO = 'Hello-World'
export const REPO_PATH = `/repos/${OWNER}/${REPO}`
export const TOKEN = 'ghs_testTOKENthatMUSTneverBEprinted0000'

export { core }

const require = createRequire(import.meta.url)

/** Response examples copied from GitHub's OpenAPI by scripts/github-fixtures.ts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const openapi: Record<string, any> = require('../../fixtures/github/openapi-examples.json')

const webhooks = require('@octokit/webhooks-examples') as WebhookDefinition[]

/** A `pull_request` object from GitHub's webhook examples (the same shape `pulls.get` returns). */
export function webhookPullRequest(action = 'opened'): Record<string, unknown> & {
  number: number
  changed_files: number
  commits: number
} {
  const definition = webhooks.find((d) => d.name === 'pull_request')
  const example = definition?.examples.find((e) => (e as { action: string }).action === action)
  if (!example) throw new Error(`no pull_request.${action} example`)
  return structuredClone((example as unknown as { pull_request: never }).pull_request)
}

export function clone<T>(value: T): T {
  return structuredClone(value)
}

export { recorder as bodies } from '../../helpers/recorder.js'

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to fail')
}

let clients = 0

/**
 * The adapter with the production client, pointed at {@link API} through GITHUB_API_URL (read
 * when the client is made). Delays are milliseconds instead of seconds, and each client has its
 * own throttling key so one test's writes do not wait for another's.
 */
export async function makeGitHub(extra: Partial<CreateGitHubOptions> = {}) {
  process.env.GITHUB_API_URL = API
  const { createGitHub } = await import('../../../src/github/index.js')
  clients += 1
  return createGitHub({
    token: TOKEN,
    owner: OWNER,
    repo: REPO,
    retryAfterBaseValue: 1,
    throttle: { id: `test-${clients}` },
    ...extra
  })
}

export function api(): nock.Scope {
  return nock(API)
}

/** GitHub's `Link` header for page `page` of `last` pages. */
export function linkHeader(path: string, page: number, last: number, perPage = 100): string {
  const url = (p: number) => `<${API}${path}?per_page=${perPage}&page=${p}>`
  const links: string[] = []
  if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`)
  if (page > 1) links.push(`${url(1)}; rel="first"`, `${url(page - 1)}; rel="prev"`)
  return links.join(', ')
}

/** Serves `items` as GitHub does: `per_page` 100, `page` from 2 on, with Link headers. */
export function servePages(scope: nock.Scope, path: string, items: unknown[]): nock.Scope {
  const last = Math.max(1, Math.ceil(items.length / 100))
  for (let page = 1; page <= last; page += 1) {
    const query: Record<string, string> = { per_page: '100' }
    if (page > 1) query.page = String(page)
    const headers: Record<string, string> = {}
    const link = linkHeader(path, page, last)
    if (link) headers.link = link
    scope
      .get(path)
      .query(query)
      .reply(200, items.slice((page - 1) * 100, page * 100), headers)
  }
  return scope
}
