/** Tiny fetch helpers for the sandbox tests. */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.js'
import { ACME } from '../../sandbox/scenarios/acme.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are JSON, checked by the assertions
type Json = any

export interface Answer<T = Json> {
  status: number
  headers: Headers
  body: T
}

export interface Init {
  method?: string
  body?: unknown
  auth?: string | null
  raw?: string
  contentType?: string
}

export async function call<T = Json>(url: string, init: Init = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (init.auth) headers.authorization = init.auth
  if (init.body !== undefined || init.raw !== undefined)
    headers['content-type'] = init.contentType ?? 'application/json'
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body))
  })
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: body as T }
}

export const basic = (email: string, token: string): string =>
  `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`
export const JIRA_AUTH = basic(ACME.jiraEmail, ACME.jiraApiToken)
export const GH_AUTH = `token ${ACME.githubToken}`

/**
 * Starts a sandbox for the test file (beforeAll/afterAll) and returns helpers bound to it:
 * `jira(path)` and `gh(path)` carry the scenario's credentials unless `auth` says otherwise.
 */
export function useSandbox(options?: SandboxOptions) {
  let current: Sandbox | undefined
  beforeAll(async () => {
    current = await startSandbox(options)
  })
  afterAll(() => current?.close())
  const sandbox = (): Sandbox => current!
  return {
    sandbox,
    jira: (path: string, init: Init = {}) =>
      call(`${sandbox().jiraUrl}${path}`, { auth: JIRA_AUTH, ...init }),
    gh: (path: string, init: Init = {}) =>
      call(`${sandbox().githubUrl}${path}`, { auth: GH_AUTH, ...init })
  }
}
