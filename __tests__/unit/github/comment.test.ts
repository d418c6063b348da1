import nock from 'nock'
import {
  api,
  bodies,
  clone,
  core,
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

function comment(
  id: number,
  body: string,
  user: Record<string, unknown> | null = clone(example.user)
) {
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

  it("prefers the bot's comment to a user's copy of the marker, and stops there (no GET /user either)", async () => {
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

  describe("with no bot's comment (a personal access token's run), GET /user says whose is ours", () => {
    const ana = { ...clone(example.user), login: 'ana-lima', type: 'User' }
    const mallory = { ...clone(example.user), login: 'mallory', type: 'User' }
    const tokenOwner = (scope: nock.Scope, login: string) =>
      scope
        .get('/user')
        .reply(200, { ...openapi['private-user-response-with-public-profile-information'], login })
    const noticed = () => core.notice.mock.calls.map(([text]) => String(text))

    beforeEach(() => core.notice.mockClear())

    it("takes the token owner's comment, not a person's copy of the marker written before it", async () => {
      const copy = comment(4, `${MARKER} <!-- gitar-jira:state {"v":1,"links":[]} -->`, mallory)
      const scope = api()
      servePages(scope, COMMENTS, [
        comment(3, 'hello'),
        copy,
        comment(5, MARKER, ana),
        comment(8, `Quoting: ${MARKER}`, ana) // the first of the owner's is the one
      ])
      tokenOwner(scope, 'Ana-Lima') // GitHub logins are case-insensitive
      const github = await makeGitHub()

      expect(await github.findComment(2, MARKER)).toMatchObject({
        id: 5,
        author: { login: 'ana-lima', type: 'User' }
      })
      expect(scope.isDone()).toBe(true)
      expect(noticed()).toEqual([
        'Ignored the comment by @mallory (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-4): it carries the gitar-jira marker but was not written with this `github-token` (@Ana-Lima), so its hidden state is not read.'
      ])
      expect(core.notice).toHaveBeenCalledWith(expect.anything(), { title: 'gitar-jira' })
    })

    it('takes none when only others wrote the marker: the run makes a new comment', async () => {
      const scope = api()
      servePages(scope, COMMENTS, [
        comment(4, `${MARKER}\n::error::forged`, mallory),
        comment(6, MARKER, { ...mallory, login: 'eve' }),
        comment(7, MARKER, null)
      ])
      tokenOwner(scope, 'ana-lima')
      const github = await makeGitHub()

      expect(await github.findComment(2, MARKER)).toBeNull()
      expect(scope.isDone()).toBe(true)
      const [notice] = noticed()
      expect(noticed()).toHaveLength(1)
      expect(notice).toBe(
        'Ignored the comments by @mallory (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-4), ' +
          '@eve (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-6), ' +
          'a deleted account (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-7): ' +
          "they carry the gitar-jira marker but were not written with this `github-token` (@ana-lima), so their hidden state is not read. gitar-jira's report goes to a new comment."
      )
      expect(notice).not.toContain('forged')
    })

    it('takes none when GitHub will not say whose the token is (403): none can be told to be ours', async () => {
      const scope = api()
      servePages(scope, COMMENTS, [comment(4, MARKER, mallory)])
      scope.get('/user').reply(403, { message: 'Resource not accessible by integration' })
      const github = await makeGitHub()

      expect(await github.findComment(2, MARKER)).toBeNull()
      expect(scope.isDone()).toBe(true)
      expect(noticed()).toEqual([
        "Ignored the comment by @mallory (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-4): it carries the gitar-jira marker but was written by a person, and GitHub did not say whose this `github-token` is (GET /user answered 403; `GITHUB_TOKEN` and GitHub Apps comment as bots), so its hidden state is not read. gitar-jira's report goes to a new comment."
      ])
    })

    describe('a token not of an app (no `ghs_` prefix)', () => {
      const personal = () => makeGitHub({ token: 'github_pat_11ANA0000000000000000000' })
      const echo = { ...bot, login: 'echo-bot[bot]' }

      it("a personal token takes its owner's comment, not another bot's copy of the marker written before it", async () => {
        const forged = comment(4, `${MARKER} <!-- gitar-jira:state {"v":1,"links":[]} -->`, echo)
        const scope = api()
        servePages(scope, COMMENTS, [forged, comment(5, MARKER, ana)])
        tokenOwner(scope, 'ana-lima')
        const github = await personal()

        expect((await github.findComment(2, MARKER))?.id).toBe(5)
        expect(scope.isDone()).toBe(true)
        expect(noticed()).toEqual([
          'Ignored the comment by @echo-bot[bot] (https://github.com/Codertocat/Hello-World/pull/2#issuecomment-4): it carries the gitar-jira marker but was not written with this `github-token` (@ana-lima), so its hidden state is not read.'
        ])
      })

      it('a token GitHub will not name (an app in another format) acts as a bot: the first bot comment is taken', async () => {
        const scope = api()
        servePages(scope, COMMENTS, [comment(3, MARKER, mallory), comment(5, MARKER, bot)])
        scope.get('/user').reply(403, { message: 'Resource not accessible by integration' })
        const github = await personal()

        expect((await github.findComment(2, MARKER))?.id).toBe(5)
        expect(scope.isDone()).toBe(true)
      })
    })

    it.each([
      [
        'GitHub down after retries',
        502,
        { message: 'Bad Gateway' },
        {},
        'GitHub failed: GET /user answered 502 (Bad Gateway), even after retries.'
      ],
      [
        'a rate limit (a 403 that is not a refusal)',
        403,
        { message: 'API rate limit exceeded for user ID 1.' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(2 ** 31) },
        "GitHub's rate limit stopped the run: GET /user answered 403"
      ]
    ])(
      'fails as any read does on %s: no comment is taken or ignored',
      async (_, status, body, headers, error) => {
        const scope = api()
        servePages(scope, COMMENTS, [comment(5, MARKER, ana)])
        scope.get('/user').times(2).reply(status, body, headers)
        const github = await makeGitHub({ retries: 1, rateLimitRetries: 1 })

        await expect(github.findComment(2, MARKER)).rejects.toThrow(error)
        expect(noticed()).toEqual([])
      }
    )
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
