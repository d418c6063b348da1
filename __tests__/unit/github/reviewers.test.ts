/**
 * The GitHub adapter at the HTTP boundary for suggest-reviewers: the permission check, the
 * commit-author lookup, the public profile, and the review request with GitHub's 422 refusals.
 */
import {
  api,
  bodies,
  clone,
  makeGitHub,
  openapi,
  OWNER,
  REPO,
  REPO_PATH,
  rejection
} from './helpers.js'

const permissionAnswer = (login: string, permission: string, role = permission) => ({
  permission,
  role_name: role,
  user: { login, id: 1, type: 'User', site_admin: false }
})

function commit(login: string | null, email: string) {
  const c = clone(openapi['commit-items'][0])
  c.author = login === null ? null : { ...c.author, login }
  c.commit.author = { ...c.commit.author, email }
  return c
}

describe('getPermission: GET …/collaborators/{login}/permission', () => {
  it.each([
    ['admin', 'admin'],
    ['write', 'write'],
    ['read', 'read'],
    ['none', 'none']
  ])('%s', async (answer, expected) => {
    const scope = api()
      .get(`${REPO_PATH}/collaborators/eliromero/permission`)
      .reply(200, permissionAnswer('eliromero', answer))
    const github = await makeGitHub()
    expect(await github.getPermission('eliromero')).toBe(expected)
    expect(scope.isDone()).toBe(true)
  })

  it('an unknown login (404) has no access', async () => {
    api().get(`${REPO_PATH}/collaborators/nobody/permission`).reply(404, { message: 'Not Found' })
    expect(await (await makeGitHub()).getPermission('nobody')).toBe('none')
  })

  it('a refusal names the permission to add', async () => {
    api()
      .get(`${REPO_PATH}/collaborators/eliromero/permission`)
      .reply(403, { message: 'Resource not accessible by integration' })
    const error = await rejection((await makeGitHub()).getPermission('eliromero'))
    expect(error.message).toContain(
      'GET /repos/Codertocat/Hello-World/collaborators/eliromero/permission answered 403'
    )
  })
})

describe('findCommitAuthors: GET /repos/{o}/{r}/commits?author=<email>', () => {
  it('asks with the email and answers the linked logins, each once, newest first', async () => {
    const scope = api()
      .get(`${REPO_PATH}/commits`)
      .query({ author: 'eli@acme.test', per_page: '30' })
      .reply(200, [
        commit('eliromero', 'Eli@Acme.test'),
        commit(null, 'eli@acme.test'),
        commit('eliromero', 'eli@acme.test'),
        // The filter also matches a login: a commit with another email is not evidence.
        commit('eli-bot', 'ci@acme.test'),
        commit('eli-old', 'eli@acme.test')
      ])
    const github = await makeGitHub()
    expect(await github.findCommitAuthors('eli@acme.test')).toEqual(['eliromero', 'eli-old'])
    expect(scope.isDone()).toBe(true)
  })

  it('no commits: nobody', async () => {
    api().get(`${REPO_PATH}/commits`).query(true).reply(200, [])
    expect(await (await makeGitHub()).findCommitAuthors('x@y.test')).toEqual([])
  })
})

describe('getUser: GET /users/{login}', () => {
  it('the public name and email, when there are', async () => {
    api().get('/users/eliromero').reply(200, {
      login: 'eliromero',
      id: 5,
      type: 'User',
      name: 'Eli Romero',
      email: 'eli@acme.test'
    })
    api()
      .get('/users/benok')
      .reply(200, { login: 'benok', id: 6, type: 'User', name: null, email: null })
    const github = await makeGitHub()
    expect(await github.getUser('eliromero')).toEqual({
      login: 'eliromero',
      type: 'User',
      name: 'Eli Romero',
      email: 'eli@acme.test'
    })
    expect(await github.getUser('benok')).toEqual({ login: 'benok', type: 'User' })
  })

  it('no such account (404): null', async () => {
    api().get('/users/eli-romero').reply(404, { message: 'Not Found' })
    expect(await (await makeGitHub()).getUser('eli-romero')).toBeNull()
  })
})

describe('requestReviewers: POST …/pulls/{n}/requested_reviewers', () => {
  const path = `${REPO_PATH}/pulls/2/requested_reviewers`

  it('sends the logins as `reviewers`, and nothing about teams', async () => {
    const sent = bodies()
    const scope = api().post(path, sent.match).reply(201, openapi['pull-request'])
    const github = await makeGitHub()
    expect(await github.requestReviewers(2, ['eliromero'])).toEqual({ ok: true })
    expect(sent.sent).toEqual([{ reviewers: ['eliromero'] }])
    expect(scope.isDone()).toBe(true)
  })

  it.each([
    [
      'not a collaborator',
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${OWNER}/${REPO} repository.`
    ],
    ['the author', 'Review cannot be requested from pull request author.']
  ])(
    'a 422 (%s) is a refusal with GitHub’s words, not a throw, and is not retried',
    async (_, message) => {
      const scope = api().post(path).once().reply(422, {
        message,
        documentation_url: 'https://docs.github.com/rest/pulls/review-requests'
      })
      const github = await makeGitHub()
      expect(await github.requestReviewers(2, ['outsider'])).toEqual({ ok: false, reason: message })
      expect(scope.isDone()).toBe(true)
    }
  )

  it('a 403 (no pull-requests: write) fails and names the permission', async () => {
    api().post(path).reply(403, { message: 'Resource not accessible by integration' })
    const error = await rejection((await makeGitHub()).requestReviewers(2, ['eliromero']))
    expect(error.message).toContain('`pull-requests: write`')
  })
})
