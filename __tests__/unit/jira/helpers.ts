/**
 * Shared by the Jira adapter's tests: a mocked @actions/core, Jira-shaped fixtures, inputs, and
 * the secrets that must never show up in a message. Import this before any src module.
 */
import { createRequire } from 'node:module'
import { core } from '../../helpers/core-mock.js'
import type { Inputs } from '../../../src/inputs.js'

export { core }

const require = createRequire(import.meta.url)

/** A response fixture from __tests__/fixtures/jira (shapes from Jira's OpenAPI examples). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any {
  return structuredClone(require(`../../fixtures/jira/${name}.json`))
}

export const SITE = 'https://your-domain.atlassian.net'
export const EMAIL = 'mia@example.com'
export const API_TOKEN = 'ATATT3xFfGF0-test-api-token-never-print'
export const PAT = 'NjE0MzI2ODk4-test-pat-never-print'
export const CLIENT_ID = 'test-client-id'
export const CLIENT_SECRET = 'ATOA-test-client-secret-never-print'
export const REFRESH_TOKEN = 'old-refresh-token-never-print'
export const SECRETS_TOKEN = 'github_pat_test-secrets-token-never-print'
export const SECRETS = [API_TOKEN, PAT, CLIENT_SECRET, REFRESH_TOKEN, SECRETS_TOKEN]

export const AUTH_URL = 'https://auth.atlassian.test'
export const API_URL = 'https://api.atlassian.test'
export const GITHUB_API = 'https://api.github.test'
export const CLOUD_ID = '1324a887-45db-1bf4-1e99-ef0ff456d421'

export function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    jiraOauthRefreshTokenSecret: 'JIRA_OAUTH_REFRESH_TOKEN',
    githubToken: 'ghs_workflow-token',
    rules: {},
    configPath: '.github/gitar-jira.yml',
    ...overrides
  }
}

export function basicHeader(user: string, token: string): string {
  return `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`
}

/** Every text the code showed the user: thrown messages and annotations. */
export function shownText(error?: unknown): string {
  const calls = [core.info, core.warning, core.error, core.notice, core.debug].flatMap((fn) =>
    fn.mock.calls.map((args) => JSON.stringify(args))
  )
  const message = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : ''
  return [message, ...calls].join('\n')
}

/** Fails when any secret (or the base64 basic credential) appears in what the user sees. */
export function expectNoSecret(text: string, extra: string[] = []): void {
  for (const secret of [...SECRETS, ...extra]) expect(text).not.toContain(secret)
}

/** No waiting in tests; records the delays asked for. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = []
  return {
    delays,
    sleep: async (ms: number) => {
      delays.push(ms)
    }
  }
}

/** The error a call fails with, checked to show no secret. */
export async function rejection(
  promise: Promise<unknown>,
  extraSecrets: string[] = []
): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(Error)
  expectNoSecret(shownText(error), extraSecrets)
  return error as Error
}

/**
 * The Cloud adapter at SITE with basic auth, after its credential check (`/myself`, served
 * here); answers must match Jira's schemas, and retries do not wait.
 */
export async function connectedJira() {
  const { default: nock } = await import('nock')
  const { connectJira } = await import('../../../src/jira/client.js')
  nock(SITE).get('/rest/api/3/myself').reply(200, fixture('myself'))
  return connectJira({
    auth: { mode: 'basic', siteUrl: SITE, email: EMAIL, apiToken: API_TOKEN },
    onSchemaMismatch: 'throw',
    retry: { sleep: async () => {} }
  })
}
