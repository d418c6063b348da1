import { jest } from '@jest/globals'
import nock from 'nock'
import {
  ACTIONS_BOT,
  API_TOKEN,
  GITHUB,
  GITHUB_TOKEN,
  JIRA,
  PR_URL,
  REPO,
  githubReads,
  jiraFixture,
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
import { networkFailure } from '../helpers/network-failure.js'

const GLOBAL_ID = `gitar-jira:${PR_URL}`
/** suggest-reviewers has its own end-to-end tests (reviewers.test.ts): not these tests' subject. */
const NO_REVIEWERS = { 'suggest-reviewers': 'false' }

/** What the log shows: the runner consumes `::add-mask::` commands, the only place a secret may go. */
const shown = (stdout: string) => stdout.replace(/^::add-mask::.*$/gm, '')

function openedEvent(overrides: { title?: string; body?: string; branch?: string } = {}) {
  const event = webhook('pull_request', 'opened')
  Object.assign(event.pull_request, {
    title: overrides.title ?? 'ABC-1 Update the README',
    body: overrides.body ?? 'Relates to ABC-2. Encoded as UTF-8.',
    head: { ...event.pull_request.head, ref: overrides.branch ?? 'changes' }
  })
  return event
}

function bulkfetchAnswer(issues: ReturnType<typeof jiraIssueJson>[], unknown: string[]) {
  return {
    issues,
    issueErrors: unknown.map((id) => ({
      id,
      errorMessage: 'Issue does not exist or you do not have permission to see it.'
    }))
  }
}

/** The action's hidden comment with `state` and `text`, as it is listed. */
function listedComment(id: number, state: string, user: Json = ACTIONS_BOT, text = 'old') {
  return {
    id,
    body: `<!-- gitar-jira:comment -->\n${text}\n<!-- gitar-jira:state ${state} -->`,
    html_url: `${PR_URL}#issuecomment-${id}`,
    user
  }
}

/** An `edited` event: the title now `ABC-1 …`, the description empty. */
function editedEvent() {
  const event = webhook('pull_request', 'opened')
  event.action = 'edited'
  Object.assign(event.pull_request, { title: 'ABC-1 Update the README', body: '' })
  return event
}

/** An `edited` event on a PR with `comments`; comment 7's update recorded. */
function editedWith(comments: Json[], config?: string) {
  const event = editedEvent()
  const github = githubReads(event.pull_request, { comments, config })
  const update = recorder()
  github
    .patch(`${REPO}/issues/comments/7`, update.match)
    .reply(200, { ...comments.find((c) => c.id === 7), body: 'new' })
  return { event, github, update }
}

/** An `edited` event (title `ABC-1 …`) on a PR whose bot comment holds `state`; its update recorded. */
function editedWithComment(state: string, config?: string) {
  return editedWith([listedComment(7, state)], config)
}

describe('pull_request opened with explicit keys', () => {
  test('links each issue Jira confirms, comments on the PR, sets outputs and the summary', async () => {
    const event = openedEvent()
    const github = githubReads(event.pull_request)
    const comment = recorder()
    github.post(`${REPO}/issues/2/comments`, comment.match).reply(201, {
      id: 99,
      body: 'x',
      html_url: `${PR_URL}#issuecomment-99`,
      user: { login: 'github-actions[bot]', type: 'Bot' }
    })
    const fetched = recorder()
    const links = recorder()
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch', fetched.match)
      .reply(
        200,
        bulkfetchAnswer(
          [jiraIssueJson('ABC-1', 'Rewrite the README'), jiraIssueJson('ABC-2', 'Docs site')],
          ['UTF-8']
        )
      )
      .post('/rest/api/3/issue/ABC-1/remotelink', links.match)
      .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })
      .post('/rest/api/3/issue/ABC-2/remotelink', links.match)
      .reply(201, { id: 2, self: `${JIRA}/rest/api/3/issue/ABC-2/remotelink/2` })

    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(0)
    expect(fetched.sent[0]).toMatchObject({ issueIdsOrKeys: ['ABC-1', 'ABC-2', 'UTF-8'] })
    expect(links.sent).toEqual([
      {
        globalId: GLOBAL_ID,
        application: { type: 'com.github', name: 'GitHub' },
        relationship: 'pull request',
        object: expect.objectContaining({
          url: PR_URL,
          title: 'Codertocat/Hello-World#2: ABC-1 Update the README',
          summary: 'Pull request open · resolves this issue'
        })
      },
      expect.objectContaining({
        globalId: GLOBAL_ID,
        object: expect.objectContaining({ summary: 'Pull request open' })
      })
    ])
    const body = (comment.sent[0] as { body: string }).body
    expect(body).toContain('<!-- gitar-jira:comment -->')
    expect(body).toContain(
      `| [ABC-1](${JIRA}/browse/ABC-1) | Rewrite the README | In Progress | Mia Krystof | resolves · title |`
    )
    expect(body).toContain(
      `| [ABC-2](${JIRA}/browse/ABC-2) | Docs site | In Progress | Mia Krystof | references · description |`
    )
    expect(body).not.toContain('UTF-8')
    expect(result.outputs).toEqual({
      'linked-issues': '["ABC-1","ABC-2"]',
      'suggested-reviewers': '[]',
      'follow-up-issues': '[]',
      'comment-url': `${PR_URL}#issuecomment-99`
    })
    expect(result.summary).toContain('## gitar-jira: Codertocat/Hello-World#2')
    expect(result.summary).toContain('| [ABC-1]')
    expect(shown(result.stdout)).not.toContain(API_TOKEN)
    expect(shown(result.stdout)).not.toContain(GITHUB_TOKEN)
    expect(github.isDone() && jira.isDone()).toBe(true)
  })

  test('an edit that drops a key removes its link and updates the comment in place; a rerun of it writes nothing', async () => {
    const { event, github, update } = editedWithComment(
      '{"v":1,"links":[{"key":"ABC-1","via":"explicit"},{"key":"ABC-2","via":"explicit"}]}'
    )
    const readme = () => bulkfetchAnswer([jiraIssueJson('ABC-1', 'Rewrite the README')], [])
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, readme())
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .reply(200, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })
      .delete('/rest/api/3/issue/ABC-2/remotelink')
      .query({ globalId: GLOBAL_ID })
      .reply(204)

    const result = await runAction('pull_request', event)

    expect(result.exitCode).toBe(0)
    const body = (update.sent[0] as { body: string }).body
    expect(result.summary).toContain('Unlinked on this run: ABC-2')
    expect(result.stdout).toContain(`remove the link from ABC-2 to ${PR_URL}: done`)
    // The PR comment shows what is linked, not what this run did: a rerun leaves it as it is.
    expect(body).not.toContain('Unlinked')
    expect(body).toContain('{"key":"ABC-1","via":"explicit","h":')
    expect(body).not.toContain('"ABC-2"')
    expect(github.isDone() && jira.isDone()).toBe(true)

    // Re-run jobs: the same event, on the comment the first run wrote.
    const again = editedWith([{ ...listedComment(7, '{}'), body }])
    const jiraAgain = jiraMyself().post('/rest/api/3/issue/bulkfetch').reply(200, readme())

    const rerun = await runAction('pull_request', event)

    expect(rerun.exitCode).toBe(0)
    expect(again.update.sent).toEqual([])
    expect(jiraAgain.isDone()).toBe(true)
  })

  test("a PR event keeps the times of a maintainer's checkbox decisions in the hidden state", async () => {
    const decided = '"decided":{"ABC-9":"2024-05-01T10:00:00Z"}'
    const { event, github, update } = editedWithComment(
      `{"v":1,"links":[{"key":"ABC-1","via":"explicit"}],"rejected":["ABC-9"],${decided}}`
    )
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, bulkfetchAnswer([jiraIssueJson('ABC-1', 'Rewrite the README')], ['ABC-9']))
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .reply(200, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })

    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(0)
    expect((update.sent[0] as { body: string }).body).toContain(decided)
    expect(github.isDone() && jira.isDone()).toBe(true)
  })

  test('keys of the hidden state outside jira.projects are left alone: no link of theirs is removed', async () => {
    const { event, github, update } = editedWithComment(
      '{"v":1,"links":[{"key":"ABC-1","via":"explicit"},{"key":"OPS-7","via":"explicit"}]}',
      'jira:\n  projects: [ABC]\n'
    )
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, bulkfetchAnswer([jiraIssueJson('ABC-1', 'Rewrite the README')], []))
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .reply(200, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })

    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(0)
    const body = (update.sent[0] as { body: string }).body
    expect(body).not.toContain('OPS-7')
    expect(github.isDone() && jira.isDone()).toBe(true)
  })

  test('a key outside jira.projects: one note says why it is not linked, and its letters infer nothing', async () => {
    const { event, github, update } = editedWithComment(
      '{"v":1,"links":[]}',
      'jira:\n  projects: [OPS]\n'
    )
    // ABC-1 is never asked for; the search for key-less candidates finds an issue naming ABC.
    const abc = jiraIssueJson('OPS-1', 'ABC storefront outage', 'To Do')
    jiraMyself()
      .get('/rest/api/3/search/jql')
      .query(true)
      .times(5)
      .reply(200, { issues: [abc], isLast: true })

    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(0)
    // As markdown, the config key is code; the rest is escaped (escapeCell). The annotation is plain.
    const note =
      'ABC-1 is not linked: project ABC is not in `jira.projects` \\(OPS\\) of .github/gitar-jira.yml.'
    const body = (update.sent[0] as { body: string }).body
    expect(body).toContain(`- ⚠️ ${note}`)
    expect(result.summary).toContain(note)
    expect(result.stdout).toContain(
      '::warning title=gitar-jira auto-link::ABC-1 is not linked: project ABC is not in `jira.projects` (OPS) of .github/gitar-jira.yml.'
    )
    expect(body).not.toContain('OPS-1')
    expect(github.isDone()).toBe(true)
    nock.cleanAll()
  })

  test('a project of jira.projects that Jira does not have: a config error on its line, even with fail-on-error: false', async () => {
    const event = openedEvent({ title: 'Update the README', body: '' })
    const github = githubReads(event.pull_request, { config: 'jira:\n  projects: [ABC, ABX]\n' })
    const comment = recorder<{ body: string }>()
    github.post(`${REPO}/issues/2/comments`, comment.match).reply(201, {
      id: 99,
      body: 'x',
      html_url: `${PR_URL}#issuecomment-99`,
      user: ACTIONS_BOT
    })
    jiraMyself()
      .get('/rest/api/3/search/jql')
      .query(true)
      .times(5)
      .reply(400, {
        errorMessages: ["The value 'ABX' does not exist for the field 'project'."],
        warningMessages: []
      })

    const result = await runAction('pull_request', event, {
      ...NO_REVIEWERS,
      'fail-on-error': 'false'
    })

    const said =
      'jira.projects in .github/gitar-jira.yml (line 2): Jira has no project ABX (or the account cannot see it), so key-less linking could not search for candidates; the issues the PR names are linked as usual.'
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::(error|warning).*$/gm)).toEqual([
      `::error title=Invalid gitar-jira config,file=.github/gitar-jira.yml,line=2,col=19::auto-link: ${said}`
    ])
    expect(comment.sent[0]!.body).toContain('> - **auto-link**: jira.projects in')
    expect(github.isDone()).toBe(true)
    nock.cleanAll()
  })

  test('a hidden state edited into broken JSON: one warning, and the run goes on from the keys the PR names', async () => {
    const { event, github, update } = editedWithComment('{"v":1,"links":[{"key":"ABC-9"')
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, bulkfetchAnswer([jiraIssueJson('ABC-1', 'Rewrite the README')], []))
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .reply(200, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })

    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /^::warning title=gitar-jira::The hidden state at the end of gitar-jira's PR comment could not be read/m
    )
    expect((update.sent[0] as { body: string }).body).toContain(
      '{"key":"ABC-1","via":"explicit","h":'
    )
    expect(github.isDone() && jira.isDone()).toBe(true)
  })

  test('dry-run reads everything and writes nothing', async () => {
    const event = openedEvent()
    const github = githubReads(event.pull_request)
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(
        200,
        bulkfetchAnswer([jiraIssueJson('ABC-1', 'Rewrite the README')], ['ABC-2', 'UTF-8'])
      )

    const result = await runAction('pull_request', event, { ...NO_REVIEWERS, 'dry-run': 'true' })

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      '[dry-run] would link ABC-1 to https://github.com/Codertocat/Hello-World/pull/2'
    )
    expect(result.summary).toContain('(dry run)')
    // The URL is text, as every value in the list: a link would need it unbroken.
    expect(result.summary).toContain(
      '- would link ABC-1 to https:/\u200b/github.com/Codertocat/Hello-World/pull/2'
    )
    expect(result.outputs['linked-issues']).toBe('["ABC-1"]')
    // Any write would have met no interceptor and failed the run.
    expect(github.isDone() && jira.isDone()).toBe(true)
    expect(nock.pendingMocks()).toEqual([])
  })

  test('one failing write fails the step once, after the others ran, and the comment says so', async () => {
    const event = openedEvent()
    const github = githubReads(event.pull_request)
    const comment = recorder()
    github.post(`${REPO}/issues/2/comments`, comment.match).reply(201, {
      id: 99,
      body: 'x',
      html_url: `${PR_URL}#issuecomment-99`
    })
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(
        200,
        bulkfetchAnswer([jiraIssueJson('ABC-1', 'Readme'), jiraIssueJson('ABC-2', 'Docs')], [])
      )
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .reply(403, jiraFixture('error-403'))
      .post('/rest/api/3/issue/ABC-2/remotelink')
      .reply(201, { id: 2, self: `${JIRA}/rest/api/3/issue/ABC-2/remotelink/2` })

    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error/gm)).toHaveLength(1)
    expect(result.stdout).toMatch(/^::error::gitar-jira: 1 failure\(s\)%0Aauto-link: /m)
    expect((comment.sent[0] as { body: string }).body).toContain('> - **auto-link**:')
    expect(github.isDone() && jira.isDone()).toBe(true)
  })
})

describe("the PR comment is the action's own: a person's copy of its marker is ignored", () => {
  /** Someone's comment carrying the marker and a state that would unlink ABC-2 if it were read. */
  const copy = listedComment(
    6,
    '{"v":1,"links":[{"key":"ABC-1","via":"explicit"},{"key":"ABC-2","via":"explicit"}]}',
    { login: 'mallory', type: 'User' },
    'pasted'
  )
  const OWN_STATE = '{"v":1,"links":[{"key":"ABC-1","via":"explicit"}]}'
  const IGNORED =
    '::notice title=gitar-jira::Ignored the comment by @mallory (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-6): it carries the gitar-jira marker but '
  const PAT = { ...NO_REVIEWERS, 'github-token': PERSONAL_TOKEN }

  /** ABC-1 read and its link refreshed; nothing else (an ABC-2 unlink would meet no interceptor). */
  const jiraLinksAbc1 = () =>
    jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, bulkfetchAnswer([jiraIssueJson('ABC-1', 'Rewrite the README')], []))
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .reply(200, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })

  /** The run has no comment of its own to edit: it creates one, recorded. */
  function createsComment(github: nock.Scope) {
    const created = recorder()
    github
      .post(`${REPO}/issues/2/comments`, created.match)
      .reply(201, { id: 99, body: 'x', html_url: `${PR_URL}#issuecomment-99` })
    return created
  }

  test("a personal access token: the token owner's comment is edited, not the copy written before it", async () => {
    const owner = tokenOwner('ana-lima')
    const { event, github, update } = editedWith([
      copy,
      listedComment(7, OWN_STATE, { login: 'ana-lima', type: 'User' })
    ])
    const jira = jiraLinksAbc1()

    const result = await runAction('pull_request', event, PAT)

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      `${IGNORED}was not written with this \`github-token\` (@ana-lima), so its hidden state is not read.\n`
    )
    const body = (update.sent[0] as { body: string }).body
    expect(body).toContain('{"key":"ABC-1","via":"explicit","h":')
    expect(body).not.toContain('ABC-2')
    expect(result.outputs['comment-url']).toBe(`${PR_URL}#issuecomment-7`)
    expect(shown(result.stdout)).not.toContain(PERSONAL_TOKEN)
    expect(github.isDone() && owner.isDone() && jira.isDone()).toBe(true)
  })

  test("a personal access token and only someone else's copy: a new comment, the copy's state unread", async () => {
    const owner = tokenOwner('ana-lima')
    const event = editedEvent()
    const github = githubReads(event.pull_request, { comments: [copy] })
    const created = createsComment(github)
    const jira = jiraLinksAbc1()

    const result = await runAction('pull_request', event, PAT)

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      `${IGNORED}was not written with this \`github-token\` (@ana-lima), so its hidden state is not read. gitar-jira's report goes to a new comment.\n`
    )
    const body = (created.sent[0] as { body: string }).body
    expect(body).toContain('{"key":"ABC-1","via":"explicit","h":')
    expect(body).not.toContain('ABC-2')
    expect(result.outputs['comment-url']).toBe(`${PR_URL}#issuecomment-99`)
    expect(github.isDone() && owner.isDone() && jira.isDone()).toBe(true)
  })

  test('GITHUB_TOKEN: the bot comment is edited, with no request beyond the usual ones', async () => {
    const { event, github, update } = editedWith([copy, listedComment(7, OWN_STATE)])
    const jira = jiraLinksAbc1()

    // A GET /user would meet no interceptor and fail the run.
    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toContain('Ignored the comment')
    expect((update.sent[0] as { body: string }).body).not.toContain('ABC-2')
    expect(github.isDone() && jira.isDone()).toBe(true)
    expect(nock.pendingMocks()).toEqual([])
  })

  test("GITHUB_TOKEN and only a person's copy: GET /user is refused, and a new comment is made", async () => {
    const owner = tokenOwner(null)
    const event = editedEvent()
    const github = githubReads(event.pull_request, { comments: [copy] })
    const created = createsComment(github)
    const jira = jiraLinksAbc1()

    const result = await runAction('pull_request', event, NO_REVIEWERS)

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      `${IGNORED}was written by a person, and GitHub did not say whose this \`github-token\` is (GET /user answered 403; \`GITHUB_TOKEN\` and GitHub Apps comment as bots), so its hidden state is not read. gitar-jira's report goes to a new comment.\n`
    )
    expect((created.sent[0] as { body: string }).body).not.toContain('ABC-2')
    expect(github.isDone() && owner.isDone() && jira.isDone()).toBe(true)
  })
})

describe('Jira failing on what every rule needs (the linked issues)', () => {
  afterEach(() => jest.restoreAllMocks())

  const failingRun = async (failOnError: string, status = 400) => {
    const event = openedEvent()
    githubReads(event.pull_request)
    jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .times(status >= 500 ? 5 : 1)
      .reply(status, { errorMessages: ['Something went wrong'], errors: {} })
    return runAction('pull_request', event, { ...NO_REVIEWERS, 'fail-on-error': failOnError })
  }

  test('Jira down after the retries: one error that says so, under its own title', async () => {
    quickBackoff()
    const result = await failingRun('true', 503)
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error.*$/gm)).toEqual([
      expect.stringMatching(/^::error title=Jira API::Jira at .* is unavailable: could not .*503/)
    ])
    expect(result.stdout).not.toContain('failed unexpectedly')
  })

  test('fails the step with one error by default', async () => {
    const result = await failingRun('true')
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error/gm)).toHaveLength(1)
    expect(result.stdout).toContain('Something went wrong')
  })

  test('with fail-on-error: false, one warning and a green step: an outage does not block PRs', async () => {
    const result = await failingRun('false')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toMatch(/^::error/m)
    expect(result.stdout).toMatch(
      /^::warning title=gitar-jira \(fail-on-error%3A false\)::gitar-jira stopped: .*Something went wrong/m
    )
  })
})

describe('a page in place of the linked issues (a proxy, a firewall, a sign-in page answering 200)', () => {
  const BLOCKED =
    '<!DOCTYPE html><html><head><title>Request blocked</title></head><body>Access denied</body></html>'

  /** An edit of a PR whose earlier runs linked ABC-1 and ABC-2; Jira's issue read answers `BLOCKED`. */
  const blockedRun = (failOnError: string) => {
    const event = editedEvent()
    const github = githubReads(event.pull_request, {
      comments: [
        listedComment(
          7,
          '{"v":1,"links":[{"key":"ABC-1","via":"explicit"},{"key":"ABC-2","via":"explicit"}]}'
        )
      ]
    })
    const jira = jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, BLOCKED, { 'Content-Type': 'text/html; charset=utf-8' })
    return {
      github,
      jira,
      run: runAction('pull_request', event, { ...NO_REVIEWERS, 'fail-on-error': failOnError })
    }
  }

  const MESSAGE = `Jira at ${JIRA} answered POST /rest/api/3/issue/bulkfetch with an HTML page (“Request blocked”) instead of Jira's JSON (a proxy, firewall or single sign-on page in front of Jira?), so the action could not read issues.`

  test('is no "these issues do not exist": one error, no link removed, the comment untouched', async () => {
    const { github, jira, run } = blockedRun('true')
    const result = await run
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error.*$/gm)).toEqual([`::error title=Jira API::${MESSAGE}`])
    expect(result.stdout).not.toContain('Unlinked')
    expect(result.outputs['linked-issues']).toBeUndefined()
    // A DELETE of a remote link or an edit of the comment would have met no interceptor.
    expect(github.isDone() && jira.isDone()).toBe(true)
    expect(nock.pendingMocks()).toEqual([])
  })

  test('with fail-on-error: false, one warning and nothing written', async () => {
    const { github, jira, run } = blockedRun('false')
    const result = await run
    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toMatch(/^::error/m)
    expect(result.stdout).toContain(`gitar-jira stopped: ${MESSAGE}`)
    expect(github.isDone() && jira.isDone()).toBe(true)
    expect(nock.pendingMocks()).toEqual([])
  })
})

describe('GitHub failing on what every rule needs (the PR itself)', () => {
  beforeEach(quickBackoff)
  afterEach(() => jest.restoreAllMocks())

  /** A run whose `GET /pulls/2` always gets `answer` (persisted: every retry too). */
  const failingRun = async (answer: (pr: nock.Interceptor) => nock.Scope, failOnError: string) => {
    const event = openedEvent()
    answer(nock(GITHUB).persist().get(`${REPO}/pulls/2`))
    githubReads(event.pull_request)
    jiraMyself()
    return runAction('pull_request', event, { ...NO_REVIEWERS, 'fail-on-error': failOnError })
  }
  const down = (pr: nock.Interceptor) => pr.reply(502, { message: 'Server Error' })
  const DOWN_MESSAGE =
    `GitHub failed: GET ${REPO}/pulls/2 answered 502 (Server Error), even after retries. ` +
    'See https://www.githubstatus.com and rerun the job.'
  const WARNING = '::warning title=gitar-jira (fail-on-error%3A false)::gitar-jira stopped: '

  test('down after the retries: fails the step with one error that says so, by default', async () => {
    const result = await failingRun(down, 'true')
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error/gm)).toHaveLength(1)
    expect(result.stdout).toContain(`::error title=GitHub API::${DOWN_MESSAGE}`)
  })

  test.each([
    ['answering 502 after the retries', down, DOWN_MESSAGE],
    [
      'rate-limited for longer than a run waits',
      (pr: nock.Interceptor) =>
        pr.reply(
          403,
          { message: 'API rate limit exceeded for installation ID 1.' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4102444800' }
        ),
      `GitHub's rate limit stopped the run: GET ${REPO}/pulls/2 answered 403 (API rate limit ` +
        'exceeded for installation ID 1.). It resets at 2100-01-01T00:00:00.000Z. Rerun the job later.'
    ],
    [
      'out of reach after the retries',
      (pr: nock.Interceptor) => pr.replyWithError(networkFailure()),
      `GitHub was not reached: GET ${REPO}/pulls/2 got no answer (connect ECONNREFUSED ` +
        "140.82.112.6:443), even after retries. Check the runner's network and " +
        'https://www.githubstatus.com, then rerun the job.'
    ]
  ])('%s, with fail-on-error: false: one warning and a green step', async (_, answer, message) => {
    const result = await failingRun(answer, 'false')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toMatch(/^::error/m)
    expect(result.stdout).toContain(`${WARNING}${message}`)
  })

  test('a permission missing still fails the step with fail-on-error: false: only a person can fix it', async () => {
    const result = await failingRun(
      (pr) => pr.reply(403, { message: 'Resource not accessible by integration' }),
      'false'
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error/gm)).toHaveLength(1)
    expect(result.stdout).toMatch(
      /^::error title=GitHub API::GitHub refused: .*pull-requests: read/m
    )
    expect(result.stdout).not.toContain(WARNING)
  })
})

describe('fail-on-error: false and a write Jira refuses after the credential check', () => {
  beforeEach(quickBackoff)
  afterEach(() => jest.restoreAllMocks())

  /** PR `ABC-1 …`: Jira confirms the issue, then answers its remote link with `status`. */
  const refusedLink = async (status: number, body: Json, failOnError = 'false') => {
    const event = openedEvent({ body: '' })
    const github = githubReads(event.pull_request)
    github.post(`${REPO}/issues/2/comments`).reply(201, {
      id: 99,
      body: 'x',
      html_url: `${PR_URL}#issuecomment-99`,
      user: ACTIONS_BOT
    })
    jiraMyself()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, bulkfetchAnswer([jiraIssueJson('ABC-1', 'Rewrite the README')], []))
      .post('/rest/api/3/issue/ABC-1/remotelink')
      .times(status === 503 ? 5 : 1)
      .reply(status, body)
    return runAction('pull_request', event, { ...NO_REVIEWERS, 'fail-on-error': failOnError })
  }
  const WARNING_TITLE = '::warning title=gitar-jira (fail-on-error%3A false)::'

  test.each([
    [
      'a credential Jira rejects on a write (401)',
      401,
      /rejected the credential in 'jira-email' and 'jira-api-token' \(401 Unauthorized\) when trying to write remote links/
    ],
    [
      'a permission missing for a write (403)',
      403,
      /refused to write remote links \(403 Forbidden\): the account behind .* needs the 'Browse projects and Link issues' permission/
    ]
  ])('%s is a mistake to fix: the step fails, with one error', async (_, status, said) => {
    const result = await refusedLink(status, { errorMessages: ['No.'], errors: {} })
    expect(result.exitCode).toBe(1)
    const errors = result.stdout.match(/^::error.*$/gm) ?? []
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^::error::gitar-jira: 1 failure\(s\)%0Aauto-link: Jira at .*/)
    expect(errors[0]).toMatch(said)
    expect(errors[0]).toContain('fail the step even with fail-on-error: false')
    expect(result.stdout).not.toContain(WARNING_TITLE)
  })

  test('Jira down for the write after the retries is a warning, and the step stays green', async () => {
    const result = await refusedLink(503, { errorMessages: ['Service Unavailable'], errors: {} })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toMatch(/^::error/m)
    expect(result.stdout).toMatch(
      /^::warning title=gitar-jira \(fail-on-error%3A false\)::auto-link: Jira at .* is unavailable: could not write remote links \(503/m
    )
  })
})

describe('stops before writing anything', () => {
  test('a config error is one annotation on the file line, and nothing is written', async () => {
    const event = openedEvent()
    const github = githubReads(event.pull_request, {
      config: 'rules:\n  auto-link:\n    min-confidence: high\n'
    })
    jiraMyself() // the credential check only reads, so it runs beside the GitHub reads

    const result = await runAction('pull_request', event)

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      '::error title=Invalid gitar-jira config,file=.github/gitar-jira.yml,line=3,col=5::.github/gitar-jira.yml:3: rules.auto-link.min-confidence must be a number between 0 and 1, got "high"'
    )
    expect(result.stdout.match(/^::error/gm)).toHaveLength(1)
    expect(github.isDone()).toBe(true)
  })

  test('a token Jira serves as anonymous stops the run with one error and no comment', async () => {
    const event = openedEvent()
    githubReads(event.pull_request)
    nock(JIRA).get('/rest/api/3/myself').reply(200, jiraFixture('myself-anonymous'), {
      'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED'
    })

    const result = await runAction('pull_request', event)

    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error/gm)).toHaveLength(1)
    expect(result.stdout).toMatch(/jira-api-token/)
    expect(shown(result.stdout)).not.toContain(API_TOKEN)
  })

  test('half-filled OAuth inputs next to a token: one error naming the inputs, no request at all', async () => {
    const event = openedEvent()
    const result = await runAction('pull_request', event, { 'jira-oauth-client-id': 'abc' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error/gm)).toHaveLength(1)
    expect(result.stdout).toMatch(/jira-oauth-client-secret/)
  })

  test('a token with a line break inside (a bad paste): the input named, the token never shown', async () => {
    const broken = 'jira-pat-part-one\npart-two'
    const result = await runAction('pull_request', openedEvent(), {
      'jira-email': '',
      'jira-api-token': broken
    })
    expect(result.exitCode).toBe(1)
    expect(shown(result.stdout)).toContain(
      "::error title=Invalid input::Input 'jira-api-token' has a line break or another control character inside it"
    )
    expect(shown(result.stdout)).not.toContain('part-one')
    expect(nock.pendingMocks()).toEqual([])
  })

  test('every input mistake at once: one annotation each, nothing asked of Jira or GitHub', async () => {
    const result = await runAction('pull_request', openedEvent(), {
      'auto-link': 'on',
      'dry-run': 'yes',
      'fail-on-error': 'nope'
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout.match(/^::error.*$/gm)).toEqual([
      "::error title=Invalid input::Input 'auto-link' must be 'true' or 'false', got 'on'.",
      "::error title=Invalid input::Input 'dry-run' must be 'true' or 'false', got 'yes'.",
      "::error title=Invalid input::Input 'fail-on-error' must be 'true' or 'false', got 'nope'."
    ])
    expect(nock.pendingMocks()).toEqual([])
  })

  test('a personal access token with a character no header carries: the input named, the token never shown', async () => {
    const result = await runAction('pull_request', openedEvent(), {
      'jira-email': '',
      'jira-api-token': 'pat-wïth-ümlauts-never-print'
    })
    expect(result.exitCode).toBe(1)
    expect(shown(result.stdout)).toContain(
      "Input 'jira-api-token' has a character no personal access token has"
    )
    expect(shown(result.stdout)).not.toContain('never-print')
  })

  test('a jira-url that is not a URL names the input', async () => {
    const result = await runAction('pull_request', openedEvent(), {
      'jira-url': 'acme.atlassian.net'
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/::error.*jira-url/)
  })
})

describe('events it does not act on end with a notice and exit code 0', () => {
  test('a tag push', async () => {
    const result = await runAction('push', webhook('push', undefined as never) ?? {})
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      '::notice title=gitar-jira::Nothing to do: the run is not on a branch of a repository.'
    )
  })

  test('a release event', async () => {
    const result = await runAction('release', webhook('release', 'published'))
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      "::notice title=gitar-jira::Nothing to do: gitar-jira does not handle 'release' events."
    )
  })

  test('a fork PR under pull_request, where secrets are empty', async () => {
    const event = openedEvent()
    event.pull_request.head.repo = {
      ...event.pull_request.head.repo,
      full_name: 'forker/Hello-World'
    }
    const result = await runAction('pull_request', event, {
      'jira-api-token': '',
      'jira-email': '',
      'jira-url': ''
    })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      '::notice title=gitar-jira::Nothing to do: this PR runs without repository secrets'
    )
  })

  test('an issue comment that is not an edit', async () => {
    const result = await runAction('issue_comment', webhook('issue_comment', 'created'))
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      '::notice title=gitar-jira::Nothing to do: only edited comments are handled.'
    )
  })
})

test('the GitHub API base comes from GITHUB_API_URL', () => {
  expect(GITHUB).toBe('https://api.github.test')
})
