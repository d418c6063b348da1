/**
 * The local Jira + GitHub sandbox: `startSandbox()` serves the simulated APIs on 127.0.0.1 and
 * hands back their URLs, the live state and the request log. See sandbox/README.md.
 */
import { generateKeyPairSync } from 'node:crypto'
import type { Server } from 'node:http'
import { createGitHub } from './github.js'
import { createGraphQL } from './graphql.js'
import { createJira } from './jira.js'
import { createOAuth } from './oauth.js'
import { loadSpec, OpenApi } from './openapi.js'
import { acme } from './scenarios/acme.js'
import {
  close,
  FaultPlan,
  serve,
  type FaultOptions,
  type LoggedRequest,
  type ServiceName
} from './server.js'
import { sha } from './scenario.js'
import type { SandboxState, Scenario } from './state.js'

export { adfFromText, adfToText, type AdfDoc } from './adf.js'
export { parseJql, runJql, JqlError } from './jql.js'
export {
  scenario,
  ScenarioBuilder,
  STANDARD_WORKFLOW,
  SIMPLIFIED_WORKFLOW,
  sha
} from './scenario.js'
export { acme, ACME } from './scenarios/acme.js'
export { acmePlus, ACME_PLUS, TODO_PR_PUSH } from './scenarios/acme-plus.js'
export type * from './state.js'
export type { LoggedRequest, FaultOptions, FaultStatus, ServiceName } from './server.js'

export type PullRequestEvent = ReturnType<ReturnType<typeof createGitHub>['pullRequestEvent']>

export interface SandboxOptions {
  /** The initial state; default: the `acme` web-shop scenario. It is copied, never mutated. */
  seed?: Scenario
  /** Delay added to every answer, to make chains of dependent requests visible in wall time. */
  latencyMs?: number
  /** A seeded share of requests answered 429 (Retry-After: 1), 502 or 503 (or only some of them, on some services). */
  faults?: FaultOptions
  /**
   * `cloud` (default): REST v3 as Jira Cloud. `data-center`: REST v2 as Jira Data Center
   * (serverInfo `deploymentType: DataCenter`, wiki-markup text, users by key/name, search with
   * startAt/total, Bearer PAT); no OpenAPI validation on those routes. Same state either way.
   */
  flavour?: 'cloud' | 'data-center'
}

export interface Sandbox {
  /** Jira site, e.g. http://127.0.0.1:PORT (REST under /rest/api/3; /rest/api/2 in Data Center mode). */
  jiraUrl: string
  flavour: 'cloud' | 'data-center'
  /** GitHub REST base, as GITHUB_API_URL; GraphQL at `${githubUrl}/graphql`. */
  githubUrl: string
  graphqlUrl: string
  /** As ATLASSIAN_AUTH_URL: POST /oauth/token. */
  authUrl: string
  /** As ATLASSIAN_API_URL: /oauth/token/accessible-resources and /ex/jira/{cloudId}/rest/api/3/… */
  apiUrl: string
  /** Live, mutable state (a deep copy of the seed). */
  state: SandboxState
  /** Every request, in arrival order. */
  requests: LoggedRequest[]
  /** Moves the sandbox clock (token expiry, refresh-token reuse window, `updated`). */
  advanceTime(ms: number): void
  now(): number
  /** A `pull_request` event payload (for GITHUB_EVENT_PATH) built from the PR's current state. */
  pullRequestEvent(repo: string, number: number, action: string, sender?: string): PullRequestEvent
  /**
   * The `issue_comment` webhook payload of `sender` editing comment `commentId` (a PR comment)
   * to `body`, as GitHub sends it: `changes.body.from` is the comment's current body.
   */
  commentEditedEvent(repo: string, commentId: number, body: string, sender: string): unknown
  /** Marks a PR merged (closed, merge commit, merged_by), as GitHub does when it is merged. */
  mergePullRequest(repo: string, number: number, by: string): void
  /** Opens a repository secret written through the API (libsodium sealed box) to its plain text. */
  openSecret(repo: string, name: string): Promise<string>
  close(): Promise<void>
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state: SandboxState = structuredClone(options.seed ?? acme())
  const started = Date.now()
  let offset = 0
  const now = () => Date.parse(state.now) + (Date.now() - started) + offset

  for (const repo of state.github.repos) {
    if (repo.secretsKey.publicKey) continue
    const { publicKey, privateKey } = generateKeyPairSync('x25519')
    const raw = (jwk: { x?: string; d?: string }, part: 'x' | 'd') =>
      Buffer.from(jwk[part]!, 'base64url').toString('base64')
    repo.secretsKey.publicKey = raw(publicKey.export({ format: 'jwk' }), 'x')
    repo.secretsKey.privateKey = raw(privateKey.export({ format: 'jwk' }), 'd')
  }

  const urls = { jiraUrl: '', githubUrl: '', authUrl: '', apiUrl: '' }
  const jira = createJira({
    state,
    now,
    spec: new OpenApi(loadSpec('jira')),
    flavour: options.flavour ?? 'cloud'
  })
  const github = createGitHub({
    state,
    now,
    spec: new OpenApi(loadSpec('github')),
    url: () => urls.githubUrl
  })
  const graphql = createGraphQL({ state, now })
  const oauth = createOAuth(state, now)

  const requests: LoggedRequest[] = []
  const faults = options.faults ? new FaultPlan(options.faults) : null
  const common = { latencyMs: options.latencyMs ?? 0, faults, log: requests }
  const jiraFault = (status: 429 | 502 | 503) =>
    status === 429
      ? { errorMessages: ['Rate limit exceeded.'], errors: {} }
      : `<html><body><h1>${status} ${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</h1></body></html>`
  const githubFault = (status: 429 | 502 | 503) => ({
    message:
      status === 429
        ? 'API rate limit exceeded for installation.'
        : status === 502
          ? 'Server Error'
          : 'Service Unavailable',
    documentation_url:
      'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
    status: String(status)
  })

  const servers: Server[] = []
  const start = async (
    name: ServiceName,
    handler: Parameters<typeof serve>[1],
    faultBody: (s: 429 | 502 | 503) => unknown
  ) => {
    const { url, server } = await serve(name, handler, { ...common, faultBody })
    servers.push(server)
    return url
  }
  urls.jiraUrl = await start(
    'jira',
    (ctx) => jira.handle(ctx, jira.authenticate(ctx), urls.jiraUrl, ctx.path),
    jiraFault
  )
  urls.githubUrl = await start('github', (ctx) => github.handle(ctx, graphql), githubFault)
  urls.authUrl = await start('auth', (ctx) => oauth.token(ctx), jiraFault)
  urls.apiUrl = await start('api', (ctx) => oauth.gateway(ctx, urls, jira.handle), jiraFault)

  return {
    ...urls,
    flavour: options.flavour ?? 'cloud',
    graphqlUrl: `${urls.githubUrl}/graphql`,
    state,
    requests,
    advanceTime: (ms) => void (offset += ms),
    pullRequestEvent: github.pullRequestEvent,
    commentEditedEvent: (full, commentId, body, sender) => {
      const repo = state.github.repos.find((r) => `${r.owner}/${r.name}` === full)
      const comment = repo?.issueComments.find((c) => c.id === commentId)
      if (!repo || !comment) throw new Error(`no comment ${commentId} in ${full}`)
      const pr = github.pullRequestEvent(full, comment.issueNumber, 'edited', sender)
      const pull = pr.pull_request as {
        title: string
        user: unknown
        html_url: string
        url: string
      }
      return {
        action: 'edited',
        changes: { body: { from: comment.body } },
        issue: {
          number: comment.issueNumber,
          title: pull.title,
          state: 'open',
          user: pull.user,
          pull_request: { url: pull.url, html_url: pull.html_url }
        },
        comment: {
          id: comment.id,
          body,
          html_url: `${pull.html_url}#issuecomment-${comment.id}`,
          user: { login: comment.user, type: comment.user.endsWith('[bot]') ? 'Bot' : 'User' },
          created_at: comment.createdAt,
          updated_at: new Date(now()).toISOString()
        },
        repository: pr.repository,
        sender: pr.sender
      }
    },
    mergePullRequest: (full, number, by) => {
      const pull = state.github.repos
        .find((r) => `${r.owner}/${r.name}` === full)
        ?.pulls.find((p) => p.number === number)
      if (!pull) throw new Error(`no pull request ${full}#${number}`)
      const at = new Date(now()).toISOString()
      Object.assign(pull, {
        state: 'closed',
        merged: true,
        mergedAt: at,
        closedAt: at,
        updatedAt: at,
        mergedBy: by,
        mergeCommitSha: sha(`${full}#${number}@merge`)
      })
    },
    now,
    openSecret: async (full, name) => {
      const repo = state.github.repos.find((r) => `${r.owner}/${r.name}` === full)
      const secret = repo?.secrets[name]
      if (!repo || !secret) throw new Error(`no secret ${name} in ${full}`)
      const { default: sodium } = await import('libsodium-wrappers')
      await sodium.ready
      const plain = sodium.crypto_box_seal_open(
        sodium.from_base64(secret.encryptedValue, sodium.base64_variants.ORIGINAL),
        sodium.from_base64(repo.secretsKey.publicKey, sodium.base64_variants.ORIGINAL),
        sodium.from_base64(repo.secretsKey.privateKey, sodium.base64_variants.ORIGINAL)
      )
      return sodium.to_string(plain)
    },
    close: async () => {
      await Promise.all(servers.map(close))
    }
  }
}
