/**
 * A PR by someone outside the repository (a fork under `pull_request_target`) through run(): its
 * issues are linked, but nothing moves before the merge and nobody is asked to review; the PR
 * comment says why. The repository's own people, a private organization member among them, move
 * issues as before, and an outsider's PR still moves them when a maintainer merges it.
 */
import nock from 'nock'
import {
  JIRA,
  PR_URL,
  REPO,
  githubReads,
  jiraIssueJson,
  jiraMyself,
  recorder,
  requestsTo,
  runAction,
  webhook,
  type Json
} from './harness.js'

const CONFIG = `rules:
  auto-link:
    infer: false
  transitions:
    enabled: true
    on-open: In Review
    on-merge: Done
  suggest-reviewers:
    mode: request
    users:
      u-eli: eliromero
`

const ONLY_LINKS_MOVES_AND_REVIEWERS = { 'merge-summary': 'false', 'follow-ups': 'false' }

const ELI = {
  self: `${JIRA}/rest/api/3/user?accountId=u-eli`,
  accountId: 'u-eli',
  accountType: 'atlassian',
  displayName: 'Eli Romero',
  active: true
}

const status = (id: string, name: string) => ({
  self: `${JIRA}/rest/api/3/status/${id}`,
  id,
  name,
  statusCategory: { id: 4, key: 'indeterminate', name: 'In Progress' }
})

/**
 * A `pull_request_target` payload of PR #2 naming ABC-1 and ABC-2, by `login` with `association`,
 * from their fork unless `fork` is false.
 */
function prBy(
  login: string,
  association: string,
  action: string,
  pr: Json = {},
  fork = true
): Json {
  const event = webhook('pull_request', 'opened')
  event.action = action
  const user = {
    ...event.pull_request.user,
    login,
    id: 4242,
    html_url: `https://github.com/${login}`
  }
  Object.assign(event.pull_request, {
    title: 'typo fix ABC-1 ABC-2',
    body: '',
    user,
    author_association: association,
    ...pr
  })
  if (fork) {
    event.pull_request.head.repo = {
      ...event.pull_request.head.repo,
      full_name: `${login}/Hello-World`,
      owner: user
    }
  }
  event.sender = user
  return event
}

function issue(key: string): Json {
  const json = jiraIssueJson(key, `Summary of ${key}`)
  json.fields.reporter = ELI
  json.fields.assignee = null
  return json
}

/** The run's reads and writes, with the author's permission on the repository when it is asked. */
function setUp(event: Json, permission: string | null) {
  const github = githubReads(event.pull_request, { config: CONFIG })
  const comment = recorder<{ body: string }>()
  github.post(`${REPO}/issues/2/comments`, comment.match).reply(201, {
    id: 99,
    body: 'x',
    html_url: `${PR_URL}#issuecomment-99`,
    user: { login: 'github-actions[bot]', type: 'Bot' }
  })
  const login = event.pull_request.user.login
  if (permission !== null) {
    github
      .get(`${REPO}/collaborators/${login}/permission`)
      .reply(200, { permission, role_name: permission, user: { login } })
  }
  const links = recorder()
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, { issues: [issue('ABC-1'), issue('ABC-2')], issueErrors: [] })
  for (const key of ['ABC-1', 'ABC-2']) {
    jira
      .post(`/rest/api/3/issue/${key}/remotelink`, links.match)
      .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/${key}/remotelink/1` })
  }
  return { github, jira, comment, links }
}

/**
 * Jira offers ABC-1 and ABC-2 a move to `to` (id `id`), one read for both (same project, type and
 * status): the moves sent are recorded, per issue.
 */
function offers(jira: nock.Scope, id: string, to: string) {
  jira
    .get('/rest/api/3/issue/ABC-1/transitions')
    .query({ expand: 'transitions.fields' })
    .reply(200, { transitions: [{ id, name: to, to: status(id, to) }] })
  return ['ABC-1', 'ABC-2'].map((key) => {
    const moved = recorder()
    jira.post(`/rest/api/3/issue/${key}/transitions`, moved.match).reply(204)
    return moved
  })
}

/** The watchers read, and the access check of the one reviewer the `users` table names. */
function reviewerLookups(github: nock.Scope, jira: nock.Scope) {
  for (const key of ['ABC-1', 'ABC-2']) {
    jira
      .get(`/rest/api/3/issue/${key}/watchers`)
      .reply(200, { isWatching: false, watchCount: 1, watchers: [ELI] })
  }
  github
    .get(`${REPO}/collaborators/eliromero/permission`)
    .reply(200, { permission: 'write', role_name: 'write', user: { login: 'eliromero' } })
}

const isObject = (b: unknown): b is object => typeof b === 'object' && b !== null

const bodyOf = (sent: unknown[]) =>
  (sent.find((b) => isObject(b) && 'body' in b) as { body: string }).body

afterEach(() => nock.cleanAll())
afterAll(() => nock.restore())

test("an outsider's fork PR opened: its issues are linked, none is moved, nobody is asked to review", async () => {
  const event = prBy('outsider', 'CONTRIBUTOR', 'opened')
  const { github, jira, comment, links } = setUp(event, 'read')
  reviewerLookups(github, jira)
  const toJira = requestsTo(jira)
  const toGitHub = requestsTo(github)

  const result = await runAction('pull_request_target', event, ONLY_LINKS_MOVES_AND_REVIEWERS)

  expect(result.exitCode).toBe(0)
  expect(links.sent.filter((b) => isObject(b) && 'globalId' in b)).toHaveLength(2)
  expect(toJira.filter((r) => r.includes('/transitions'))).toEqual([])
  expect(toGitHub.filter((r) => r.includes('requested_reviewers'))).toEqual([])
  expect(toGitHub).toContain(`GET ${REPO}/collaborators/outsider/permission`)
  const body = bodyOf(comment.sent)
  expect(body).toContain(
    '- ABC-1, ABC-2 were not moved to In Review: @\u200boutsider is not a collaborator of Codertocat/Hello-World \\(author association CONTRIBUTOR, read access\\); the merge moves them to Done.'
  )
  expect(body).toContain(
    "- Suggested, not requested: @\u200boutsider is not a collaborator of Codertocat/Hello-World \\(author association CONTRIBUTOR, read access\\), and reviews are requested only on PRs by the repository's owner, members and collaborators."
  )
  expect(body).toContain(
    '- [eliromero](https://github.com/eliromero) · Eli Romero: reporter and watcher of ABC-1, reporter and watcher of ABC-2 · matched by users table\n'
  )
  expect(body).not.toContain('Jira status')
  expect(JSON.parse(result.outputs['linked-issues']!)).toEqual(['ABC-1', 'ABC-2'])
  expect(nock.pendingMocks()).toEqual([])
})

test("a member's PR: issues move on open and reviews are requested, with no permission read", async () => {
  const event = prBy('dana-k', 'MEMBER', 'opened', {}, false)
  const { github, jira, comment } = setUp(event, null)
  reviewerLookups(github, jira)
  const moves = offers(jira, '31', 'In Review')
  const requests = recorder()
  github.post(`${REPO}/pulls/2/requested_reviewers`, requests.match).reply(201, event.pull_request)

  const result = await runAction('pull_request_target', event, ONLY_LINKS_MOVES_AND_REVIEWERS)

  expect(result.exitCode).toBe(0)
  expect(moves.map((m) => m.sent)).toEqual([
    [{ transition: { id: '31' } }],
    [{ transition: { id: '31' } }]
  ])
  expect(requests.sent.filter((b) => isObject(b) && 'reviewers' in b)).toEqual([
    { reviewers: ['eliromero'] }
  ])
  expect(bodyOf(comment.sent)).toContain(
    '**Jira status**\n- ABC-1 → **In Review**\n- ABC-2 → **In Review**'
  )
  expect(bodyOf(comment.sent)).not.toContain('not moved')
  expect(nock.pendingMocks()).toEqual([])
})

test('an organization member whose membership is private (CONTRIBUTOR, write access): issues move on open', async () => {
  const event = prBy('quiet-member', 'CONTRIBUTOR', 'opened', {}, false)
  const { jira } = setUp(event, 'write')
  const moves = offers(jira, '31', 'In Review')

  const result = await runAction('pull_request_target', event, {
    ...ONLY_LINKS_MOVES_AND_REVIEWERS,
    'suggest-reviewers': 'false'
  })

  expect(result.exitCode).toBe(0)
  expect(moves.map((m) => m.sent)).toEqual([
    [{ transition: { id: '31' } }],
    [{ transition: { id: '31' } }]
  ])
  expect(nock.pendingMocks()).toEqual([])
})

test("an outsider's PR merged by a maintainer: the merge moves its issues to Done", async () => {
  const event = prBy('outsider', 'CONTRIBUTOR', 'closed', { state: 'closed', merged: true })
  // No permission read: after the merge no rule asks who the author is.
  const { jira, comment } = setUp(event, null)
  const moves = offers(jira, '41', 'Done')

  const result = await runAction('pull_request_target', event, ONLY_LINKS_MOVES_AND_REVIEWERS)

  expect(result.exitCode).toBe(0)
  expect(moves.map((m) => m.sent)).toEqual([
    [{ transition: { id: '41' } }],
    [{ transition: { id: '41' } }]
  ])
  expect(bodyOf(comment.sent)).toContain('**Jira status**\n- ABC-1 → **Done**\n- ABC-2 → **Done**')
  expect(bodyOf(comment.sent)).not.toContain('not moved')
  expect(nock.pendingMocks()).toEqual([])
})
