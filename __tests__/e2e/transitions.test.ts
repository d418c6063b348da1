/**
 * transitions through run(): what Jira is asked to do, and what the PR comment says, when a PR
 * resolving an issue opens, changes or closes.
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

/** Only auto-link and transitions: the other rules have their own end-to-end tests. */
const ONLY_TRANSITIONS = {
  'merge-summary': 'false',
  'suggest-reviewers': 'false',
  'follow-ups': 'false'
}

const config = (onClose = 'null') => `rules:
  auto-link:
    infer: false
  transitions:
    enabled: true
    on-open: In Review
    on-merge: Done
    on-close: ${onClose}
`

const status = (id: string, name: string, key: string) => ({
  self: `${JIRA}/rest/api/3/status/${id}`,
  id,
  name,
  statusCategory: { id: 3, key, name }
})

function prEvent(action: string, title: string, pr: Json = {}): Json {
  const event = webhook('pull_request', 'opened')
  event.action = action
  Object.assign(event.pull_request, { title, body: '', ...pr })
  return event
}

/** An issue of the bulkfetch answer in `name`, of status category `category`. */
function issueIn(key: string, name: string, category: string): Json {
  const issue = jiraIssueJson(key, 'Cart rounding', name)
  issue.fields.status = status('1', name, category)
  return issue
}

/** The run's PR comment (posted, or comment 7 edited) and Jira answering with `issues`. */
function setUp(
  event: Json,
  issues: Json[],
  {
    onClose,
    comments = [],
    readNow = {}
  }: { onClose?: string; comments?: Json[]; readNow?: Json } = {}
) {
  const pr = { ...event.pull_request, ...readNow }
  const github = githubReads(pr, { config: config(onClose), comments })
  const comment = recorder<{ body: string }>()
  const id = comments.length > 0 ? 7 : 99
  const answer = {
    id,
    body: 'x',
    html_url: `${PR_URL}#issuecomment-${id}`,
    user: { login: 'github-actions[bot]', type: 'Bot' }
  }
  if (comments.length > 0) {
    github.patch(`${REPO}/issues/comments/7`, comment.match).reply(200, answer)
  } else {
    github.post(`${REPO}/issues/2/comments`, comment.match).reply(201, answer)
  }
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, { issues, issueErrors: [] })
  for (const issue of issues) {
    jira
      .post(`/rest/api/3/issue/${issue.key}/remotelink`)
      .optionally()
      .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/${issue.key}/remotelink/1` })
  }
  return { github, jira, comment }
}

/** Jira offers `key` a move to In Review (id 31), and takes it: the moves sent are recorded. */
function offersReview(jira: nock.Scope, key: string) {
  const moved = recorder()
  jira
    .get(`/rest/api/3/issue/${key}/transitions`)
    .query({ expand: 'transitions.fields' })
    .reply(200, {
      transitions: [{ id: '31', name: 'Review', to: status('3', 'In Review', 'indeterminate') }]
    })
    .post(`/rest/api/3/issue/${key}/transitions`, moved.match)
    .reply(204)
  return moved
}

/** The action's PR comment (id 7) as an earlier run left it, with `state`. */
function commentWith(state: Json): Json {
  return {
    id: 7,
    body: `<!-- gitar-jira:comment -->\nold\n<!-- gitar-jira:state ${JSON.stringify(state)} -->`,
    html_url: `${PR_URL}#issuecomment-7`,
    user: { login: 'github-actions[bot]', type: 'Bot' }
  }
}

afterEach(() => nock.cleanAll())
afterAll(() => nock.restore())

describe('an issue another PR finished', () => {
  test.each(['To Do', "Won't Do"])(
    'closing an abandoned PR (on-close %s) leaves it done, and the comment says why',
    async (onClose) => {
      const event = prEvent('closed', 'ABC-12 Another take on cart rounding', {
        state: 'closed',
        merged: false
      })
      const { jira, comment } = setUp(event, [issueIn('ABC-12', 'Done', 'done')], {
        onClose: `"${onClose}"`
      })
      const asked = requestsTo(jira)

      const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

      expect(result.exitCode).toBe(0)
      expect(asked.filter((r) => r.includes('/transitions'))).toEqual([])
      expect(comment.sent[0]!.body).toContain(
        `- ABC-12 stays in **Done**, not moved to ${onClose}: it is done (another PR or a person finished it), and closing this PR unmerged does not undo that.`
      )
      expect(result.stdout).not.toContain('::warning')
      expect(nock.pendingMocks()).toEqual([])
    }
  )
})

test('a rerun of the opened run after the PR became a draft moves nothing', async () => {
  const event = prEvent('opened', 'ABC-12 Cart rounding', { draft: false })
  const { jira, comment } = setUp(event, [issueIn('ABC-12', 'In Progress', 'indeterminate')], {
    readNow: { draft: true }
  })
  const asked = requestsTo(jira)

  const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

  expect(result.exitCode).toBe(0)
  expect(asked.filter((r) => r.includes('/transitions'))).toEqual([])
  expect(comment.sent[0]!.body).not.toContain('Jira status')
  expect(nock.pendingMocks()).toEqual([])
})

describe('a key added to a PR after it opened', () => {
  test('the title edited to name it: the issue gets the on-open move, and the comment says so', async () => {
    const event = prEvent('edited', 'ABC-8: Fall back sooner when the edge is slow')
    const { jira, comment } = setUp(event, [issueIn('ABC-8', 'In Progress', 'indeterminate')], {
      comments: [commentWith({ v: 1, links: [], resolved: [] })]
    })
    const moved = offersReview(jira, 'ABC-8')

    const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

    expect(result.exitCode).toBe(0)
    expect(moved.sent).toEqual([{ transition: { id: '31' } }])
    expect(comment.sent[0]!.body).toContain('**Jira status**\n- ABC-8 → **In Review**')
    expect(comment.sent[0]!.body).toContain('"resolved":["ABC-8"],"moved":{"ABC-8":"on-open"}')
    expect(nock.pendingMocks()).toEqual([])
  })

  test('a later push: the issue the PR resolved on the previous run is not moved again', async () => {
    const event = prEvent('synchronize', 'ABC-8: Fall back sooner when the edge is slow')
    const { jira } = setUp(event, [issueIn('ABC-8', 'In Progress', 'indeterminate')], {
      comments: [
        commentWith({ v: 1, links: [{ key: 'ABC-8', via: 'explicit' }], resolved: ['ABC-8'] })
      ]
    })
    const asked = requestsTo(jira)

    const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

    expect(result.exitCode).toBe(0)
    expect(asked.filter((r) => r.includes('/transitions'))).toEqual([])
  })
})

test('a push after the PR opened: the Jira status section still shows the move, as the opened run wrote it', async () => {
  const event = prEvent('synchronize', 'ABC-12 Cart rounding')
  const state = {
    v: 1,
    links: [{ key: 'ABC-12', via: 'explicit' }],
    resolved: ['ABC-12'],
    moved: { 'ABC-12': 'on-open' }
  }
  const { comment } = setUp(event, [issueIn('ABC-12', 'In Review', 'indeterminate')], {
    comments: [commentWith(state)]
  })

  const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

  expect(result.exitCode).toBe(0)
  expect(comment.sent[0]!.body).toContain('**Jira status**\n- ABC-12 → **In Review**')
  expect(comment.sent[0]!.body).toContain('"moved":{"ABC-12":"on-open"}')
})

test('reopened after its close moved the issue to Done: the action takes it back up', async () => {
  const event = prEvent('reopened', 'ABC-4 Cart rounding')
  const state = { v: 1, links: [{ key: 'ABC-4', via: 'explicit' }], moved: { 'ABC-4': 'on-close' } }
  const { jira, comment } = setUp(event, [issueIn('ABC-4', 'Done', 'done')], {
    onClose: 'Done',
    comments: [commentWith(state)]
  })
  const moved = offersReview(jira, 'ABC-4')

  const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

  expect(result.exitCode).toBe(0)
  expect(moved.sent).toEqual([{ transition: { id: '31' } }])
  expect(comment.sent[0]!.body).toContain('- ABC-4 → **In Review**')
  expect(comment.sent[0]!.body).toContain('"moved":{"ABC-4":"on-open"}')
})

test("merged after its close put the issue in Won't Do and a reopen moved nothing: the merge moves it to Done", async () => {
  const event = prEvent('closed', 'ABC-4 Cart rounding', { state: 'closed', merged: true })
  const state = { v: 1, links: [{ key: 'ABC-4', via: 'explicit' }], moved: { 'ABC-4': 'on-close' } }
  const { jira, comment } = setUp(event, [issueIn('ABC-4', "Won't Do", 'done')], {
    onClose: `"Won't Do"`,
    comments: [commentWith(state)]
  })
  const moved = recorder()
  jira
    .get('/rest/api/3/issue/ABC-4/transitions')
    .query({ expand: 'transitions.fields' })
    .reply(200, { transitions: [{ id: '41', name: 'Done', to: status('4', 'Done', 'done') }] })
    .post('/rest/api/3/issue/ABC-4/transitions', moved.match)
    .reply(204)

  const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

  expect(result.exitCode).toBe(0)
  expect(moved.sent).toEqual([{ transition: { id: '41' } }])
  expect(comment.sent[0]!.body).toContain('- ABC-4 → **Done**')
  expect(comment.sent[0]!.body).toContain('"moved":{"ABC-4":"on-merge"}')
})

test('a push with no PR comment to read (deleted, or never written): nothing is moved, the resolved issues are recorded', async () => {
  const event = prEvent('synchronize', 'ABC-8: Fall back sooner when the edge is slow')
  const { jira, comment } = setUp(event, [issueIn('ABC-8', 'In Progress', 'indeterminate')])
  const asked = requestsTo(jira)

  const result = await runAction('pull_request', event, ONLY_TRANSITIONS)

  expect(result.exitCode).toBe(0)
  expect(asked.filter((r) => r.includes('/transitions'))).toEqual([])
  expect(comment.sent[0]!.body).not.toContain('Jira status')
  expect(comment.sent[0]!.body).toContain('"resolved":["ABC-8"]')
})

describe('a key added after the PR opened, whose move did not happen', () => {
  const event = prEvent('edited', 'ABC-8: Fall back sooner when the edge is slow')
  const inProgress = () => [issueIn('ABC-8', 'In Progress', 'indeterminate')]

  /** The comment a run posted, as the next run finds it. */
  const asFound = (body: string): Json => ({
    id: 7,
    body,
    html_url: `${PR_URL}#issuecomment-7`,
    user: { login: 'github-actions[bot]', type: 'Bot' }
  })

  test.each([
    [
      'no transition leads to In Review',
      (jira: nock.Scope) =>
        jira
          .get('/rest/api/3/issue/ABC-8/transitions')
          .query({ expand: 'transitions.fields' })
          .times(2)
          .reply(200, {
            transitions: [{ id: '11', name: 'Back', to: status('2', 'To Do', 'new') }]
          })
    ],
    [
      'Jira refuses the move (400)',
      (jira: nock.Scope) =>
        jira
          .get('/rest/api/3/issue/ABC-8/transitions')
          .query({ expand: 'transitions.fields' })
          .times(2)
          .reply(200, {
            transitions: [
              { id: '31', name: 'Review', to: status('3', 'In Review', 'indeterminate') }
            ]
          })
          .post('/rest/api/3/issue/ABC-8/transitions')
          .reply(400, { errorMessages: ['A pull request must be linked.'], errors: {} })
    ]
  ])('%s: the next event tries it again', async (_, refuse) => {
    const first = setUp(event, inProgress(), {
      comments: [commentWith({ v: 1, links: [], resolved: [] })]
    })
    refuse(first.jira)

    const warned = await runAction('pull_request', event, ONLY_TRANSITIONS)

    expect(warned.exitCode).toBe(0)
    expect(warned.stdout).toContain('::warning')
    const body = first.comment.sent[0]!.body
    expect(body).toContain('"resolved":[]')
    nock.cleanAll()

    const push = prEvent('synchronize', 'ABC-8: Fall back sooner when the edge is slow')
    const second = setUp(push, inProgress(), { comments: [asFound(body)] })
    const moved = offersReview(second.jira, 'ABC-8')

    const result = await runAction('pull_request', push, ONLY_TRANSITIONS)

    expect(result.exitCode).toBe(0)
    expect(moved.sent).toEqual([{ transition: { id: '31' } }])
    expect(second.comment.sent[0]!.body).toContain('- ABC-8 → **In Review**')
    expect(second.comment.sent[0]!.body).toContain('"resolved":["ABC-8"]')
  })
})

test('a rerun of the edit that moved a newly named issue: the PR comment is left as the first run wrote it', async () => {
  const event = prEvent('edited', 'ABC-12 ABC-8: Fall back sooner when the edge is slow')
  const earlier = {
    v: 1,
    links: [{ key: 'ABC-12', via: 'explicit' }],
    resolved: ['ABC-12'],
    moved: { 'ABC-12': 'on-open' }
  }
  const issues = (abc8: string) => [
    issueIn('ABC-12', 'In Review', 'indeterminate'),
    issueIn('ABC-8', abc8, 'indeterminate')
  ]
  const first = setUp(event, issues('In Progress'), { comments: [commentWith(earlier)] })
  offersReview(first.jira, 'ABC-8')
  await runAction('pull_request', event, ONLY_TRANSITIONS)
  const written = first.comment.sent[0]!.body
  nock.cleanAll()

  const found = { ...commentWith(earlier), body: written }
  const rerun = setUp(event, issues('In Review'), { comments: [found] })
  const asked = requestsTo(rerun.jira)
  await runAction('pull_request', event, ONLY_TRANSITIONS)

  expect(asked.filter((r) => r.includes('/transitions'))).toEqual([])
  expect(written).toContain('**Jira status**\n- ABC-12 → **In Review**\n- ABC-8 → **In Review**')
  // The same text: the comment is not edited.
  expect(rerun.comment.sent).toEqual([])
})
