/**
 * suggest-reviewers through run(), at the HTTP boundaries (nock): the watchers read, the
 * commit-author lookup, the public-email lookup, the permission checks, and one review request
 * per login, where GitHub's 422 for one login is a warning that loses none of the others.
 */
import {
  GITHUB,
  JIRA,
  PR_URL,
  REPO,
  githubReads,
  jiraIssueJson,
  jiraMyself,
  recorder,
  runAction,
  webhook
} from './harness.js'
import nock from 'nock'
import { readState } from '../../src/report/state.js'

const CONFIG = `rules:
  suggest-reviewers:
    mode: request
    max: 3
    users:
      chen@acme.test: chenwei
      u-cat: Codertocat
      dana@acme.test: dana-k
`

const jiraUser = (accountId: string, displayName: string, email?: string) => ({
  self: `${JIRA}/rest/api/3/user?accountId=${accountId}`,
  accountId,
  accountType: 'atlassian',
  displayName,
  active: true,
  ...(email ? { emailAddress: email } : {})
})

const ELI = jiraUser('u-eli', 'Eli Romero', 'eli@acme.test')
const CHEN = jiraUser('u-chen', 'Chen Wei', 'chen@acme.test')
const FAY = jiraUser('u-fay', 'Fay Nakamura', 'fay@acme.test')
const DANA = jiraUser('u-dana', 'Dana Kowalski')
const CAT = jiraUser('u-cat', 'The Octocat') // the PR's author, watching their own issue

function issue() {
  const json = jiraIssueJson('ABC-1', 'Rewrite the README')
  json.fields.reporter = ELI
  json.fields.assignee = CAT
  return json
}

const commitBy = (login: string, email: string) => ({
  sha: 'a'.repeat(40),
  commit: { message: 'x', author: { name: login, email, date: '2026-01-01T00:00:00Z' } },
  author: { login, id: 1, type: 'User' }
})

test('mode request: lookups in order, one request per login, a 422 is a warning', async () => {
  const event = webhook('pull_request', 'opened')
  event.pull_request.title = 'ABC-1 Update the README'
  event.pull_request.body = ''
  const github = githubReads(event.pull_request, { config: CONFIG })
  const comment = recorder<{ body: string }>()
  github.post(`${REPO}/issues/2/comments`, comment.match).reply(201, {
    id: 99,
    body: 'x',
    html_url: `${PR_URL}#issuecomment-99`,
    user: { login: 'github-actions[bot]', type: 'Bot' }
  })
  // Eli: the Jira email is a commit author email of the repository.
  github
    .get(`${REPO}/commits`)
    .query({ author: 'eli@acme.test', per_page: '30' })
    .reply(200, [commitBy('eliromero', 'eli@acme.test')])
  // Fay: no commits; her public email is on the second login her name gives.
  github.get(`${REPO}/commits`).query({ author: 'fay@acme.test', per_page: '30' }).reply(200, [])
  github.get('/users/faynakamura').reply(404, { message: 'Not Found' })
  github
    .get('/users/fay-nakamura')
    .reply(200, { login: 'fay-nakamura', type: 'User', name: 'Fay N.', email: 'fay@acme.test' })
  const checked: string[] = []
  const permissions: [string, string][] = [
    ['eliromero', 'write'],
    ['chenwei', 'read'],
    ['fay-nakamura', 'none']
  ]
  for (const [login, permission] of permissions) {
    github.get(`${REPO}/collaborators/${login}/permission`).reply(200, () => {
      checked.push(login)
      return { permission, role_name: permission, user: { login } }
    })
  }
  const requests = recorder<{ reviewers: string[] }>()
  github.post(`${REPO}/pulls/2/requested_reviewers`, requests.match).reply(201, event.pull_request)
  github
    .post(`${REPO}/pulls/2/requested_reviewers`, requests.match)
    .reply(422, { message: 'Reviews may only be requested from collaborators.' })

  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, { issues: [issue()], issueErrors: [] })
    .get('/rest/api/3/issue/ABC-1/watchers')
    .reply(200, { isWatching: false, watchCount: 5, watchers: [ELI, CHEN, FAY, DANA, CAT] })
    .post('/rest/api/3/issue/ABC-1/remotelink')
    .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })

  const result = await runAction('pull_request', event)

  expect(result.exitCode).toBe(0)
  expect(requests.sent.filter((b) => typeof b === 'object' && 'reviewers' in b)).toEqual([
    { reviewers: ['eliromero'] },
    { reviewers: ['chenwei'] }
  ])
  expect(checked.sort()).toEqual(['chenwei', 'eliromero', 'fay-nakamura'])
  expect(JSON.parse(result.outputs['suggested-reviewers']!)).toEqual(['eliromero'])

  // nock offers every pending interceptor's body matcher each request: keep the comment's.
  const body = comment.sent.find((b) => typeof b === 'object' && 'body' in b)!.body
  expect(body).toContain(
    '- [eliromero](https://github.com/eliromero) · Eli Romero: reporter and watcher of ABC-1 · matched by commit email · review requested'
  )
  expect(body).toContain(
    '- [chenwei](https://github.com/chenwei) · Chen Wei: watcher of ABC-1 · matched by users table · ⚠️ not requested: Reviews may only be requested from collaborators.'
  )
  expect(body).toContain('Left out, no access to the repository: fay-nakamura (Fay Nakamura)')
  expect(body).toContain(
    '- Dana Kowalski (`u-dana`): watcher of ABC-1 · email hidden in Jira: only the id can name them'
  )
  // The entry for Dana, keyed by the email Jira hides, matches nobody: the comment says so.
  expect(body).toContain(
    '- Jira hides the email of Dana Kowalski, so the `users` entry keyed by an email \\(`dana@acme.test`\\) cannot match them: if it is meant for them, key it by their Jira accountId \\(the id shown beside their name\\) instead.'
  )
  expect(body).not.toContain('Codertocat')
  expect(readState(body).requested).toEqual(['eliromero'])
  expect(result.stdout).toContain('Did not request a review of PR #2 from chenwei')
  expect(github.isDone() && jira.isDone()).toBe(true)
})

test('a draft PR gets no suggestions and makes no lookups', async () => {
  const event = webhook('pull_request', 'opened')
  event.pull_request.title = 'ABC-1 Update the README'
  event.pull_request.body = ''
  event.pull_request.draft = true
  const github = githubReads(event.pull_request, { config: CONFIG })
  github.post(`${REPO}/issues/2/comments`).reply(201, {
    id: 99,
    body: 'x',
    html_url: `${PR_URL}#issuecomment-99`
  })
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, { issues: [issue()], issueErrors: [] })
    .post('/rest/api/3/issue/ABC-1/remotelink')
    .reply(201, { id: 1 })

  const result = await runAction('pull_request', event)

  expect(result.exitCode).toBe(0)
  expect(JSON.parse(result.outputs['suggested-reviewers']!)).toEqual([])
  expect(github.isDone() && jira.isDone()).toBe(true)
  expect(nock.pendingMocks().filter((m) => m.includes(GITHUB))).toEqual([])
})
