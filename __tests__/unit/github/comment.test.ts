import nock from 'nock'
import {
  api,
  bodies,
  clone,
  linkHeader,
  makeGitHub,
  openapi,
  rejection,
  REPO_PATH,
  servePages
} from './helpers.js'

const MARKER = '<!-- gitar-jira -->'
const COMMENTS = `${REPO_PATH}/issues/2/comments`
const example = openapi['issue-comment-items'][0]
const bot = { ...clone(example.user), login: 'github-actions[bot]', type: 'Bot' }

function comment(id: number, body: string, user: Record<string, unknown> = clone(example.user)) {
  return {
    ...clone(example),
    id,
    body,
    user,
    url: `https://api.github.com/repos/Codertocat/Hello-World/issues/comments/${id}`,
    html_url: `https://github.com/Codertocat/Hello-World/pull/2#issuecomment-${id}`
  }
}

function chatter(count: number, from = 1) {
  return Array.from({ length: count }, (_, i) => comment(from + i, `Looks good ${i}`))
}

describe('findComment', () => {
  it('finds the marked comment on the second page', async () => {
    const scope = api()
    servePages(scope, COMMENTS, [...chatter(100), comment(501, `${MARKER}\n## Jira`, bot)])
    const github = await makeGitHub()

    const found = await github.findComment(2, MARKER)

    expect(found).toEqual({
      id: 501,
      body: `${MARKER}\n## Jira`,
      url: 'https://github.com/Codertocat/Hello-World/pull/2#issuecomment-501',
      author: { login: 'github-actions[bot]', type: 'Bot' }
    })
    expect(scope.isDone()).toBe(true)
  })

  it("prefers the bot's comment to a user's copy of the marker, and stops there", async () => {
    const copy = comment(7, `Quoting: ${MARKER}`)
    // Page 1 links to page 2, which is not served: asking for it would fail the test.
    const scope = api()
      .get(COMMENTS)
      .query({ per_page: '100' })
      .reply(200, [copy, comment(8, MARKER, bot), ...chatter(98, 9)], {
        link: linkHeader(COMMENTS, 1, 2)
      })
    const github = await makeGitHub()

    expect((await github.findComment(2, MARKER))?.id).toBe(8)
    expect(scope.isDone()).toBe(true)
  })

  it("falls back to the first marked comment when no bot wrote one (a personal token's run)", async () => {
    const scope = api()
    servePages(scope, COMMENTS, [comment(3, 'hello'), comment(4, MARKER), comment(5, MARKER)])
    const github = await makeGitHub()

    expect((await github.findComment(2, MARKER))?.id).toBe(4)
    expect(scope.isDone()).toBe(true)
  })

  it('returns null when no comment carries the marker', async () => {
    const scope = api()
    servePages(scope, COMMENTS, chatter(3))
    const github = await makeGitHub()

    expect(await github.findComment(2, MARKER)).toBeNull()
    expect(scope.isDone()).toBe(true)
  })

  it('names the permission when GitHub hides the comments (404)', async () => {
    api().get(COMMENTS).query(true).reply(404, { message: 'Not Found' })
    const github = await makeGitHub()

    await expect(github.findComment(2, MARKER)).rejects.toThrow(
      'GitHub found nothing: GET /repos/Codertocat/Hello-World/issues/2/comments answered 404 ' +
        '(Not Found). Either it does not exist or the token needs `pull-requests: write` (or ' +
        '`issues: write`) permission'
    )
  })
})

describe('createComment and updateComment', () => {
  it('creates the comment when there is none', async () => {
    const { sent, match } = bodies()
    const scope = api()
      .post(COMMENTS, match)
      .reply(201, comment(901, `${MARKER}\nnew`, bot))
    const github = await makeGitHub()

    const created = await github.createComment(2, `${MARKER}\nnew`)

    expect(sent).toEqual([{ body: `${MARKER}\nnew` }])
    expect(created).toMatchObject({ id: 901, body: `${MARKER}\nnew` })
    expect(scope.isDone()).toBe(true)
  })

  it('edits the comment in place', async () => {
    const { sent, match } = bodies()
    const scope = api()
      .patch(`${REPO_PATH}/issues/comments/901`, match)
      .reply(200, comment(901, `${MARKER}\nedited`, bot))
    const github = await makeGitHub()

    const updated = await github.updateComment(901, `${MARKER}\nedited`)

    expect(sent).toEqual([{ body: `${MARKER}\nedited` }])
    expect(updated).toEqual({
      id: 901,
      body: `${MARKER}\nedited`,
      url: 'https://github.com/Codertocat/Hello-World/pull/2#issuecomment-901',
      author: { login: 'github-actions[bot]', type: 'Bot' }
    })
    expect(scope.isDone()).toBe(true)
  })

  it('names `pull-requests: write` when GitHub refuses the comment (403), once', async () => {
    const scope = api().post(COMMENTS).reply(403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403'
    })
    const github = await makeGitHub()

    const error = await rejection(github.createComment(2, 'x'))

    expect(error).toMatchObject({
      name: 'UserError',
      title: 'GitHub API',
      message:
        'GitHub refused: POST /repos/Codertocat/Hello-World/issues/2/comments answered 403 ' +
        '(Resource not accessible by integration); the token needs `pull-requests: write` (or ' +
        '`issues: write`) permission: add it under `permissions:` in the workflow, or pass a ' +
        '`github-token` that has it.'
    })
    // A 403 without rate-limit headers is not retried: one request only.
    expect(scope.isDone()).toBe(true)
  })
})

describe('updatePrTitle', () => {
  it('sends the new title when the title is still the one the run read', async () => {
    const { sent, match } = bodies()
    const scope = api()
      .get(`${REPO_PATH}/pulls/2`)
      .reply(200, { ...openapi['pull-request'], title: 'Update the README' })
      .patch(`${REPO_PATH}/pulls/2`, match)
      .reply(200, {})
    const github = await makeGitHub()

    expect(await github.updatePrTitle(2, 'ABC-12 Update the README', 'Update the README')).toBe(
      true
    )

    expect(sent).toEqual([{ title: 'ABC-12 Update the README' }])
    expect(scope.isDone()).toBe(true)
  })

  it("leaves an author's edit made since the run read the title alone", async () => {
    const scope = api()
      .get(`${REPO_PATH}/pulls/2`)
      .reply(200, { ...openapi['pull-request'], title: 'Update the README (typo fixed)' })
    const github = await makeGitHub()

    expect(await github.updatePrTitle(2, 'ABC-12 Update the README', 'Update the README')).toBe(
      false
    )
    expect(scope.isDone()).toBe(true)
    expect(nock.pendingMocks()).toEqual([])
  })
})
