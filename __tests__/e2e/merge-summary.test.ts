/**
 * The merge summaries follow a merged PR through run(): an edit after the merge (a key added, a
 * key removed, the title changed) writes the new issue's summary, updates the others in place,
 * and deletes the summary of the issue the PR no longer links.
 */
import nock from 'nock'
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
    // ABC-1: its summary, under the old title, edited in place without a notification.
    .get(`/rest/api/3/issue/ABC-1${PROPERTY}`)
    .reply(200, { key: 'gitar-jira.merge-summary', value: { [PR_URL]: '501' } })
    .get('/rest/api/3/issue/ABC-1/comment/501')
    .reply(200, comment('501', { type: 'doc', version: 1, content: [] }))
    .put('/rest/api/3/issue/ABC-1/comment/501', updated.match)
    .query({ notifyUsers: 'false' })
    .reply(200, comment('501', {}))
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
  expect(properties['ABC-3'].sent).toEqual([{ [PR_URL]: '503' }])
  expect(properties['ABC-2'].sent).toEqual([{ [other]: '400' }])
  expect(github.isDone()).toBe(true)
  expect(jira.pendingMocks()).toEqual([])
})

afterAll(() => nock.restore())
