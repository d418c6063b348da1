/**
 * Follow-ups across runs of one PR, through run(): PR #2 (`when: open`) names ABC-1 and adds a
 * TODO; the first run creates ABC-201 for it. Jira Cloud's search can lag that write, and the
 * "relates to" link written with it can fail: later runs neither create a second issue nor leave
 * the link out, and they read by key only what the search did not return. A link that keeps
 * failing is given up after three later runs; a link someone removed is not put back. Closed
 * without merging, the PR's follow-up is told once that its TODO never reached the base branch.
 */
import nock from 'nock'
import { adfToText } from '../../sandbox/adf.js'
import { prLabel } from '../../src/rules/follow-ups/fingerprint.js'
import {
  JIRA,
  PR_URL,
  REPO,
  TODO_TEXT,
  githubReads,
  jiraFixture,
  jiraIssueJson,
  jiraMyself,
  recorder,
  runAction,
  todoPr
} from './harness.js'

const CONFIG = 'rules:\n  follow-ups:\n    when: open\n'
const INPUTS = { 'suggest-reviewers': 'false' }
const BOT = { login: 'github-actions[bot]', type: 'Bot' }
const COMMENT_URL = 'https://github.com/Codertocat/Hello-World/pull/2#issuecomment-99'
const LINE = `- [ABC-201](${JIRA}/browse/ABC-201) ${TODO_TEXT} · for the TODO at src/cart.ts:1`
/** The edit of the PR comment, left pending when the comment would not change. */
const COMMENT_EDIT = `PATCH https://api.github.test:443${REPO}/issues/comments/99`
const LINK_TYPES = {
  issueLinkTypes: [{ id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

/**
 * One run of PR #2 on `comment` (the body the previous run left, or none): the GitHub reads, the
 * comment's write recorded, the Jira reads every run makes (ABC-1, and its remote link on the
 * first run) and the label search, answered with `searched`. Returns the comment's writes, the
 * JQL and bulk fetches Jira was asked for, and every request Jira answered ("GET /path").
 */
function prRun(comment: string | null, searched: Json[], action = 'synchronize') {
  const { event, files } = todoPr(2, 'ABC-1', 'src/cart.ts')
  if (comment !== null) event.action = action
  if (action === 'closed') event.pull_request.state = 'closed'
  const comments =
    comment === null ? [] : [{ id: 99, body: comment, html_url: COMMENT_URL, user: BOT }]
  const github = githubReads(event.pull_request, { config: CONFIG, files, comments })
  const written = recorder<{ body: string }>()
  const reply = { id: 99, body: 'x', html_url: COMMENT_URL, user: BOT }
  if (comment === null) github.post(`${REPO}/issues/2/comments`, written.match).reply(201, reply)
  else github.patch(`${REPO}/issues/comments/99`, written.match).reply(200, reply)

  const jql: string[] = []
  const fetched: { issueIdsOrKeys: string[]; fields: string[] }[] = []
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch', (body: Json) => {
      // nock offers this matcher every bulk fetch: this one is the PR's issue.
      if (!body.issueIdsOrKeys.includes('ABC-1')) return false
      fetched.push(body)
      return true
    })
    .reply(200, { issues: [jiraIssueJson('ABC-1', 'Saved carts')], issueErrors: [] })
    .get('/rest/api/3/search/jql')
    .query((query) => {
      jql.push(String(query.jql))
      return true
    })
    .reply(200, { issues: searched, isLast: true })
  if (comment === null) {
    jira
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })
  }
  const requests: string[] = []
  jira.on('request', (req: Request) => {
    requests.push(`${req.method} ${new URL(req.url).pathname}`)
  })
  return { event, written, jql, fetched, jira, requests }
}

/** What every later run asks Jira: who it is, the PR's issue, the label search. */
const EVERY_RUN = [
  'GET /rest/api/3/myself',
  'POST /rest/api/3/issue/bulkfetch',
  'GET /rest/api/3/search/jql'
]
/** A try of ABC-201's "relates to" link: the link type, then the link. */
const RELINK = ['GET /rest/api/3/issueLinkType', 'POST /rest/api/3/issueLink']

/** The first run: ABC-201 created with its labels, its link to ABC-1 answered with `linkStatus`. */
async function firstRun(linkStatus: number) {
  const run = prRun(null, [])
  const created = recorder<{ fields: { labels: string[] } }>()
  const linked = recorder()
  run.jira
    .get('/rest/api/3/issueLinkType')
    .reply(200, LINK_TYPES)
    .post('/rest/api/3/issue', created.match)
    .reply(201, { id: '10201', key: 'ABC-201', self: `${JIRA}/rest/api/3/issue/10201` })
    .post('/rest/api/3/issueLink', linked.match)
    .reply(linkStatus, linkStatus === 201 ? '' : jiraFixture('error-403'))
  const result = await runAction('pull_request', run.event, INPUTS)
  expect(result.exitCode).toBe(0)
  expect(created.sent).toHaveLength(1)
  expect(linked.sent).toEqual([
    { type: { name: 'Relates' }, inwardIssue: { key: 'ABC-201' }, outwardIssue: { key: 'ABC-1' } }
  ])
  const body = run.written.sent[0]!.body
  expect(body).toContain(LINE)
  return { body, labels: created.sent[0]!.fields.labels }
}

/** ABC-201 as Jira answers it: its labels, and its links to `linkedTo`. */
function followUpJson(labels: string[], linkedTo: string[]): Json {
  const issue = jiraIssueJson('ABC-201', TODO_TEXT, 'To Do')
  issue.fields.labels = labels
  issue.fields.issuelinks = linkedTo.map((key, n) => ({
    id: String(10400 + n),
    self: `${JIRA}/rest/api/3/issueLink/${10400 + n}`,
    type: { ...LINK_TYPES.issueLinkTypes[0], self: `${JIRA}/rest/api/3/issueLinkType/10003` },
    outwardIssue: { id: '10001', key, self: `${JIRA}/rest/api/3/issue/10001` }
  }))
  return issue
}

/** ABC-201 read by key: the bulk fetch of follow-ups the comment's state remembers. */
function readByKey(scope: nock.Scope, issue: Json) {
  const fetched: { issueIdsOrKeys: string[]; fields: string[] }[] = []
  scope
    .post('/rest/api/3/issue/bulkfetch', (body: Json) => {
      if (body.issueIdsOrKeys.includes('ABC-1')) return false
      fetched.push(body)
      return true
    })
    .reply(200, { issues: [issue], issueErrors: [] })
  return fetched
}

const stateOf = (body: string) =>
  JSON.parse(/<!-- gitar-jira:state (\{.*?\}) -->/s.exec(body)![1]!) as {
    followUps?: string[]
    relink?: { key: string; to: string[]; tries: number }[]
  }

/**
 * A later run on `comment` whose search returns ABC-201 (labelled as created, linked to
 * `linkedTo`), its link to ABC-1 answered with `linkStatus` if it is tried. Returns the run's
 * result, the comment it wrote (or the one it left) and the Jira requests it made.
 */
async function laterRun(
  comment: string,
  labels: string[],
  linkedTo: string[],
  linkStatus?: number
) {
  const run = prRun(comment, [followUpJson(labels, linkedTo)])
  if (linkStatus !== undefined) {
    run.jira
      .get('/rest/api/3/issueLinkType')
      .reply(200, LINK_TYPES)
      .post('/rest/api/3/issueLink')
      .reply(linkStatus, linkStatus === 201 ? '' : jiraFixture('error-403'))
  }
  const result = await runAction('pull_request', run.event, INPUTS)
  expect(result.exitCode).toBe(0)
  expect(run.jira.isDone()).toBe(true)
  return { result, body: run.written.sent[0]?.body ?? comment, requests: run.requests }
}

test('a run within the search lag of the one that created a follow-up creates none, and still lists it', async () => {
  const first = await firstRun(201)
  expect(stateOf(first.body).followUps).toEqual(['ABC-201'])

  // The search does not return ABC-201 yet; read by key, it is there, linked.
  const run = prRun(first.body, [])
  const fetched = readByKey(run.jira, followUpJson(first.labels, ['ABC-1']))
  const result = await runAction('pull_request', run.event, INPUTS)

  expect(result.exitCode).toBe(0)
  expect(result.stdout).not.toContain('::warning')
  // Read by key after the search, since the search lacked it.
  expect(run.requests).toEqual([...EVERY_RUN, 'POST /rest/api/3/issue/bulkfetch'])
  expect(fetched).toEqual([
    expect.objectContaining({
      issueIdsOrKeys: ['ABC-201'],
      fields: expect.arrayContaining(['labels', 'issuelinks'])
    })
  ])
  expect(result.outputs['follow-up-issues']).toBe('["ABC-201"]')
  expect(result.summary).toContain(LINE)
  // The comment lists it as before and still remembers it, so it is not edited.
  expect(run.written.sent).toEqual([])
  // No issue created, no link or link type asked for: every Jira interceptor is answered.
  expect(run.jira.isDone()).toBe(true)
  expect(nock.pendingMocks()).toEqual([COMMENT_EDIT])
})

test('a "relates to" link that failed when the follow-up was created is made by a later run, once', async () => {
  const first = await firstRun(403)
  expect(first.body).toContain('⚠️ could not link ABC-201 to ABC-1')
  expect(stateOf(first.body).relink).toEqual([{ key: 'ABC-201', to: ['ABC-1'], tries: 0 }])

  // The search returns ABC-201 now, without the link: the link is made again. The search found
  // it: nothing is read by key.
  const second = await laterRun(first.body, first.labels, [], 201)
  expect(second.requests).toEqual([...EVERY_RUN, ...RELINK])
  expect(second.body).toContain(LINE)
  expect(second.body).not.toContain('could not link')
  expect(stateOf(second.body)).toEqual(expect.objectContaining({ followUps: ['ABC-201'] }))
  expect(stateOf(second.body)).not.toHaveProperty('relink')

  // Linked now: the next run reads as much and writes nothing; the comment is left as it is.
  const third = await laterRun(second.body, first.labels, ['ABC-1'])
  expect(third.requests).toEqual(EVERY_RUN)
  expect(third.body).toBe(second.body)
  expect(nock.pendingMocks()).toEqual([COMMENT_EDIT])
})

test('a link someone removed from the follow-up is not put back; nothing is read by key', async () => {
  const first = await firstRun(201)
  expect(stateOf(first.body)).not.toHaveProperty('relink')

  // A maintainer removed the link in Jira (or it was never wanted): the search returns ABC-201
  // without it. No link type read, no link written, no bulk fetch of ABC-201, no comment edit.
  const second = await laterRun(first.body, first.labels, [])
  expect(second.requests).toEqual(EVERY_RUN)
  expect(second.result.stdout).not.toContain('::warning')
  expect(second.body).toBe(first.body)
  expect(nock.pendingMocks()).toEqual([COMMENT_EDIT])
})

test('a link Jira keeps refusing (no Link issues permission) is tried on three later runs, then given up with a warning', async () => {
  const first = await firstRun(403)
  let body = first.body
  for (const tries of [1, 2, 3]) {
    const run = await laterRun(body, first.labels, [], 403)
    expect(run.requests).toEqual([...EVERY_RUN, ...RELINK])
    expect(run.body).toContain('⚠️ could not link ABC-201 to ABC-1')
    const given = run.body.includes('Not tried again')
    expect(given).toBe(tries === 3)
    expect(stateOf(run.body).relink).toEqual(
      tries < 3 ? [{ key: 'ABC-201', to: ['ABC-1'], tries }] : undefined
    )
    body = run.body
  }
  expect(body).toContain(
    "Not tried again (3 later runs tried): the action's Jira user needs the *Link issues* permission"
  )

  // Given up: the next run neither reads the link type nor writes the link, and warns no more.
  const after = await laterRun(body, first.labels, [])
  expect(after.requests).toEqual(EVERY_RUN)
  expect(after.body).not.toContain('could not link')
  expect(stateOf(after.body)).toEqual(expect.objectContaining({ followUps: ['ABC-201'] }))
  expect(stateOf(after.body)).not.toHaveProperty('relink')
})

test('a wrong follow-ups project: one create reaches Jira, five fail with its words: one annotation on the config line, one comment line', async () => {
  const { event, files } = todoPr(2, 'ABC-1', 'src/cart.ts')
  const todos = ['keep carts', 'expire carts', 'merge carts', 'split carts', 'price carts']
  files[0].patch = `@@ -0,0 +1,${todos.length} @@\n${todos.map((t) => `+// TODO: ${t}`).join('\n')}\n`
  const github = githubReads(event.pull_request, {
    config: 'rules:\n  follow-ups:\n    when: open\n    project: NOPE\n',
    files
  })
  const written = recorder<{ body: string }>()
  github
    .post(`${REPO}/issues/2/comments`, written.match)
    .reply(201, { id: 99, body: 'x', html_url: COMMENT_URL, user: BOT })
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, { issues: [jiraIssueJson('ABC-1', 'Saved carts')], issueErrors: [] })
    .get('/rest/api/3/search/jql')
    .query(true)
    .reply(200, { issues: [], isLast: true })
    .post('/rest/api/3/issue/ABC-1/remotelink')
    .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })
    .get('/rest/api/3/issueLinkType')
    .reply(200, LINK_TYPES)
    .post('/rest/api/3/issue')
    .reply(400, { errorMessages: [], errors: { project: 'Specify a valid project ID or key' } })
  const requests: string[] = []
  jira.on('request', (req: Request) => {
    requests.push(`${req.method} ${new URL(req.url).pathname}`)
  })

  const result = await runAction('pull_request', event, INPUTS)

  // The project is refused once: the other four creates are not sent.
  expect(requests.filter((r) => r === 'POST /rest/api/3/issue')).toHaveLength(1)

  expect(result.exitCode).toBe(1)
  // One annotation, on the line of the config file that names the project, for the five creates.
  const errors = result.stdout.split('\n').filter((l) => l.startsWith('::error'))
  expect(errors).toEqual([
    '::error title=Invalid gitar-jira config,file=.github/gitar-jira.yml,line=4,col=5::' +
      'follow-ups: rules.follow-ups.project in .github/gitar-jira.yml (line 4): Jira refused its value ' +
      '(POST /rest/api/3/issue: 400 Bad Request - project: Specify a valid project ID or key) ' +
      '(5 times: the TODO at src/cart.ts:1, the TODO at src/cart.ts:2, the TODO at src/cart.ts:3 and 2 more)'
  ])
  const body = written.sent[0]!.body
  expect(body.match(/> - \*\*follow-ups\*\*/g)).toHaveLength(1)
  expect(body).toContain('5 times')
  expect(result.summary.match(/> - \*\*follow-ups\*\*/g)).toHaveLength(1)
  expect(github.isDone() && jira.isDone()).toBe(true)
})

test('closed without merging: the TODO follow-up gets one note, remembered in its property; a rerun writes nothing', async () => {
  const first = await firstRun(201)
  const PROPERTY = '/rest/api/3/issue/ABC-201/properties/gitar-jira.follow-up'
  const ENTRY = `${PR_URL}#closed`

  const close = prRun(first.body, [followUpJson(first.labels, ['ABC-1'])], 'closed')
  const noted = recorder<{ body: Json }>()
  const remembered = recorder()
  close.jira
    // auto-link: the PR's link now shows it closed.
    .post('/rest/api/3/issue/ABC-1/remotelink')
    .reply(200, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })
    .get(PROPERTY)
    .times(2)
    .reply(404, { errorMessages: ['The property does not exist.'], errors: {} })
    .post('/rest/api/3/issue/ABC-201/comment', noted.match)
    .reply(201, { id: '10500', self: `${JIRA}/rest/api/3/issue/10201/comment/10500` })
    .put(PROPERTY, remembered.match)
    .reply(200)
  const closed = await runAction('pull_request', close.event, INPUTS)

  expect(closed.exitCode).toBe(0)
  expect(closed.stdout).not.toContain('::warning')
  // One search, of the PR's follow-ups; nothing created, linked or read by key; the note
  // added, then remembered (the property read again just before it is written).
  expect(close.jql).toContain(`labels = "${prLabel(PR_URL)}" ORDER BY created ASC`)
  expect(close.requests).toEqual([
    ...EVERY_RUN.slice(0, 2),
    'POST /rest/api/3/issue/ABC-1/remotelink',
    'GET /rest/api/3/search/jql',
    `GET ${PROPERTY}`,
    'POST /rest/api/3/issue/ABC-201/comment',
    `GET ${PROPERTY}`,
    `PUT ${PROPERTY}`
  ])
  expect(noted.sent.map((c) => adfToText(c.body))).toEqual([
    `Codertocat/Hello-World#2 was closed without being merged, so the TODO this issue follows up ("${TODO_TEXT}") never reached master. Close this issue if the work is not needed; gitar-jira does not close or change it.`
  ])
  expect(remembered.sent).toEqual([{ [ENTRY]: '10500' }])
  // Still listed in the PR comment, and as an output.
  const body = close.written.sent[0]?.body ?? first.body
  expect(body).toContain(LINE)
  expect(closed.outputs['follow-up-issues']).toBe('["ABC-201"]')
  expect(close.jira.isDone()).toBe(true)

  // A rerun of the close: the note is found in the property; nothing is posted.
  const rerun = prRun(body, [followUpJson(first.labels, ['ABC-1'])], 'closed')
  rerun.jira.get(PROPERTY).reply(200, { key: 'gitar-jira.follow-up', value: { [ENTRY]: '10500' } })
  const again = await runAction('pull_request', rerun.event, INPUTS)
  expect(again.exitCode).toBe(0)
  expect(rerun.requests).toEqual([...EVERY_RUN, `GET ${PROPERTY}`])
  expect(rerun.jira.isDone()).toBe(true)
})
