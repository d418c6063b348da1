/**
 * Runs the action's `run()` as a runner would: INPUT_* and GITHUB_* in the environment, the
 * event payload in a file, outputs and the step summary in files, annotations on stdout. HTTP
 * is intercepted with nock at the Jira and GitHub boundaries.
 */
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nock from 'nock'
import type { WebhookDefinition } from '@octokit/webhooks-examples'

export const GITHUB = 'https://api.github.test'
export const JIRA = 'https://acme.atlassian.test'
export const REPO = '/repos/Codertocat/Hello-World'
export const PR_URL = 'https://github.com/Codertocat/Hello-World/pull/2'
export const API_TOKEN = 'ATATT3xFfGF0-e2e-token-never-print'
export const GITHUB_TOKEN = 'ghs_e2eTOKENthatMUSTneverBEprinted0000'

const require = createRequire(import.meta.url)
const webhooks = require('@octokit/webhooks-examples') as WebhookDefinition[]
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

/** A real webhook payload from @octokit/webhooks-examples, deep-copied. */
export function webhook(name: string, action: string): Json {
  const definition = webhooks.find((d) => d.name === name)
  const example = definition?.examples.find((e) => (e as { action?: string }).action === action)
  if (!example) throw new Error(`no ${name}.${action} example`)
  return structuredClone(example)
}

export function jiraFixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(`../fixtures/jira/${name}.json`, import.meta.url), 'utf8'))
}

/** An issue in the shape of Jira's bulkfetch answer, from the fixture, with a new key and summary. */
export function jiraIssueJson(key: string, summary: string, status = 'In Progress'): Json {
  const issue = structuredClone(jiraFixture('bulkfetch').issues[0])
  issue.key = key
  issue.id = String(10000 + Number(key.split('-')[1]))
  issue.self = `${JIRA}/rest/api/3/issue/${issue.id}`
  issue.fields.summary = summary
  issue.fields.project.key = key.split('-')[0]
  issue.fields.status.name = status
  return issue
}

/** The TODO comment `todoPr` adds: a follow-up's summary is its text. */
export const TODO_TEXT = 'keep carts for a week'

/** A `pull_request` event (`opened`) of PR #n titled with `key`, whose one file `path` adds a TODO. */
export function todoPr(n: number, key: string, path: string): { event: Json; files: Json[] } {
  const event = webhook('pull_request', 'opened')
  event.number = n
  Object.assign(event.pull_request, {
    number: n,
    html_url: `https://github.com/Codertocat/Hello-World/pull/${n}`,
    title: `${key} Saved carts`,
    body: ''
  })
  const files = [
    {
      sha: 'b'.repeat(40),
      filename: path,
      status: 'added',
      additions: 1,
      deletions: 0,
      changes: 1,
      patch: `@@ -0,0 +1 @@\n+// TODO: ${TODO_TEXT}\n`
    }
  ]
  return { event, files }
}

export interface RunResult {
  stdout: string
  outputs: Record<string, string>
  summary: string
  exitCode: number
}

const DEFAULT_INPUTS: Record<string, string> = {
  'jira-url': JIRA,
  'jira-email': 'bot@acme.test',
  'jira-api-token': API_TOKEN,
  'github-token': GITHUB_TOKEN,
  'config-path': '.github/gitar-jira.yml',
  'dry-run': 'false',
  'fail-on-error': 'true',
  'jira-oauth-refresh-token-secret': 'JIRA_OAUTH_REFRESH_TOKEN'
}

export async function runAction(
  eventName: string,
  payload: Json,
  inputs: Record<string, string> = {}
): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'gitar-e2e-'))
  const files = {
    event: join(dir, 'event.json'),
    output: join(dir, 'output'),
    summary: join(dir, 'summary')
  }
  writeFileSync(files.event, JSON.stringify(payload))
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const saved = { ...process.env }
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  Object.assign(process.env, {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_API_URL: GITHUB,
    GITHUB_REPOSITORY: payload.repository?.full_name ?? 'Codertocat/Hello-World',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir
  })
  for (const [name, value] of Object.entries({ ...DEFAULT_INPUTS, ...inputs })) {
    process.env[`INPUT_${name.toUpperCase()}`] = value
  }
  const lines: string[] = []
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk))
      return true
    })
  process.exitCode = 0
  try {
    const { run } = await import('../../src/main.js')
    await run()
  } finally {
    write.mockRestore()
    process.env = saved
  }
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = 0
  return {
    stdout: lines.join(''),
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    exitCode
  }
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!
  return outputs
}

export { recorder } from '../helpers/recorder.js'

/**
 * Makes waits of a second or more (Octokit's backoff: 1 s, 4 s, then 9 s; the throttling
 * plugin's spacing of writes) a thousand times shorter, so a run can go through every retry.
 * Undo with `jest.restoreAllMocks()`.
 */
export function quickBackoff(): void {
  const real = globalThis.setTimeout
  const quick = (callback: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) =>
    real(callback, ms >= 1000 ? ms / 1000 : ms, ...args)
  jest.spyOn(globalThis, 'setTimeout').mockImplementation(quick as typeof setTimeout)
}

/** The GitHub reads every PR event makes: config, PR, files, commits, reviews, threads, comments. */
export function githubReads(
  pr: Json,
  options: { config?: string | null; comments?: Json[]; commits?: Json[]; files?: Json[] } = {}
): nock.Scope {
  const scope = nock(GITHUB)
  const configPath = `${REPO}/contents/.github%2Fgitar-jira.yml`
  if (options.config == null) {
    scope.get(configPath).query({ ref: pr.base.ref }).reply(404, { message: 'Not Found' })
  } else {
    scope
      .get(configPath)
      .query({ ref: pr.base.ref })
      .reply(200, {
        type: 'file',
        encoding: 'base64',
        name: 'gitar-jira.yml',
        path: '.github/gitar-jira.yml',
        content: Buffer.from(options.config).toString('base64')
      })
  }
  scope.get(`${REPO}/pulls/${pr.number}`).reply(200, pr)
  scope
    .get(`${REPO}/pulls/${pr.number}/files`)
    .query(true)
    .reply(200, options.files ?? [])
  scope
    .get(`${REPO}/pulls/${pr.number}/commits`)
    .query(true)
    .reply(200, options.commits ?? [])
  scope.get(`${REPO}/pulls/${pr.number}/reviews`).query(true).reply(200, [])
  scope.post('/graphql').reply(200, {
    data: {
      repository: {
        pullRequest: {
          reviewThreads: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } }
        }
      }
    }
  })
  scope
    .get(`${REPO}/issues/${pr.number}/comments`)
    .query(true)
    .reply(200, options.comments ?? [])
  return scope
}

/**
 * `METHOD path` of each request the scope's interceptors answer, as they come (nock 15 hands the
 * listener a fetch `Request`: it has a `url`, no `path`).
 */
export function requestsTo(scope: nock.Scope): string[] {
  const asked: string[] = []
  scope.on('request', (req: { method: string; url: string }) => {
    const url = new URL(req.url)
    asked.push(`${req.method} ${url.pathname}${url.search}`)
  })
  return asked
}

/** The account `github-token` comments as with `GITHUB_TOKEN` (and so in most tests). */
export const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' }

/** A personal access token, passed as `github-token`: its comments are a person's. */
export const PERSONAL_TOKEN = 'github_pat_e2eTOKENthatMUSTneverBEprinted00'

/**
 * GitHub's `GET /user` for the run's token: the login of a personal access token, or (null) the
 * 403 that `GITHUB_TOKEN` and GitHub App tokens get. Set it up before any `recorder()`: nock
 * hands a request to the body matcher of each interceptor it tries before the one that answers.
 */
export function tokenOwner(login: string | null): nock.Scope {
  const scope = nock(GITHUB).get('/user')
  return login === null
    ? scope.reply(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403'
      })
    : scope.reply(200, { login, id: 1, type: 'User', html_url: `https://github.com/${login}` })
}

export function jiraMyself(): nock.Scope {
  return nock(JIRA).get('/rest/api/3/myself').reply(200, jiraFixture('myself'))
}
