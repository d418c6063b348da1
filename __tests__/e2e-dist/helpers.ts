/**
 * End-to-end tests of the bundle: dist/index.js runs as a child process, as a runner runs it,
 * against the local sandbox (sandbox/). These helpers start a sandbox, run events through the
 * bundle, and read the sandbox's state and request log back in a comparable shape.
 *
 * Rebuild the bundle first: `npm run bundle` (the tests run whatever dist/index.js holds).
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import {
  ACME,
  ACME_PLUS,
  acmePlus,
  startSandbox,
  type LoggedRequest,
  type Sandbox,
  type SandboxOptions
} from '../../sandbox/index.js'
import { BUNDLE, runAction, type ActionRun } from '../../sandbox/run-action.js'

export { ACME }

/** Generous: a 2-core machine runs the bundle (~1.5 s a run) and jest side by side. */
export const TIMEOUT = 60_000

export const REPO = ACME.repo

/** `jira.projects: [SHOP]`, for the key-less scenarios (written on `main`). */
export const SHOP_ONLY = ACME_PLUS.shopOnly
/** A dependency bump: nothing in Jira is about it. */
export const DEPENDABOT_PR = ACME_PLUS.dependabotPr
/** A key-less PR close to SHOP-51 but not verbatim: a possible match under a high bar. */
export const NEAR_MATCH_PR = ACME_PLUS.nearMatchPr

export function requireBundle(): void {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run bundle\` first`)
}

/** A sandbox on `acmePlus()` (acme and PRs #44-#48), with `config` (if given) as the config file on main. */
export async function sandbox(
  options: SandboxOptions & { config?: string } = {}
): Promise<Sandbox> {
  const { config, ...rest } = options
  const sb = await startSandbox({ seed: acmePlus(), ...rest })
  if (config !== undefined) setConfig(sb, config)
  return sb
}

/**
 * A fresh sandbox for each test of the file, closed after it; the bundle checked once first.
 * `let sb: Sandbox; eachSandbox((s) => (sb = s))`.
 */
export function eachSandbox(
  set: (sb: Sandbox) => void,
  options: Parameters<typeof sandbox>[0] = {}
): void {
  let current: Sandbox | undefined
  beforeAll(requireBundle)
  beforeEach(async () => {
    current = await sandbox(options)
    set(current)
  })
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
}

export function repoOf(sb: Sandbox) {
  const repo = sb.state.github.repos.find((r) => `${r.owner}/${r.name}` === REPO)
  if (!repo) throw new Error(`no ${REPO}`)
  return repo
}

export function pullOf(sb: Sandbox, number: number) {
  const pull = repoOf(sb).pulls.find((p) => p.number === number)
  if (!pull) throw new Error(`no PR #${number}`)
  return pull
}

/**
 * A push to PR #n: one commit (by the author of its last commit) that leaves `file` with `patch`
 * as the PR's diff of it; the PR's head moves to the new commit.
 */
export function pushCommit(
  sb: Sandbox,
  n: number,
  push: { message: string; file: string; patch: string }
): void {
  const repo = repoOf(sb)
  const pull = pullOf(sb, n)
  const last = repo.commits.find((c) => c.sha === pull.head.sha)
  if (!last) throw new Error(`PR #${n}: no head commit`)
  const sha = createHash('sha1').update(`${n}:${push.message}`).digest('hex')
  repo.commits.push({
    sha,
    message: push.message,
    author: { ...last.author, date: new Date(sb.now()).toISOString() },
    parents: [pull.head.sha]
  })
  pull.commits.push(sha)
  pull.head.sha = sha
  repo.branches[pull.head.ref] = sha
  const lines = (sign: string) =>
    push.patch.split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(sign.repeat(3))).length
  const changed = { patch: push.patch, additions: lines('+'), deletions: lines('-') }
  const file = pull.files.find((f) => f.filename === push.file)
  if (file) Object.assign(file, changed)
  else pull.files.push({ filename: push.file, status: 'added', sha, ...changed })
}

export function setConfig(sb: Sandbox, text: string): void {
  repoOf(sb).files.main!['.github/gitar-jira.yml'] = text
}

export function issueOf(sb: Sandbox, key: string) {
  const issue = sb.state.jira.issues.find((i) => i.key === key)
  if (!issue) throw new Error(`no ${key}`)
  return issue
}

export const prUrl = (n: number) => `https://github.com/${REPO}/pull/${n}`
export const globalId = (n: number) => `gitar-jira:${prUrl(n)}`

/** The remote links that point at PR #n, by issue key. */
export function linksTo(sb: Sandbox, n: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const issue of sb.state.jira.issues) {
    const count = issue.remoteLinks.filter((l) => l.globalId === globalId(n)).length
    if (count > 0) out[issue.key] = count
  }
  return out
}

export function commentsOn(sb: Sandbox, n: number) {
  return repoOf(sb).issueComments.filter((c) => c.issueNumber === n)
}

/** The one bot comment on PR #n (fails when there are none or several). */
export function botComment(sb: Sandbox, n: number) {
  const comments = commentsOn(sb, n)
  expect(comments).toHaveLength(1)
  return comments[0]!
}

/** Runs a `pull_request` (or `pull_request_target`) event of PR #n through the bundle. */
export function runPr(
  sb: Sandbox,
  n: number,
  action: string,
  options: { inputs?: Record<string, string>; eventName?: string; sender?: string } = {}
): Promise<ActionRun> {
  return runAction({
    sandbox: sb,
    eventName: options.eventName ?? 'pull_request',
    payload: sb.pullRequestEvent(REPO, n, action, options.sender),
    ...(options.inputs ? { inputs: options.inputs } : {})
  })
}

/** The `issue_comment` edited event of `sender` editing the bot comment on PR #n to `body`. */
export function commentEditedEvent(sb: Sandbox, n: number, body: string, sender = 'ana-lima') {
  return sb.commentEditedEvent(REPO, botComment(sb, n).id, body, sender)
}

/** Ticks the box of `key` in a body of the bot comment. */
export function tick(body: string, key: string): string {
  const box = `- [ ] <!-- gitar-jira:key ${key} -->`
  if (!body.includes(box)) throw new Error(`no unticked box for ${key} in:\n${body}`)
  return body.replace(box, `- [x] <!-- gitar-jira:key ${key} -->`)
}

const READ_ONLY_POSTS = [
  /\/rest\/api\/3\/issue\/bulkfetch$/,
  /\/rest\/api\/3\/search\/jql$/,
  /\/rest\/api\/3\/search\/approximate-count$/,
  /\/rest\/api\/2\/search$/ // Data Center
]

/** Whether a logged request changes state (a GraphQL query and Jira's search POSTs do not). */
export function isWrite(request: LoggedRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false
  if (request.method !== 'POST') return true
  if (request.service === 'auth') return false // a token, not a change to Jira or GitHub
  if (READ_ONLY_POSTS.some((p) => p.test(request.path))) return false
  if (request.path === '/graphql') {
    const query = (request.body as { query?: string } | undefined)?.query ?? ''
    return /^\s*mutation\b/.test(query)
  }
  return true
}

export function writes(requests: LoggedRequest[]): string[] {
  return requests.filter(isWrite).map((r) => `${r.method} ${r.path}`)
}

/**
 * What a run leaves behind that users see, comparable across sandboxes: remote links (no ids),
 * comments (no ids, times, decision times or site address), transitions, issue comments and created issues
 * (with their labels, which later events add to).
 */
export function outcome(sb: Sandbox) {
  // The times of the edits that decided the boxes (the hidden state's `decided`) are when the
  // sandbox's clock saw them, which retries move on.
  const site = (text: string) =>
    text
      .split(sb.jiraUrl)
      .join('JIRA')
      .replace(/(\\?"decided\\?":\{)[^}]*\}/g, '$1…}')
  return {
    remoteLinks: sb.state.jira.issues
      .filter((i) => i.remoteLinks.length > 0)
      .map((i) => ({ key: i.key, links: i.remoteLinks.map(({ id: _id, ...rest }) => rest) })),
    comments: repoOf(sb).issueComments.map((c) => ({
      issue: c.issueNumber,
      user: c.user,
      body: site(c.body)
    })),
    jiraComments: sb.state.jira.issues.flatMap((i) => i.comments.map((c) => [i.key, c.body])),
    transitions: sb.state.jira.transitionsDone.length,
    created: sb.state.jira.createdIssues,
    createdLabels: sb.state.jira.createdIssues.map((key) => issueOf(sb, key).labels),
    titles: repoOf(sb).pulls.map((p) => p.title)
  }
}

/** `::` workflow commands of a run, e.g. all `::error` lines. */
export function commands(run: ActionRun, name: string): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${name} `) || line.startsWith(`::${name}::`))
}

/** A run that went well: exit 0, no error annotation; prints the log when it did not. */
export function expectSuccess(run: ActionRun): void {
  const errors = commands(run, 'error')
  if (run.exitCode !== 0 || errors.length > 0) {
    throw new Error(
      `the action failed (exit ${run.exitCode}):\n${run.stdout}\n--- stderr ---\n${run.stderr}`
    )
  }
}

export const parseList = (value: string | undefined): string[] =>
  JSON.parse(value ?? 'null') as string[]

/** The requests Jira received (from request number `from` on). */
export function jiraRequests(sb: Sandbox, from = 0): LoggedRequest[] {
  return sb.requests.slice(from).filter((r) => r.service === 'jira')
}

/** Whether a request body holds an ADF document anywhere (Data Center takes wiki markup). */
export function holdsAdf(body: unknown): boolean {
  return JSON.stringify(body ?? null).includes('"type":"doc"')
}

/** Data Center mode: every Jira request (from number `from` on) went to REST v2 and held no ADF. */
export function expectRestV2(sb: Sandbox, from = 0): void {
  const requests = jiraRequests(sb, from)
  expect(requests.filter((r) => !r.path.startsWith('/rest/api/2/')).map((r) => r.path)).toEqual([])
  expect(requests.filter((r) => holdsAdf(r.body)).map((r) => r.path)).toEqual([])
}
