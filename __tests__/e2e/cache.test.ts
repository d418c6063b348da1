/**
 * The Actions cache across runs, through run(): @actions/cache is replaced by an in-memory
 * service (immutable keys, restore by prefix, newest wins), everything else is HTTP against
 * nock. Two PRs opened one after the other, each resolving an issue in the same workflow status,
 * adding a TODO and watched by the same person: the second run asks Jira for neither the
 * transitions nor the link types, and GitHub not for the login; without a cache service it asks
 * for all of them again.
 */
import { jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import nock from 'nock'
import {
  API_TOKEN,
  GITHUB,
  GITHUB_TOKEN,
  JIRA,
  REPO,
  githubReads,
  jiraIssueJson,
  jiraMyself,
  runAction,
  todoPr
} from './harness.js'

const service = {
  available: true,
  entries: [] as { key: string; data: Buffer }[],
  restores: 0,
  saves: 0
}
jest.unstable_mockModule('@actions/cache', () => ({
  isFeatureAvailable: () => service.available,
  restoreCache: async (paths: string[], primaryKey: string, restoreKeys: string[] = []) => {
    service.restores++
    const prefixes = [primaryKey, ...restoreKeys]
    const hit = service.entries.filter((e) => prefixes.some((p) => e.key.startsWith(p))).at(-1)
    if (!hit) return undefined
    writeFileSync(paths[0]!, hit.data)
    return hit.key
  },
  saveCache: async (paths: string[], key: string) => {
    if (service.entries.some((e) => e.key === key)) throw new Error(`key ${key} exists`)
    service.saves++
    service.entries.push({ key, data: readFileSync(paths[0]!) })
    return service.saves
  }
}))

const { decodeBundle } = await import('../../src/cache/bundle.js')
const { METADATA_SECTION } = await import('../../src/cache/metadata.js')
const { cacheKey, unseal } = await import('../../src/cache/sealed.js')

const CONFIG = `rules:
  transitions:
    enabled: true
    on-open: In Review
  follow-ups:
    when: open
`

const ELI = {
  self: `${JIRA}/rest/api/3/user?accountId=u-eli`,
  accountId: 'u-eli',
  accountType: 'atlassian',
  displayName: 'Eli Romero',
  active: true,
  emailAddress: 'eli@acme.test'
}

const status = (id: string, name: string, key: string) => ({
  self: `${JIRA}/rest/api/3/status/${id}`,
  id,
  name,
  statusCategory: { id: 4, key, name, colorName: 'yellow' }
})

const TRANSITIONS = {
  transitions: [
    { id: '21', name: 'Review', to: status('10002', 'In Review', 'indeterminate') },
    { id: '31', name: 'Done', to: status('10003', 'Done', 'done') }
  ]
}

/** Counts the requests each host's interceptors answer. */
function counted(...scopes: nock.Scope[]) {
  const count = { n: 0 }
  for (const scope of scopes) scope.on('request', () => count.n++)
  return count
}

/** One run of PR #n; returns how many requests it made to Jira and to GitHub. */
async function runPr(n: number, key: string, cached: { transitions: boolean; login: boolean }) {
  const { event, files } = todoPr(n, key, `src/cart-${n}.ts`)
  const github = githubReads(event.pull_request, { config: CONFIG, files })
  github.post(`${REPO}/issues/${n}/comments`).reply(201, {
    id: 100 + n,
    body: 'x',
    html_url: `${event.pull_request.html_url}#issuecomment-${100 + n}`,
    user: { login: 'github-actions[bot]', type: 'Bot' }
  })
  if (!cached.login) {
    github
      .get(`${REPO}/commits`)
      .query({ author: 'eli@acme.test', per_page: '30' })
      .reply(200, [
        {
          sha: 'a'.repeat(40),
          commit: { message: 'x', author: { name: 'Eli', email: 'eli@acme.test' } },
          author: { login: 'eliromero', id: 1, type: 'User' }
        }
      ])
  }
  github.get(`${REPO}/collaborators/eliromero/permission`).reply(200, {
    permission: 'write',
    role_name: 'write',
    user: { login: 'eliromero' }
  })

  const issue = jiraIssueJson(key, 'Saved carts')
  Object.assign(issue.fields, { reporter: ELI, assignee: null })
  const transitioned: unknown[] = []
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, { issues: [issue], issueErrors: [] })
    .post(`/rest/api/3/issue/${key}/remotelink`)
    .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/${key}/remotelink/1` })
    .post(`/rest/api/3/issue/${key}/transitions`, (body) => {
      // nock offers this matcher other requests' bodies too: keep the transitions'.
      if (typeof body === 'object') transitioned.push(body)
      return true
    })
    .reply(204)
    .get('/rest/api/3/search/jql')
    .query(true)
    .reply(200, { issues: [], isLast: true })
    .post('/rest/api/3/issue')
    .reply(201, { id: `${200 + n}`, key: `ABC-${200 + n}`, self: `${JIRA}/rest/api/3/issue/1` })
    .post('/rest/api/3/issueLink')
    .reply(201)
    .get(`/rest/api/3/issue/${key}/watchers`)
    .reply(200, { isWatching: false, watchCount: 1, watchers: [ELI] })
  if (!cached.transitions) {
    jira
      .get(`/rest/api/3/issue/${key}/transitions`)
      .query({ expand: 'transitions.fields' })
      .reply(200, TRANSITIONS)
    jira.get('/rest/api/3/issueLinkType').reply(200, {
      issueLinkTypes: [
        { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
      ]
    })
  }
  const jiraRequests = counted(jira)
  const githubRequests = counted(github)

  const result = await runAction('pull_request', event)

  expect(result.exitCode).toBe(0)
  expect(transitioned).toEqual([{ transition: { id: '21' } }])
  expect(JSON.parse(result.outputs['follow-up-issues']!)).toEqual([`ABC-${200 + n}`])
  expect(JSON.parse(result.outputs['suggested-reviewers']!)).toEqual(['eliromero'])
  // Every interceptor answered: what the cache was expected to save was not asked for.
  expect(nock.pendingMocks()).toEqual([])
  return { jira: jiraRequests.n, github: githubRequests.n }
}

beforeEach(() => {
  Object.assign(service, { available: true, entries: [], restores: 0, saves: 0 })
})

test('a second PR opened asks Jira and GitHub less: one entry restored per run, saved once', async () => {
  const first = await runPr(2, 'ABC-1', { transitions: false, login: false })
  expect(service.restores).toBe(1)
  expect(service.saves).toBe(1)

  const second = await runPr(3, 'ABC-3', { transitions: true, login: true })
  expect(service.restores).toBe(2)
  // Nothing new was learnt: no second entry.
  expect(service.saves).toBe(1)
  expect(first).toEqual({ jira: 10, github: 10 })
  expect(second).toEqual({ jira: 8, github: 9 })

  // The one entry: metadata sealed with the credential's key, no token in it.
  const entry = service.entries[0]!
  expect(entry.key).toMatch(/^gitar-jira-v2-[0-9a-f]{16}-\d+$/)
  const section = decodeBundle(entry.data)!.get(METADATA_SECTION)!.data
  const plain = JSON.stringify(unseal(section, cacheKey(`bot@acme.test:${API_TOKEN}`, JIRA)))
  expect(plain).toContain('eliromero')
  expect(plain).toContain('In Review')
  for (const secret of [API_TOKEN, GITHUB_TOKEN]) {
    expect(plain).not.toContain(secret)
    expect(entry.data.toString('latin1')).not.toContain(secret)
  }
})

test('without a cache service, the second PR asks as much as the first', async () => {
  service.available = false
  const first = await runPr(2, 'ABC-1', { transitions: false, login: false })
  const second = await runPr(3, 'ABC-3', { transitions: false, login: false })
  expect(second).toEqual(first)
  expect(service.restores + service.saves).toBe(0)
})

test('a dry run reads the cache and saves nothing, though it learnt who has no login', async () => {
  const { event } = todoPr(2, 'ABC-1', 'src/a.ts')
  event.pull_request.title = 'ABC-1 Saved carts'
  githubReads(event.pull_request)
  const issue = jiraIssueJson('ABC-1', 'Saved carts')
  Object.assign(issue.fields, { reporter: ELI, assignee: null })
  jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, { issues: [issue], issueErrors: [] })
    .get('/rest/api/3/issue/ABC-1/watchers')
    .reply(200, { isWatching: false, watchCount: 1, watchers: [ELI] })
  nock('https://api.github.test')
    .get(`${REPO}/commits`)
    .query(true)
    .reply(200, [])
    .get(/\/users\/.*/)
    .times(5)
    .reply(404, { message: 'Not Found' })

  const result = await runAction('pull_request', event, { 'dry-run': 'true' })

  expect(result.exitCode).toBe(0)
  expect(service.restores).toBe(1)
  expect(service.saves).toBe(0)
})

describe('a push to the default branch fills the cache every PR reads', () => {
  const webhooks = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
    name: string
    examples: { ref: string }[]
  }[]
  const push = (ref: string) => {
    const example = webhooks
      .find((d) => d.name === 'push')!
      .examples.find((e) => e.ref === 'refs/heads/master')!
    return { ...structuredClone(example), ref }
  }
  const CONFIG_WITH_PROJECTS = 'jira:\n  projects: [ABC]\n'

  test('the corpus of the configured projects and the link types, sealed; nothing else', async () => {
    nock(GITHUB)
      .get(`${REPO}/contents/.github%2Fgitar-jira.yml`)
      .query({ ref: 'master' })
      .reply(200, {
        type: 'file',
        encoding: 'base64',
        name: 'gitar-jira.yml',
        path: '.github/gitar-jira.yml',
        content: Buffer.from(CONFIG_WITH_PROJECTS).toString('base64')
      })
    const searched: string[] = []
    const jira = jiraMyself()
      .get('/rest/api/3/search/jql')
      .query((query) => {
        searched.push(String(query.jql))
        return true
      })
      .reply(200, {
        issues: [jiraIssueJson('ABC-7', 'Share the wishlist with a link')],
        isLast: true
      })
      .get('/rest/api/3/issueLinkType')
      .reply(200, {
        issueLinkTypes: [
          { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
        ]
      })

    const result = await runAction('push', push('refs/heads/master'))

    expect(result.stdout).not.toContain('::error')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      'Cache refreshed for the PRs of master: 1 candidate issues (full read).'
    )
    expect(searched).toEqual([
      'project in ("ABC") AND (statusCategory != Done) ORDER BY updated DESC'
    ])
    expect(jira.isDone()).toBe(true)
    expect(nock.pendingMocks()).toEqual([])
    expect(service.saves).toBe(1)
    const sections = decodeBundle(service.entries[0]!.data)!
    expect([...sections.keys()].sort()).toEqual(
      expect.arrayContaining([METADATA_SECTION, expect.stringMatching(/^gitar-jira-corpus-v2-/)])
    )
    expect(service.entries[0]!.data.toString('latin1')).not.toContain('wishlist') // sealed
    expect(service.entries[0]!.data.toString('latin1')).not.toContain(API_TOKEN)
  })

  test('a push to another branch, or a tag, is left alone with a notice', async () => {
    for (const ref of ['refs/heads/feature/x', 'refs/tags/v1']) {
      const result = await runAction('push', push(ref))
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toMatch(/::notice title=gitar-jira::Nothing to do: /)
    }
    expect(service.restores + service.saves).toBe(0)
  })
})
