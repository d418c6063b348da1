import { jest } from '@jest/globals'
import nock from 'nock'
import { API, api, core, makeGitHub, openapi, rejection, REPO_PATH, TOKEN } from './helpers.js'
import { networkFailure } from '../../helpers/network-failure.js'

const { apiBaseUrl, createOctokit } = await import('../../../src/github/client.js')

const PR = `${REPO_PATH}/pulls/2`
// Octokit encodes the slashes of `path`; GitHub accepts that.
const CONFIG = `${REPO_PATH}/contents/.github%2Fgitar-jira.yml`
const file = {
  ...openapi['content-file-response-if-content-is-a-file'],
  content: Buffer.from('rules: {}\n').toString('base64')
}
const SECONDARY = {
  message:
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  documentation_url:
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
}

/** GitHub's answer once the hourly limit is used up: 403 and `x-ratelimit-remaining: 0`. */
function primaryRateLimit(reset: number) {
  return [
    403,
    { message: 'API rate limit exceeded for installation ID 1.' },
    { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
  ] as const
}

function readConfig(github: Awaited<ReturnType<typeof makeGitHub>>) {
  return github.getFileText('.github/gitar-jira.yml', 'main')
}

beforeEach(() => {
  core.warning.mockClear()
  core.debug.mockClear()
})

describe('retries', () => {
  it('retries a 502, then succeeds', async () => {
    const scope = api()
      .get(CONFIG)
      .query(true)
      .reply(502, { message: 'Server Error' })
      .get(CONFIG)
      .query(true)
      .reply(200, file)
    const github = await makeGitHub()

    expect(await readConfig(github)).toBe('rules: {}\n')
    expect(scope.isDone()).toBe(true)
  })

  it('gives up after its retries with a message, not the token', async () => {
    const scope = api().get(CONFIG).query(true).times(3).reply(503, { message: 'Unavailable' })
    const github = await makeGitHub({ retries: 2 })

    const error = await rejection(readConfig(github))

    expect(error.message).toBe(
      'GitHub failed: GET /repos/Codertocat/Hello-World/contents/.github/gitar-jira.yml ' +
        'answered 503 (Unavailable), even after retries. See https://www.githubstatus.com and ' +
        'rerun the job.'
    )
    expect(scope.isDone()).toBe(true)
  })

  describe('a request that creates something (never twice)', () => {
    it('a comment is not retried after a 502: it may exist; the error says so', async () => {
      const scope = api()
        .post(`${REPO_PATH}/issues/2/comments`)
        .reply(502, { message: 'Server Error' })
      const github = await makeGitHub()

      const error = await rejection(github.createComment(2, 'hello'))

      expect(scope.isDone()).toBe(true)
      expect(nock.pendingMocks()).toEqual([])
      expect(error.message).toBe(
        `GitHub failed: POST ${REPO_PATH}/issues/2/comments answered 502 (Server Error). ` +
          'Not retried, since GitHub may have acted on it; the next run looks for it before ' +
          'writing again. See https://www.githubstatus.com.'
      )
    })

    it('a comment is retried after a 503, which GitHub answers without acting', async () => {
      const comment = { id: 7, body: 'hello', html_url: 'https://github.com/x#issuecomment-7' }
      const scope = api()
        .post(`${REPO_PATH}/issues/2/comments`)
        .reply(503, { message: 'Unavailable' })
        .post(`${REPO_PATH}/issues/2/comments`)
        .reply(201, comment)
      const github = await makeGitHub()

      expect((await github.createComment(2, 'hello')).id).toBe(7)
      expect(scope.isDone()).toBe(true)
    })

    it('a comment is retried when no connection was made: GitHub never saw it', async () => {
      const comment = { id: 7, body: 'hello', html_url: 'https://github.com/x#issuecomment-7' }
      const scope = api()
        .post(`${REPO_PATH}/issues/2/comments`)
        .replyWithError(networkFailure('ECONNREFUSED'))
        .post(`${REPO_PATH}/issues/2/comments`)
        .reply(201, comment)
      const github = await makeGitHub()

      expect((await github.createComment(2, 'hello')).id).toBe(7)
      expect(scope.isDone()).toBe(true)
    })

    it('a comment that never reaches GitHub fails after the retries, and says so', async () => {
      const scope = api()
        .post(`${REPO_PATH}/issues/2/comments`)
        .times(3)
        .replyWithError(networkFailure('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.github.test'))
      // The throttling plugin spaces comments 3 s apart: not this test's subject.
      const github = await makeGitHub({ retries: 2, throttle: { enabled: false } })

      const error = await rejection(github.createComment(2, 'hello'))

      expect(scope.isDone()).toBe(true)
      expect(error.message).toBe(
        `GitHub was not reached: POST ${REPO_PATH}/issues/2/comments got no answer ` +
          "(getaddrinfo EAI_AGAIN api.github.test), even after retries. Check the runner's " +
          'network and https://www.githubstatus.com, then rerun the job.'
      )
    })

    it('a comment whose connection broke after it was sent is not retried: it may exist', async () => {
      let attempts = 0
      api()
        .post(`${REPO_PATH}/issues/2/comments`)
        .times(2)
        .replyWithError(networkFailure('ECONNRESET', 'other side closed'))
        .on('request', () => (attempts += 1))
      const github = await makeGitHub()

      const error = await rejection(github.createComment(2, 'hello'))

      expect(attempts).toBe(1)
      expect(error.message).toBe(
        `GitHub failed: POST ${REPO_PATH}/issues/2/comments got no answer (other side closed). ` +
          'Not retried, since GitHub may have acted on it; the next run looks for it before ' +
          'writing again. See https://www.githubstatus.com.'
      )
    })

    it('a reply in a review thread (a GraphQL mutation) is not retried; a GraphQL query is', async () => {
      let mutations = 0
      let queries = 0
      api()
        .post('/graphql', (body: { query: string }) => /^\s*mutation/.test(body.query))
        .reply(() => (mutations++, [502, { message: 'Server Error' }]))
        .post('/graphql', (body: { query: string }) => !/^\s*mutation/.test(body.query))
        .times(2)
        .reply(() => (queries++ === 0 ? [502, { message: 'Server Error' }] : [200, { data: {} }]))
      const github = await makeGitHub()

      await rejection(github.replyToThread('PRRT_1', 'Tracked in ABC-1'))
      const octokit = createOctokit({
        token: TOKEN,
        retryAfterBaseValue: 1,
        throttle: { enabled: false }
      })
      await octokit.graphql('{ viewer { login } }')

      expect(mutations).toBe(1)
      expect(queries).toBe(2)
    })
  })

  it('does not retry a 401, and names the github-token input', async () => {
    let requests = 0
    api()
      .matchHeader('authorization', `token ${TOKEN}`)
      .get(CONFIG)
      .query(true)
      .times(2)
      .reply(() => {
        requests += 1
        return [401, { message: 'Bad credentials', status: '401' }]
      })
    const github = await makeGitHub()

    const error = await rejection(readConfig(github))

    expect(requests).toBe(1)
    expect(error.message).toBe(
      'GitHub rejected the `github-token`: GET /repos/Codertocat/Hello-World/contents/' +
        '.github/gitar-jira.yml answered 401 (Bad credentials). Check the `github-token` input: ' +
        'the token may be expired or revoked.'
    )
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(TOKEN)
  })
})

describe('rate limits', () => {
  it("retries a plain 429 (a proxy's) after its Retry-After, and warns", async () => {
    const scope = api()
      .get(PR)
      .reply(429, { message: 'Too Many Requests' }, { 'retry-after': '2' })
      .get(PR)
      .reply(200, { number: 2 })
    const octokit = createOctokit({
      token: TOKEN,
      retryAfterBaseValue: 1,
      throttle: { id: 'plain429' }
    })
    const { data } = await octokit.rest.pulls.get({
      owner: 'Codertocat',
      repo: 'Hello-World',
      pull_number: 2
    })

    expect(data.number).toBe(2)
    expect(core.warning).toHaveBeenCalledWith(
      'GitHub answered 429 on GET /repos/{owner}/{repo}/pulls/{pull_number}: retrying in 2s (1/2).',
      { title: 'GitHub rate limit' }
    )
    expect(scope.isDone()).toBe(true)
  })

  it('waits out a secondary rate limit (429 with Retry-After) and warns', async () => {
    const scope = api()
      .get(PR)
      .reply(429, SECONDARY, { 'retry-after': '1' })
      .get(PR)
      .reply(200, { number: 2 })
    const octokit = createOctokit({ token: TOKEN, retryAfterBaseValue: 1, throttle: { id: 'rl' } })
    const { data } = await octokit.rest.pulls.get({
      owner: 'Codertocat',
      repo: 'Hello-World',
      pull_number: 2
    })

    expect(data.number).toBe(2)
    expect(core.warning).toHaveBeenCalledWith(
      'GitHub secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: ' +
        'retrying in 1s (1/2).',
      { title: 'GitHub rate limit' }
    )
    expect(scope.isDone()).toBe(true)
  })

  it('waits out a primary rate limit (403, x-ratelimit-remaining: 0) until the reset', async () => {
    const reset = Math.floor(Date.now() / 1000)
    const scope = api()
      .get(CONFIG)
      .query(true)
      .reply(...primaryRateLimit(reset))
      .get(CONFIG)
      .query(true)
      .reply(200, file)
    const github = await makeGitHub()

    expect(await readConfig(github)).toBe('rules: {}\n')
    expect(core.warning).toHaveBeenCalledTimes(1)
    expect(scope.isDone()).toBe(true)
  })

  it('retries a rate limit twice at most, then says so', async () => {
    const scope = api()
      .get(CONFIG)
      .query(true)
      .times(3)
      .reply(429, SECONDARY, { 'retry-after': '1' })
    const github = await makeGitHub()

    await expect(readConfig(github)).rejects.toThrow(
      "GitHub's rate limit stopped the run: GET /repos/Codertocat/Hello-World/contents/" +
        '.github/gitar-jira.yml answered 429 (You have exceeded a secondary rate limit.'
    )
    expect(core.warning).toHaveBeenCalledTimes(2)
    expect(scope.isDone()).toBe(true)
  })

  it('does not sit out a long wait: fails at once with the reset time', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600
    const scope = api()
      .get(CONFIG)
      .query(true)
      .reply(...primaryRateLimit(reset))
    const github = await makeGitHub()

    await expect(readConfig(github)).rejects.toThrow(
      `It resets at ${new Date(reset * 1000).toISOString()}. Rerun the job later.`
    )
    expect(core.warning).not.toHaveBeenCalled()
    expect(scope.isDone()).toBe(true)
  })
})

describe('the client', () => {
  it('reads GITHUB_API_URL when it is made, not when @actions/github loaded', async () => {
    expect(apiBaseUrl({})).toBe('https://api.github.com')
    process.env.GITHUB_API_URL = 'https://ghe.example.test/api/v3/'
    expect(apiBaseUrl()).toBe('https://ghe.example.test/api/v3')
    const scope = nock('https://ghe.example.test')
      .get('/api/v3/repos/o/r/pulls/1')
      .reply(200, { number: 1 })
      // GitHub Enterprise Server serves GraphQL at /api/graphql.
      .post('/api/graphql')
      .reply(200, { data: { viewer: { login: 'x' } } })
    const octokit = createOctokit({ token: TOKEN, throttle: { enabled: false } })
    process.env.GITHUB_API_URL = API

    await octokit.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })
    await octokit.graphql('{ viewer { login } }')

    expect(scope.isDone()).toBe(true)
  })

  it('sends every request through an injected fetch', async () => {
    const fetchSpy = jest.fn((input: string | URL | Request, init?: RequestInit) =>
      fetch(input, init)
    )
    const scope = api().get(CONFIG).query(true).reply(200, file)
    const github = await makeGitHub({ fetch: fetchSpy as typeof fetch })

    await readConfig(github)

    expect(fetchSpy).toHaveBeenCalledTimes(1)
    expect(String(fetchSpy.mock.calls[0]?.[0])).toBe(
      'https://api.github.test/repos/Codertocat/Hello-World/contents/.github%2Fgitar-jira.yml?ref=main'
    )
    expect(scope.isDone()).toBe(true)
  })

  it("routes Octokit's log to core: warn to a warning, info and debug to debug", () => {
    const octokit = createOctokit({ token: TOKEN, throttle: { enabled: false } })

    octokit.log.warn('deprecated endpoint')
    octokit.log.info('info line')
    octokit.log.debug('debug line')

    expect(core.warning).toHaveBeenCalledWith('deprecated endpoint')
    expect(core.debug).toHaveBeenCalledWith('info line')
    expect(core.debug).toHaveBeenCalledWith('debug line')
  })
})
