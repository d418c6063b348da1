import { jest } from '@jest/globals'
import nock from 'nock'
import {
  ACTIONS_BOT,
  JIRA,
  PR_URL,
  REPO,
  githubReads,
  jiraIssueJson,
  jiraMyself,
  PERSONAL_TOKEN,
  quickBackoff,
  recorder,
  runAction,
  tokenOwner,
  webhook,
  type Json
} from './harness.js'

const GLOBAL_ID = `gitar-jira:${PR_URL}`

/** A maintainer's edit of the action's comment, on PR #2 of the webhook examples' repository. */
function commentEdited(body: string, sender = 'Codertocat', commentId = 11) {
  const event = webhook('issue_comment', 'edited')
  event.comment.id = commentId
  event.issue.number = 2
  event.issue.pull_request = { url: `https://api.github.com${REPO}/pulls/2` }
  event.comment.body = body
  event.comment.user = { ...event.comment.user, ...ACTIONS_BOT }
  event.sender.login = sender
  return event
}

function ourComment(boxes: string[], state: string) {
  return [
    '<!-- gitar-jira:comment -->',
    '### Jira',
    ...boxes,
    `<!-- gitar-jira:state ${state} -->`
  ].join('\n')
}

const prOpened = () => webhook('pull_request', 'opened').pull_request

/** A comment as GitHub lists it; the action's, with `GITHUB_TOKEN`, unless `user` says otherwise. */
function listed(id: number, body: string, user: Json = ACTIONS_BOT) {
  return { id, body, html_url: `${PR_URL}#issuecomment-${id}`, user }
}

/** The GitHub reads of a run on PR #2 whose action's comment 11 reads `body`; its update recorded. */
function ourCommentListed(body: string) {
  const github = githubReads(prOpened(), { comments: [listed(11, body)] })
  const update = recorder<{ body: string }>()
  github
    .patch(`${REPO}/issues/comments/11`, update.match)
    .reply(200, { id: 11, body: 'x', html_url: `${PR_URL}#issuecomment-11` })
  return { github, update }
}

test('ticking a possible match links it and records it as accepted', async () => {
  const body = ourComment(
    ['- [x] <!-- gitar-jira:key ABC-9 --> [ABC-9](x) Payment page · 50% sure'],
    '{"v":1,"links":[]}'
  )
  const pr = prOpened()
  const github = githubReads(pr, {
    comments: [listed(11, body)]
  })
  const update = recorder()
  github
    .patch(`${REPO}/issues/comments/11`, update.match)
    .reply(200, { id: 11, body: 'x', html_url: `${PR_URL}#issuecomment-11` })
  const link = recorder()
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch', (b: { issueIdsOrKeys: string[] }) =>
      b.issueIdsOrKeys.includes('ABC-9')
    )
    .reply(200, { issues: [jiraIssueJson('ABC-9', 'Payment page')], issueErrors: [] })
    .post('/rest/api/3/issue/ABC-9/remotelink', link.match)
    .reply(201, { id: 5, self: `${JIRA}/rest/api/3/issue/ABC-9/remotelink/5` })

  const result = await runAction('issue_comment', commentEdited(body))

  expect(result.exitCode).toBe(0)
  expect(link.sent[0]).toMatchObject({ globalId: GLOBAL_ID })
  const written = (update.sent[0] as { body: string }).body
  expect(written).toContain(
    '- [x] <!-- gitar-jira:key ABC-9 --> [ABC-9](https://acme.atlassian.test/browse/ABC-9) Payment page · accepted'
  )
  expect(written).toContain('{"key":"ABC-9","via":"accepted","h":')
  expect(result.outputs['linked-issues']).toBe('["ABC-9"]')
  expect(github.isDone() && jira.isDone()).toBe(true)
})

test('unticking a link made by inference removes it and it is not suggested again', async () => {
  const body = ourComment(
    ['- [ ] <!-- gitar-jira:key ABC-7 --> [ABC-7](x) Cart totals · 91% sure'],
    '{"v":1,"links":[{"key":"ABC-7","via":"inferred"}]}'
  )
  const pr = prOpened()
  const github = githubReads(pr, {
    comments: [listed(11, body)]
  })
  const update = recorder()
  github
    .patch(`${REPO}/issues/comments/11`, update.match)
    .reply(200, { id: 11, body: 'x', html_url: `${PR_URL}#issuecomment-11` })
  const jira = jiraMyself()
    .post('/rest/api/3/issue/bulkfetch', (b: { issueIdsOrKeys: string[] }) =>
      b.issueIdsOrKeys.includes('ABC-7')
    )
    .reply(200, { issues: [jiraIssueJson('ABC-7', 'Cart totals')], issueErrors: [] })
    .delete('/rest/api/3/issue/ABC-7/remotelink')
    .query({ globalId: GLOBAL_ID })
    .reply(204)

  const result = await runAction('issue_comment', commentEdited(body))

  expect(result.exitCode).toBe(0)
  const written = (update.sent[0] as { body: string }).body
  expect(written).toContain('"rejected":["ABC-7"]')
  // Still there, unticked, so that a slip of the mouse can be undone.
  expect(written).toContain('**Dismissed**')
  expect(written).toContain(
    '- [ ] <!-- gitar-jira:key ABC-7 --> [ABC-7](https://acme.atlassian.test/browse/ABC-7) Cart totals'
  )
  expect(result.outputs['linked-issues']).toBe('[]')
  expect(github.isDone() && jira.isDone()).toBe(true)
})

describe('unticking a link whose removal Jira fails', () => {
  beforeEach(quickBackoff)
  afterEach(() => jest.restoreAllMocks())

  test('the next run removes the link: the comment remembers it, and says so', async () => {
    const body = ourComment(
      ['- [ ] <!-- gitar-jira:key ABC-7 --> [ABC-7](x) Cart totals · 91% sure'],
      '{"v":1,"links":[{"key":"ABC-7","via":"inferred"}]}'
    )
    // Jira answers the issue, then the removal of its link to the PR.
    const removingLink = () =>
      jiraMyself()
        .post('/rest/api/3/issue/bulkfetch')
        .reply(200, { issues: [jiraIssueJson('ABC-7', 'Cart totals')], issueErrors: [] })
        .delete('/rest/api/3/issue/ABC-7/remotelink')
        .query({ globalId: GLOBAL_ID })
    const { update } = ourCommentListed(body)
    const down = removingLink()
      .times(10)
      .reply(503, { errorMessages: ['Service Unavailable'] })

    const failed = await runAction('issue_comment', commentEdited(body))

    expect(failed.exitCode).toBe(1)
    const written = update.sent[0]!.body
    expect(written).toContain('"unlink":["ABC-7"]')
    expect(written).toContain(
      '- ABC-7 is no longer linked by this PR, but removing its link to the PR or merge summary from Jira failed: the next run of this PR tries again.'
    )
    expect(down.isDone()).toBe(false) // fewer retries than the 10 answers
    nock.cleanAll()

    // Any later run of the PR (here: a push) removes the link, and forgets it once removed.
    const { update: after } = ourCommentListed(written)
    const removal = removingLink().reply(204)

    const retried = await runAction('pull_request', webhook('pull_request', 'synchronize'))

    expect(retried.exitCode).toBe(0)
    expect(removal.isDone()).toBe(true)
    expect(after.sent[0]!.body).not.toContain('"unlink"')
    expect(after.sent[0]!.body).not.toContain('tries again')
    expect(after.sent[0]!.body).toContain('"rejected":["ABC-7"]')
  })
})

/** The action's comment, and someone's comment with its marker and a ticked box. */
const ours = ourComment(
  ['- [ ] <!-- gitar-jira:key ABC-9 --> [ABC-9](x) Payment page · 50% sure'],
  '{"v":1,"links":[]}'
)
const forged = ourComment(
  ['- [x] <!-- gitar-jira:key SEC-1 --> [SEC-1](x) anything'],
  '{"v":1,"links":[]}'
)
const mallory = { login: 'mallory', type: 'User' }

test("someone's own comment with the marker and a ticked box links nothing: only the action's comment decides", async () => {
  githubReads(prOpened(), { comments: [listed(11, ours), listed(12, forged, mallory)] })
  const event = commentEdited(forged, 'mallory', 12)
  event.comment.user = { ...event.comment.user, ...mallory }

  const result = await runAction('issue_comment', event)

  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain(
    '::notice title=gitar-jira::Nothing to do: the edited comment by @mallory carries the gitar-jira marker but is not the gitar-jira comment of PR #2.'
  )
  expect(result.outputs['linked-issues']).toBeUndefined() // no run: no Jira request either
})

test("with a personal access token, a forged comment written before the action's own decides nothing either", async () => {
  const owner = tokenOwner('ana-lima')
  githubReads(prOpened(), {
    comments: [listed(10, forged, mallory), listed(11, ours, { login: 'ana-lima', type: 'User' })]
  })
  const event = commentEdited(forged, 'mallory', 10)
  event.comment.user = { ...event.comment.user, ...mallory }

  const result = await runAction('issue_comment', event, { 'github-token': PERSONAL_TOKEN })

  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain(
    '::notice title=gitar-jira::Ignored the comment by @mallory (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-10): it carries the gitar-jira marker but was not written with this `github-token` (@ana-lima), so its hidden state is not read.\n'
  )
  expect(result.stdout).toContain(
    '::notice title=gitar-jira::Nothing to do: the edited comment by @mallory carries the gitar-jira marker but is not the gitar-jira comment of PR #2.'
  )
  expect(result.outputs['linked-issues']).toBeUndefined() // no run: no Jira request either
  expect(owner.isDone()).toBe(true)
})

test.each([
  [
    'a comment that is not ours',
    'LGTM',
    'Codertocat',
    'the edited comment is not the gitar-jira comment'
  ],
  [
    'an edit by a bot (the action itself, with a token that triggers workflows)',
    ourComment(['- [x] <!-- gitar-jira:key ABC-9 --> x'], '{"v":1,"links":[]}'),
    'renovate[bot]',
    'the comment was edited by a bot'
  ],
  [
    'an edit that changed no box',
    ourComment(
      ['- [x] <!-- gitar-jira:key ABC-7 --> x'],
      '{"v":1,"links":[{"key":"ABC-7","via":"inferred"}]}'
    ),
    'Codertocat',
    'no checkbox of the gitar-jira comment changed'
  ]
])('%s: a notice and no request', async (_name, body, sender, reason) => {
  const result = await runAction('issue_comment', commentEdited(body, sender))
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain(`::notice title=gitar-jira::Nothing to do: ${reason}.`)
})

describe('an edit replayed after a later one (Re-run jobs, a redelivered webhook)', () => {
  const UNTICKED_AT = '2024-05-01T10:00:00Z'
  const TICKED_AT = '2024-05-01T10:05:00Z'
  const box = (ticked: boolean) => `- [${ticked ? 'x' : ' '}] <!-- gitar-jira:key ABC-7 -->`

  /** One run of a checkbox edit on comment 11 as GitHub lists it now; its update, if any, recorded. */
  async function runEdit(listedBody: string, editedBody: string, at: string) {
    const { update } = ourCommentListed(listedBody)
    const event = commentEdited(editedBody)
    event.comment.updated_at = at
    const result = await runAction('issue_comment', event)
    return { result, written: update.sent[0]?.body }
  }

  test('undoes nothing the later edit decided, and a rerun of the latest edit changes nothing', async () => {
    const first = ourComment(
      [`${box(true)} [ABC-7](x) Cart totals · 91% likely`],
      '{"v":1,"links":[{"key":"ABC-7","via":"inferred"}]}'
    )
    // U: the maintainer unticks the inferred ABC-7 (a state without decision times reads as before).
    const unticked = first.replace(box(true), box(false))
    const unlink = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, { issues: [jiraIssueJson('ABC-7', 'Cart totals')], issueErrors: [] })
      .delete('/rest/api/3/issue/ABC-7/remotelink')
      .query({ globalId: GLOBAL_ID })
      .reply(204)
    const u = await runEdit(first, unticked, UNTICKED_AT)
    expect(u.result.exitCode).toBe(0)
    expect(unlink.isDone()).toBe(true)
    const afterU = u.written!

    // T: then ticks it again, from the Dismissed list.
    const ticked = afterU.replace(box(false), box(true))
    const relink = recorder()
    const link = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, { issues: [jiraIssueJson('ABC-7', 'Cart totals')], issueErrors: [] })
      .post('/rest/api/3/issue/ABC-7/remotelink', relink.match)
      .reply(201, { id: 5, self: `${JIRA}/rest/api/3/issue/ABC-7/remotelink/5` })
    const t = await runEdit(afterU, ticked, TICKED_AT)
    expect(t.result.outputs['linked-issues']).toBe('["ABC-7"]')
    expect(link.isDone()).toBe(true)
    const afterT = t.written!
    expect(afterT).toContain(`${box(true)} [ABC-7]`)

    // U again: the link T made stays, and the comment is left as T made it.
    const removal = nock(JIRA)
      .delete('/rest/api/3/issue/ABC-7/remotelink')
      .query({ globalId: GLOBAL_ID })
      .reply(204)
    jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, { issues: [jiraIssueJson('ABC-7', 'Cart totals')], issueErrors: [] })
    const replay = await runEdit(afterT, unticked, UNTICKED_AT)
    expect(removal.isDone()).toBe(false)
    expect(replay.result.exitCode).toBe(0)
    expect(replay.written).toBeUndefined()
    expect(replay.result.stdout).toContain(
      `::notice title=gitar-jira::Nothing to do: the box of ABC-7 in this edit of the gitar-jira comment (${UNTICKED_AT}) was already decided by this edit or a later one (${TICKED_AT}): a rerun or a redelivered event of an earlier edit changes nothing.`
    )
    expect(replay.result.outputs['linked-issues']).toBeUndefined()

    // T again: the same.
    const rerun = await runEdit(afterT, ticked, TICKED_AT)
    expect(rerun.written).toBeUndefined()
    expect(rerun.result.stdout).toContain('Nothing to do: the box of ABC-7')
  })
})
