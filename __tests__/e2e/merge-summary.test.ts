/**
 * The merge summaries follow a merged PR through run(): an edit after the merge (a key added, a
 * key removed, the title changed) writes the new issue's summary, updates the others in place,
 * and deletes the summary of the issue the PR no longer links.
 */
import nock from 'nock'
import { prLabel } from '../../src/rules/follow-ups/fingerprint.js'
import {
  ACTIONS_BOT,
  JIRA,
  PR_URL,
  REPO,
  githubReads,
  jiraIssueJson,
  jiraMyself,
  runAction,
  webhook,
  type Json
} from './harness.js'

const PROPERTY = '/properties/gitar-jira.merge-summary'
const STATE = '{"v":1,"links":[{"key":"ABC-1","via":"explicit"},{"key":"ABC-2","via":"explicit"}]}'

/** PR #2, merged, then edited: the title keeps ABC-1, the body now names ABC-3, not ABC-2. */
function editedAfterMerge() {
  const event = webhook('pull_request', 'closed')
  event.action = 'edited'
  Object.assign(event.pull_request, {
    title: 'ABC-1 Update the README (renamed after the merge)',
    body: 'Relates to ABC-3.',
    state: 'closed',
    merged: true,
    merged_at: '2026-11-20T14:03:00Z',
    merge_commit_sha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
    merged_by: { ...event.pull_request.user, login: 'octocat' }
  })
  return event
}

/** The bodies sent to an interceptor (nock also offers its matcher the bodies of other requests). */
function sentTo() {
  const sent: Json[] = []
  return {
    sent,
    match: (body: Json) => {
      if (typeof body === 'object') sent.push(body)
      return true
    }
  }
}

const comment = (id: string, body: Json) => ({ id, body, self: `${JIRA}/rest/api/3/comment/${id}` })

test('an edit after the merge: the new issue gets its summary, the others are updated, the unlinked one loses its own', async () => {
  const event = editedAfterMerge()
  const listed = {
    id: 7,
    body: `<!-- gitar-jira:comment -->\nold\n<!-- gitar-jira:state ${STATE} -->`,
    html_url: `${PR_URL}#issuecomment-7`,
    user: ACTIONS_BOT
  }
  const github = githubReads(event.pull_request, { comments: [listed] })
  github.patch(`${REPO}/issues/comments/7`).reply(200, listed)

  const added = sentTo()
  const updated = sentTo()
  const properties = { 'ABC-2': sentTo(), 'ABC-3': sentTo() }
  const other = 'https://github.com/Codertocat/Hello-World/pull/1'
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, {
      issues: [jiraIssueJson('ABC-1', 'Rewrite the README'), jiraIssueJson('ABC-3', 'Docs')],
      issueErrors: []
    })
    // auto-link: ABC-1 and ABC-3 linked, ABC-2's link removed.
    .post('/rest/api/3/issue/ABC-1/remotelink')
    .reply(200, { id: 1 })
    .post('/rest/api/3/issue/ABC-3/remotelink')
    .reply(201, { id: 3 })
    .delete('/rest/api/3/issue/ABC-2/remotelink')
    .query(true)
    .reply(204)
    // ABC-1: its summary, under the old title, edited in place without a notification; the
    // digest of the new one remembered.
    .get(`/rest/api/3/issue/ABC-1${PROPERTY}`)
    .times(2)
    .reply(200, { key: 'gitar-jira.merge-summary', value: { [PR_URL]: '501' } })
    .get('/rest/api/3/issue/ABC-1/comment/501')
    .reply(200, comment('501', { type: 'doc', version: 1, content: [] }))
    .put('/rest/api/3/issue/ABC-1/comment/501', updated.match)
    .query({ notifyUsers: 'false' })
    .reply(200, comment('501', {}))
    .put(`/rest/api/3/issue/ABC-1${PROPERTY}`)
    .reply(200)
    // ABC-3: no summary yet: one is added and remembered.
    .get(`/rest/api/3/issue/ABC-3${PROPERTY}`)
    .times(2)
    .reply(404, { errorMessages: ['The property does not exist.'], errors: {} })
    .post('/rest/api/3/issue/ABC-3/comment', added.match)
    .reply(201, comment('503', {}))
    .put(`/rest/api/3/issue/ABC-3${PROPERTY}`, properties['ABC-3'].match)
    .reply(200)
    // ABC-2: its summary says the PR refers to it: deleted, and forgotten (another PR's kept).
    .get(`/rest/api/3/issue/ABC-2${PROPERTY}`)
    .times(2)
    .reply(200, { key: 'gitar-jira.merge-summary', value: { [PR_URL]: '502', [other]: '400' } })
    .delete('/rest/api/3/issue/ABC-2/comment/502')
    .reply(204)
    .put(`/rest/api/3/issue/ABC-2${PROPERTY}`, properties['ABC-2'].match)
    .reply(200)

  const result = await runAction('pull_request', event, { 'suggest-reviewers': 'false' })

  expect(result.stdout).not.toMatch(/::error/)
  expect(result.exitCode).toBe(0)
  const text = (doc: Json) => JSON.stringify(doc)
  expect(text(added.sent[0]!.body)).toContain(
    'Codertocat/Hello-World#2: ABC-1 Update the README (renamed after the merge)'
  )
  expect(text(added.sent[0]!.body)).toContain('This pull request refers to this issue.')
  expect(text(updated.sent[0]!.body)).toContain('(renamed after the merge)')
  expect(text(updated.sent[0]!.body)).toContain('This pull request resolves this issue.')
  expect(properties['ABC-3'].sent).toEqual([
    { [PR_URL]: '503', digests: { [PR_URL]: expect.stringMatching(/^[0-9a-f]{12}$/) } }
  ])
  expect(properties['ABC-2'].sent).toEqual([{ [other]: '400' }])
  expect(github.isDone()).toBe(true)
  expect(jira.pendingMocks()).toEqual([])
})

/** PR #2 merged, its title naming ABC-1: the event of a rerun of the merge, or of any later event. */
function mergedPr() {
  const event = editedAfterMerge()
  Object.assign(event.pull_request, { title: 'ABC-1 Update the README', body: '' })
  return event
}

/**
 * Jira Cloud stores a comment's ADF in its own form: here it adds a `localId` to the document, as
 * it does to tables. What it answers then never equals what the action sent.
 */
const asJiraStores = (adf: Json): Json => ({ ...adf, attrs: { localId: 'f3a1c7d2-0b4e' } })

/**
 * One later run on the merged PR, whose summary on ABC-1 (comment 501) Jira holds as `stored`
 * and whose property reads `property`; `followUps`: the follow-ups its PR comment's state
 * remembers (their issues as Jira answers them). Returns what was written and every Jira request.
 */
async function laterRun(
  property: Json,
  stored: Json,
  options: { inputs?: Record<string, string>; followUps?: Json[] } = {}
) {
  const event = mergedPr()
  const reply = { id: 7, body: 'x', html_url: `${PR_URL}#issuecomment-7`, user: ACTIONS_BOT }
  const followUps = options.followUps ?? []
  const state = { v: 1, links: [], followUps: followUps.map((i) => i.key) }
  const comments = followUps.length
    ? [
        {
          ...reply,
          body: `<!-- gitar-jira:comment -->\n<!-- gitar-jira:state ${JSON.stringify(state)} -->`
        }
      ]
    : []
  const github = githubReads(event.pull_request, { comments })
  if (comments.length) github.patch(`${REPO}/issues/comments/7`).reply(200, reply)
  else github.post(`${REPO}/issues/2/comments`).reply(201, reply)
  const edited = sentTo()
  const remembered = sentTo()
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch', (body: Json) => body.issueIdsOrKeys.includes('ABC-1'))
    .reply(200, { issues: [jiraIssueJson('ABC-1', 'Rewrite the README')], issueErrors: [] })
    .post('/rest/api/3/issue/ABC-1/remotelink')
    .reply(200, { id: 1 })
    .get(`/rest/api/3/issue/ABC-1${PROPERTY}`)
    .times(2)
    .reply(200, { key: 'gitar-jira.merge-summary', value: property })
    .get('/rest/api/3/issue/ABC-1/comment/501')
    .reply(200, comment('501', stored))
    .put('/rest/api/3/issue/ABC-1/comment/501', edited.match)
    .query({ notifyUsers: 'false' })
    .reply(200, comment('501', {}))
    .put(`/rest/api/3/issue/ABC-1${PROPERTY}`, remembered.match)
    .reply(200)
  if (followUps.length) {
    jira
      .post('/rest/api/3/issue/bulkfetch', (body: Json) => !body.issueIdsOrKeys.includes('ABC-1'))
      .reply(200, { issues: followUps, issueErrors: [] })
  }
  const requests: string[] = []
  jira.on('request', (req: Request) => {
    requests.push(`${req.method} ${new URL(req.url).pathname}`)
  })
  const result = await runAction('pull_request', event, {
    'suggest-reviewers': 'false',
    ...options.inputs
  })
  expect(result.stdout).not.toMatch(/::error/)
  expect(result.exitCode).toBe(0)
  nock.cleanAll()
  const summaryRequests = requests.filter((r) => /comment|properties/.test(r))
  // nock offers a body matcher the bodies of other requests too (the bulk fetches): the edits.
  const edits = edited.sent.filter((sent) => sent.body?.type === 'doc')
  return { edited: edits, remembered: remembered.sent, summaryRequests }
}

test('Jira Cloud storing the summary in its own form: a later event neither reads nor rewrites it', async () => {
  // Written by a version that kept no digest: compared as Jira answers it, rewritten this once
  // (Jira's form is not the action's), and its digest remembered beside its id.
  const first = await laterRun({ [PR_URL]: '501' }, { type: 'doc', version: 1, content: [] })
  expect(first.edited).toHaveLength(1)
  const written = first.edited[0]!.body
  expect(first.remembered).toEqual([
    { [PR_URL]: '501', digests: { [PR_URL]: expect.stringMatching(/^[0-9a-f]{12}$/) } }
  ])
  expect(first.summaryRequests).toEqual([
    `GET /rest/api/3/issue/ABC-1${PROPERTY}`,
    'GET /rest/api/3/issue/ABC-1/comment/501',
    'PUT /rest/api/3/issue/ABC-1/comment/501',
    `GET /rest/api/3/issue/ABC-1${PROPERTY}`,
    `PUT /rest/api/3/issue/ABC-1${PROPERTY}`
  ])

  // Every event after: the digest says the summary is the same. Jira's form of it is not read.
  const later = await laterRun(first.remembered[0], asJiraStores(written))
  expect(later.edited).toEqual([])
  expect(later.remembered).toEqual([])
  expect(later.summaryRequests).toEqual([`GET /rest/api/3/issue/ABC-1${PROPERTY}`])
})

test('follow-ups turned off after the merge: the summary still lists the follow-ups the merge created', async () => {
  const followUp = jiraIssueJson('ABC-201', 'Expire share links', 'To Do')
  followUp.fields.labels = ['follow-up', prLabel(PR_URL)]
  const run = await laterRun(
    { [PR_URL]: '501' },
    { type: 'doc', version: 1, content: [] },
    { inputs: { 'follow-ups': 'false' }, followUps: [followUp] }
  )
  const written = JSON.stringify(run.edited[0]!.body)
  expect(written).toContain('"text":"Follow-ups"')
  expect(written).toContain(`"href":"${JIRA}/browse/ABC-201"`)
  expect(written).toContain('Expire share links')
})

afterAll(() => nock.restore())
