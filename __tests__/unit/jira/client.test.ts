import { jest } from '@jest/globals'
import nock from 'nock'
import {
  API_TOKEN,
  basicHeader,
  core,
  EMAIL,
  fixture,
  PAT,
  recordingSleep,
  rejection as rejectionOf,
  SITE
} from './helpers.js'

const { connectJira } = await import('../../../src/jira/client.js')
const { UserError } = await import('../../../src/util/errors.js')
const { AnswerTimeoutError, ATTEMPT_TIMEOUT_MS, withRetry } =
  await import('../../../src/jira/retry.js')
type JiraAuth = import('../../../src/jira/auth.js').JiraAuth
type RetryPolicy = import('../../../src/jira/retry.js').RetryPolicy

const BASIC: JiraAuth = { mode: 'basic', siteUrl: SITE, email: EMAIL, apiToken: API_TOKEN }
const BASIC_HEADER = basicHeader(EMAIL, API_TOKEN)

beforeEach(() => jest.clearAllMocks())

function jira() {
  return nock(SITE)
}

async function connect(auth: JiraAuth = BASIC, retry: RetryPolicy = {}) {
  return connectJira({
    auth,
    onSchemaMismatch: 'throw',
    retry: { sleep: async () => {}, ...retry }
  })
}

/** A connected port over BASIC, /myself already answered. */
async function connected(retry: RetryPolicy = {}) {
  jira().get('/rest/api/3/myself').reply(200, fixture('myself'))
  return connect(BASIC, retry)
}

function rejection(promise: Promise<unknown>): Promise<Error> {
  return rejectionOf(promise, [BASIC_HEADER.slice(6)])
}

describe('connectJira: auth headers and /myself', () => {
  it.each<[string, JiraAuth, string]>([
    ['basic', BASIC, BASIC_HEADER],
    ['bearer', { mode: 'bearer', siteUrl: SITE, token: PAT }, `Bearer ${PAT}`],
    [
      'basic-username',
      { mode: 'basic-username', siteUrl: SITE, username: 'jdoe', password: PAT },
      basicHeader('jdoe', PAT)
    ]
  ])(
    '%s sends the Authorization header Jira expects and checks /myself',
    async (_, auth, header) => {
      // A PAT or a username may reach Cloud too: serverInfo says which.
      if (auth.mode !== 'basic') {
        jira().get('/rest/api/2/serverInfo').reply(200, { deploymentType: 'Cloud' })
      }
      const scope = jira()
        .get('/rest/api/3/myself')
        .matchHeader('authorization', header)
        .matchHeader('accept', 'application/json')
        .reply(200, fixture('myself'))

      const port = await connect(auth)

      expect(port.flavour).toBe('cloud')
      expect(port.siteUrl).toBe(SITE)
      expect(scope.isDone()).toBe(true)
      expect(core.info).toHaveBeenCalledWith(
        `Connected to Jira at ${SITE} as Mia Krystof (${auth.mode}).`
      )
    }
  )

  it('myself() maps the user', async () => {
    const port = await connected()
    jira().get('/rest/api/3/myself').reply(200, fixture('myself'))
    expect(await port.myself()).toEqual({
      id: '5b10a2844c20165700ede21g',
      displayName: 'Mia Krystof',
      email: 'mia@example.com',
      active: true
    })
  })

  it('turns an anonymous 200 (no accountId) into a credential error', async () => {
    jira().get('/rest/api/3/myself').reply(200, fixture('myself-anonymous'))
    const error = await rejection(connect())
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Jira at ${SITE} answered as an anonymous user, so the credential in 'jira-email' and 'jira-api-token' was not accepted (200 OK without an accountId). Check that the email is the token owner's Atlassian account email and that the API token is neither expired nor revoked (create one at https://id.atlassian.com/manage-profile/security/api-tokens). On Jira Data Center or Server, leave 'jira-email' empty: give 'jira-username' with 'jira-api-token', or a personal access token alone in 'jira-api-token'.`
    )
  })

  it('turns X-Seraph-LoginReason: AUTHENTICATED_FAILED into a credential error, on any call', async () => {
    const port = await connected()
    jira()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(
        200,
        { issues: [], issueErrors: [] },
        { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' }
      )
    const error = await rejection(port.getIssues(['EX-1']))
    expect(error.message).toBe(
      `Jira at ${SITE} answered as an anonymous user, so the credential in 'jira-email' and 'jira-api-token' was not accepted (X-Seraph-LoginReason: AUTHENTICATED_FAILED). Check that the email is the token owner's Atlassian account email and that the API token is neither expired nor revoked (create one at https://id.atlassian.com/manage-profile/security/api-tokens). On Jira Data Center or Server, leave 'jira-email' empty: give 'jira-username' with 'jira-api-token', or a personal access token alone in 'jira-api-token'.`
    )
  })

  it('names the credential on 401, never the token', async () => {
    jira().get('/rest/api/2/serverInfo').reply(401, fixture('error-401'))
    jira().get('/rest/api/2/myself').reply(401, fixture('error-401'))
    const error = await rejection(connect({ mode: 'bearer', siteUrl: SITE, token: PAT }))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Jira at ${SITE} rejected the credential in 'jira-api-token' (401 Unauthorized) when trying to read the current user (/myself). Check that the personal access token is neither expired nor revoked; a Jira Cloud API token also needs 'jira-email'.`
    )
  })

  it('names the permission on 403', async () => {
    const port = await connected()
    jira().post('/rest/api/3/issue/EX-1/remotelink').reply(403, fixture('error-403'))
    const error = await rejection(
      port.upsertRemoteLink('EX-1', {
        globalId: 'github-pr=https://github.com/o/r/pull/1',
        url: 'https://github.com/o/r/pull/1',
        title: 'PR',
        relationship: 'mentioned in'
      })
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Jira at ${SITE} refused to write remote links (403 Forbidden): the account behind 'jira-email' and 'jira-api-token' needs the 'Browse projects and Link issues' permission in the project.`
    )
  })
})

describe('retries', () => {
  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const { sleep, delays } = recordingSleep()
    const scope = jira()
      .get('/rest/api/3/myself')
      .reply(429, { errorMessages: ['Rate limit exceeded'] }, { 'Retry-After': '7' })
      .get('/rest/api/3/myself')
      .reply(200, fixture('myself'))
    await connect(BASIC, { sleep })
    expect(delays).toEqual([7000])
    expect(scope.isDone()).toBe(true)
    expect(core.info).toHaveBeenCalledWith(
      'GET /rest/api/3/myself: Jira answered 429 Too Many Requests; retrying in 7 s (attempt 2 of 5).'
    )
  })

  it('backs off exponentially on 503, honouring its Retry-After too', async () => {
    const { sleep, delays } = recordingSleep()
    const scope = jira()
      .get('/rest/api/3/myself')
      .reply(503)
      .get('/rest/api/3/myself')
      .reply(502)
      .get('/rest/api/3/myself')
      .reply(503, '', { 'Retry-After': '3' })
      .get('/rest/api/3/myself')
      .reply(200, fixture('myself'))
    await connect(BASIC, { sleep, initialDelayMs: 100 })
    expect(delays).toEqual([100, 200, 3000])
    expect(scope.isDone()).toBe(true)
  })

  it('gives up after the attempts allowed', async () => {
    const { sleep, delays } = recordingSleep()
    jira().get('/rest/api/3/myself').times(3).reply(503)
    const error = await rejection(connect(BASIC, { sleep, maxAttempts: 3, initialDelayMs: 10 }))
    expect(error).not.toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Jira at ${SITE} is unavailable: could not read the current user (/myself) (503 Service Unavailable), even after retrying.`
    )
    expect(delays).toEqual([10, 20])
    expect(nock.pendingMocks()).toEqual([])
  })

  it('does not wait past the total budget: a far Retry-After fails at once, and says so', async () => {
    const { sleep, delays } = recordingSleep()
    jira().get('/rest/api/3/myself').reply(429, '', { 'Retry-After': '3600' })
    const error = await rejection(connect(BASIC, { sleep }))
    expect(error.message).toBe(
      `Jira at ${SITE} is unavailable: could not read the current user (/myself) (429 Too Many Requests): Jira asked to wait 3600 s (Retry-After), more than the 120 s of waiting the action allows a call.`
    )
    expect(delays).toEqual([])
  })

  it('honours a Retry-After over a minute that fits the 2-minute budget', async () => {
    const { sleep, delays } = recordingSleep()
    const port = await connected({ sleep })
    const scope = jira()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(429, { errorMessages: ['Rate limit exceeded'] }, { 'Retry-After': '90' })
      .post('/rest/api/3/issue/bulkfetch')
      .reply(200, fixture('bulkfetch'))
    expect((await port.getIssues(['EX-1'])).length).toBeGreaterThan(0)
    expect(delays).toEqual([90_000])
    expect(scope.isDone()).toBe(true)
    expect(core.info).toHaveBeenCalledWith(
      'POST /rest/api/3/issue/bulkfetch: Jira answered 429 Too Many Requests; retrying in 90 s (attempt 2 of 5).'
    )
  })

  it('a second Retry-After longer than what is left of the budget fails, naming both', async () => {
    const { sleep, delays } = recordingSleep()
    const port = await connected({ sleep })
    jira()
      .post('/rest/api/3/issue/bulkfetch')
      .reply(429, '', { 'Retry-After': '90' })
      .post('/rest/api/3/issue/bulkfetch')
      .reply(503, '', { 'Retry-After': '45' })
    const error = await rejection(port.getIssues(['EX-1']))
    expect(error.message).toBe(
      `Jira at ${SITE} is unavailable: could not read issues (503 Service Unavailable): Jira asked to wait 45 s (Retry-After), more than the 30 s left of the 120 s of waiting the action allows a call.`
    )
    expect(delays).toEqual([90_000])
    expect(nock.pendingMocks()).toEqual([])
  })

  describe('a write that creates something (never twice)', () => {
    const newIssue = {
      projectKey: 'EX',
      issueType: 'Task',
      summary: 'Follow up',
      description: { blocks: [] },
      labels: []
    }
    const created = { id: '10042', key: 'EX-42', self: `${SITE}/rest/api/3/issue/10042` }

    it('is not retried after a 502: the issue may exist; the error says so', async () => {
      const port = await connected()
      const scope = jira().post('/rest/api/3/issue').reply(502)
      const error = await rejection(port.createIssue(newIssue))
      expect(scope.isDone()).toBe(true)
      expect(nock.pendingMocks()).toEqual([])
      expect(error.message).toBe(
        `Jira at ${SITE} is unavailable: could not create issues (502 Bad Gateway): not retried, since Jira may have acted on it; the next run looks for it before writing again.`
      )
    })

    it('is retried after a 503 or a 429, which Jira answers without acting', async () => {
      const { sleep, delays } = recordingSleep()
      const port = await connected({ sleep, initialDelayMs: 10 })
      const scope = jira()
        .post('/rest/api/3/issue')
        .reply(503)
        .post('/rest/api/3/issue')
        .reply(429, '', { 'Retry-After': '2' })
        .post('/rest/api/3/issue')
        .reply(201, created)
      expect((await port.createIssue(newIssue)).key).toBe('EX-42')
      expect(delays).toEqual([10, 2000])
      expect(scope.isDone()).toBe(true)
    })

    it('a search is a POST that only reads: retried after a 502', async () => {
      const port = await connected()
      const scope = jira()
        .get('/rest/api/3/search/jql')
        .query(true)
        .reply(502)
        .get('/rest/api/3/search/jql')
        .query(true)
        .reply(200, { issues: [], isLast: true })
        .post('/rest/api/3/issue/bulkfetch')
        .reply(502)
        .post('/rest/api/3/issue/bulkfetch')
        .reply(200, { issues: [], issueErrors: [] })
      expect(await port.searchIssues('project = EX')).toEqual([])
      expect(await port.getIssues(['EX-1'])).toEqual([])
      expect(scope.isDone()).toBe(true)
    })
  })

  describe('a Jira that accepts the request and never answers', () => {
    const QUICK: RetryPolicy = { attemptTimeoutMs: 250, initialDelayMs: 10 }

    // The first request of a test file loads the HTTP stack, which may take longer than 250 ms.
    beforeAll(async () => {
      await connected()
    })
    // nock's timers of the answers never read to the end.
    afterEach(() => nock.abortPendingRequests())

    /** An answer whose status line never comes. */
    const never = () => new Promise<never>(() => {})

    it('each attempt has a time limit; the error names it', async () => {
      const { sleep, delays } = recordingSleep()
      const port = await connected({ ...QUICK, sleep })
      // Persisted: on a loaded machine an attempt may time out before nock has matched it, and a
      // counted interceptor then runs out (the request goes to DNS: ENOTFOUND).
      let asked = 0
      const scope = jira()
        .post('/rest/api/3/issue/bulkfetch')
        .reply(() => (asked++, never()))
        .persist()
      const error = await rejection(port.getIssues(['EX-1']))
      scope.persist(false)
      expect(error.message).toBe(
        `Jira at ${SITE} is unavailable: could not read issues (POST /rest/api/3/issue/bulkfetch: no answer within 250 ms, the request timeout), even after retrying.`
      )
      expect(delays).toEqual([10, 20, 40, 80])
      expect(asked).toBeLessThanOrEqual(5)
      expect(core.info).toHaveBeenCalledWith(
        'POST /rest/api/3/issue/bulkfetch: Jira gave no answer within 250 ms; retrying in 1 s (attempt 2 of 5).'
      )
    })

    it('reading the answer counts: a body that never ends times out too', async () => {
      // Injected rather than nock: nock 15 ends a delayed body on a socket the abort closed,
      // which trips an assertion in undici's parser. This is what undici does on an abort.
      const fetch = jest.fn<typeof globalThis.fetch>(async (url, init) => {
        if (String(url).endsWith('/myself')) return Response.json(fixture('myself'))
        const signal = init?.signal as AbortSignal
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"issues":['))
            signal.addEventListener('abort', () => controller.error(signal.reason))
          }
        })
        return new Response(body, { headers: { 'Content-Type': 'application/json' } })
      })
      const port = await connectJira({
        auth: BASIC,
        fetch,
        retry: { ...QUICK, sleep: async () => {} }
      })
      const error = await rejection(port.getIssues(['EX-1']))
      expect(error.message).toBe(
        `Jira at ${SITE} is unavailable: could not read issues (POST /rest/api/3/issue/bulkfetch: no answer within 250 ms, the request timeout), even after retrying.`
      )
      expect(fetch).toHaveBeenCalledTimes(6)
    })

    it('time spent on attempts that timed out counts against the budget of waiting', async () => {
      const { sleep, delays } = recordingSleep()
      const port = await connected({ ...QUICK, sleep, maxTotalWaitMs: 520 })
      jira().post('/rest/api/3/issue/bulkfetch').times(2).reply(never)
      await rejection(port.getIssues(['EX-1']))
      // 250 ms timed out + 10 ms back-off + 250 ms timed out: 20 ms more would pass 520 ms.
      expect(delays).toEqual([10])
      expect(nock.pendingMocks()).toEqual([])
    })

    it('with the defaults, a call that never gets an answer ends after four attempts, in about two minutes', async () => {
      const { sleep, delays } = recordingSleep()
      const attempt = jest.fn(async () => {
        throw new AnswerTimeoutError('GET /x', ATTEMPT_TIMEOUT_MS, undefined)
      })
      await expect(withRetry('GET /x', attempt, { sleep })).rejects.toThrow(
        'GET /x: no answer within 30 s, the request timeout'
      )
      // 4 × 30 s of attempts and 7 s of back-off: the fifth would pass the 2-minute budget.
      expect(attempt).toHaveBeenCalledTimes(4)
      expect(delays).toEqual([1000, 2000, 4000])
    })

    it('a create that timed out is not sent again: Jira may have made it', async () => {
      const port = await connected(QUICK)
      const scope = jira().post('/rest/api/3/issue').reply(never)
      const error = await rejection(
        port.createIssue({
          projectKey: 'EX',
          issueType: 'Task',
          summary: 'Follow up',
          description: { blocks: [] },
          labels: []
        })
      )
      expect(scope.isDone()).toBe(true)
      expect(error.message).toBe(
        `Jira at ${SITE} is unavailable: could not create issues (POST /rest/api/3/issue: no answer within 250 ms, the request timeout): not retried, since Jira may have acted on it; the next run looks for it before writing again.`
      )
    })
  })

  it('never retries a 4xx other than 429', async () => {
    const port = await connected()
    jira()
      .get('/rest/api/3/issue/EX-1/remotelink')
      .reply(400, { errorMessages: ['bad'] })
    await expect(port.getRemoteLinks('EX-1')).rejects.toThrow(
      'GET /rest/api/3/issue/EX-1/remotelink: 400 Bad Request - bad'
    )
  })
})

describe('issues', () => {
  /** What Cloud returns for issue properties asked for: those set, by key (`{}` when none). */
  const PATHS = { 'https://github.com/acme/shop/pull/17': ['src/cart.ts'] }
  const withPaths = (answer: { issues: Record<string, unknown>[] }) => {
    const copy = structuredClone(answer)
    copy.issues.forEach((issue, i) => {
      issue.properties = i === 0 ? { 'gitar-jira.paths': PATHS } : {}
    })
    return copy
  }

  it('bulk-fetches in batches of 100 and leaves unknown keys out', async () => {
    const port = await connected()
    const keys = ['ex-1', 'EX-2', 'UTF-8', ...Array.from({ length: 100 }, (_, i) => `ABC-${i + 1}`)]
    const bodies: unknown[] = []
    const scope = jira()
      .post('/rest/api/3/issue/bulkfetch', (body) => {
        bodies.push(body)
        return true
      })
      .matchHeader('authorization', BASIC_HEADER)
      .reply(200, withPaths(fixture('bulkfetch')))
      .post('/rest/api/3/issue/bulkfetch', (body) => {
        bodies.push(body)
        return true
      })
      .reply(200, { issueErrors: [], issues: [] })

    const issues = await port.getIssues(keys)

    expect(scope.isDone()).toBe(true)
    expect(bodies).toEqual([
      {
        issueIdsOrKeys: [
          'EX-1',
          'EX-2',
          'UTF-8',
          ...Array.from({ length: 97 }, (_, i) => `ABC-${i + 1}`)
        ],
        fields: ['summary', 'status', 'project', 'issuetype', 'assignee', 'reporter'],
        fieldsByKeys: false,
        properties: ['gitar-jira.paths']
      },
      {
        issueIdsOrKeys: ['ABC-98', 'ABC-99', 'ABC-100'],
        fields: ['summary', 'status', 'project', 'issuetype', 'assignee', 'reporter'],
        fieldsByKeys: false,
        properties: ['gitar-jira.paths']
      }
    ])
    const mia = {
      id: '5b10a2844c20165700ede21g',
      displayName: 'Mia Krystof',
      email: 'mia@example.com',
      active: true
    }
    expect(issues).toEqual([
      {
        key: 'EX-1',
        id: '10002',
        projectKey: 'EX',
        summary: 'My first example issue',
        status: { name: 'In Progress', category: 'indeterminate' },
        issueType: 'Task',
        assignee: mia,
        reporter: mia,
        url: `${SITE}/browse/EX-1`,
        properties: { 'gitar-jira.paths': PATHS }
      },
      {
        key: 'EX-2',
        id: '10005',
        projectKey: 'ABC',
        summary: 'My second example issue',
        status: { name: 'Done', category: 'done' },
        issueType: 'Task',
        assignee: null,
        reporter: mia,
        url: `${SITE}/browse/EX-2`,
        properties: {}
      }
    ])
  })

  it('bulk-fetches with details: the fields the ranker reads, mapped', async () => {
    const port = await connected()
    const bodies: unknown[] = []
    const answer = fixture('bulkfetch') as { issues: { fields: Record<string, unknown> }[] }
    const first = answer.issues[0] as { fields: Record<string, unknown> }
    first.fields.labels = ['cli']
    first.fields.components = [{ name: 'shell' }]
    // Jira's Version objects: only a release that is out says the issue was done in it.
    first.fields.fixVersions = [
      { id: '10000', name: '1.2', released: true, releaseDate: '2026-03-01', archived: false },
      { id: '10001', name: '1.3', released: false, releaseDate: '2026-04-01', archived: false },
      { id: '10002', name: '2.0', released: true, archived: false }
    ]
    jira()
      .post('/rest/api/3/issue/bulkfetch', (body) => (bodies.push(body), true))
      .reply(200, answer)

    const [issue] = await port.getIssues(['EX-1'], { details: true })

    const detailFields = [
      'description',
      'components',
      'labels',
      'created',
      'updated',
      'fixVersions'
    ]
    expect(bodies[0]).toMatchObject({ fields: expect.arrayContaining(detailFields) })
    expect(issue?.details).toMatchObject({
      components: ['shell'],
      labels: ['cli'],
      fixVersionDates: ['2026-03-01']
    })
  })

  it('asks nothing for no keys', async () => {
    const port = await connected()
    expect(await port.getIssues([])).toEqual([])
  })

  it('searches with the enhanced JQL endpoint, following nextPageToken up to max', async () => {
    const port = await connected()
    const jql = 'project = EX AND statusCategory != Done'
    const fields = 'summary,status,project,issuetype,assignee,reporter,labels'
    const scope = jira()
      .get('/rest/api/3/search/jql')
      .query((q) => {
        expect(q).toEqual({
          jql,
          fields: fields.split(','),
          maxResults: '2',
          properties: 'gitar-jira.paths'
        })
        return true
      })
      .reply(200, fixture('search-jql-page-1'))
      .get('/rest/api/3/search/jql')
      .query({
        jql,
        fields: fields.split(','),
        maxResults: '1',
        nextPageToken: 'CAEaAggD',
        properties: 'gitar-jira.paths'
      })
      .reply(200, fixture('search-jql-page-2'))

    const issues = await port.searchIssues(jql, { max: 2, fields: ['labels', 'summary'] })

    expect(scope.isDone()).toBe(true)
    expect(issues.map((i) => i.key)).toEqual(['EX-1', 'EX-2'])
  })

  it('stops at max without asking for the next page', async () => {
    const port = await connected()
    jira().get('/rest/api/3/search/jql').query(true).reply(200, fixture('search-jql-page-1'))
    expect((await port.searchIssues('project = EX', { max: 1 })).map((i) => i.key)).toEqual([
      'EX-1'
    ])
  })
})

describe('remote links', () => {
  const link = {
    globalId: 'github-pr=https://github.com/acme/shop/pull/42',
    url: 'https://github.com/acme/shop/pull/42',
    title: 'acme/shop#42: Fix checkout',
    summary: 'Open pull request',
    relationship: 'mentioned in'
  }

  it('upserts with the whole object every time', async () => {
    const port = await connected()
    let body: unknown
    const scope = jira()
      .post('/rest/api/3/issue/EX-1/remotelink', (b) => {
        body = b
        return true
      })
      .matchHeader('content-type', 'application/json')
      .reply(201, fixture('remotelink-created'))

    await port.upsertRemoteLink('EX-1', link)

    expect(scope.isDone()).toBe(true)
    expect(body).toEqual({
      globalId: link.globalId,
      application: { type: 'com.github', name: 'GitHub' },
      relationship: 'mentioned in',
      object: {
        url: link.url,
        title: link.title,
        summary: 'Open pull request',
        icon: {
          url16x16: 'https://github.githubassets.com/favicons/favicon.png',
          title: 'GitHub pull request'
        },
        status: {
          resolved: false,
          icon: {
            url16x16: 'https://github.githubassets.com/favicons/favicon.png',
            title: 'Open',
            link: link.url
          }
        }
      }
    })
  })

  it('refuses a globalId Jira would refuse', async () => {
    const port = await connected()
    await expect(
      port.upsertRemoteLink('EX-1', { ...link, globalId: 'x'.repeat(256) })
    ).rejects.toThrow('Remote link globalId must be 1 to 255 characters.')
  })

  it('lists remote links', async () => {
    const port = await connected()
    jira().get('/rest/api/3/issue/MKY-1/remotelink').reply(200, fixture('remotelinks'))
    expect(await port.getRemoteLinks('MKY-1')).toEqual([
      {
        id: 10000,
        globalId: 'system=http://www.mycompany.com/support&id=1',
        url: 'http://www.mycompany.com/support?id=1',
        title: 'TSTSUP-111',
        summary: 'Customer support issue',
        relationship: 'causes',
        iconUrl: 'http://www.mycompany.com/support/ticket.png',
        resolved: true
      },
      {
        id: 10001,
        globalId: 'system=http://www.anothercompany.com/tester&id=1234',
        url: 'http://www.anothercompany.com/tester/testcase/1234',
        title: 'Test Case #1234',
        summary: 'Test that the submit button saves the item',
        relationship: 'is tested by',
        iconUrl: 'http://www.anothercompany.com/tester/images/testcase.gif',
        resolved: false
      }
    ])
  })

  it('deletes by globalId, and a 404 is fine', async () => {
    const port = await connected()
    const scope = jira()
      .delete('/rest/api/3/issue/EX-1/remotelink')
      .query({ globalId: link.globalId })
      .reply(204)
      .delete('/rest/api/3/issue/EX-2/remotelink')
      .query({ globalId: link.globalId })
      .reply(404, { errorMessages: ['Remote link not found.'], errors: {} })

    await port.deleteRemoteLink('EX-1', link.globalId)
    await port.deleteRemoteLink('EX-2', link.globalId)

    expect(scope.isDone()).toBe(true)
  })
})

describe('transport', () => {
  it('retries a transient network failure (injected fetch)', async () => {
    const { sleep, delays } = recordingSleep()
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    })
    const fetch = jest
      .fn<typeof globalThis.fetch>()
      .mockRejectedValueOnce(reset)
      .mockResolvedValueOnce(Response.json(fixture('myself')))
    await connectJira({ auth: BASIC, fetch, retry: { sleep, initialDelayMs: 50 } })
    expect(delays).toEqual([50])
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(fetch.mock.calls[1]?.[0]).toBe(`${SITE}/rest/api/3/myself`)
  })

  it('does not retry a host that does not resolve: a mistyped jira-url, named as such', async () => {
    const fetch = jest
      .fn<typeof globalThis.fetch>()
      .mockRejectedValue(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }))
    const error = await rejection(connectJira({ auth: BASIC, fetch }))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Input 'jira-url': the host of ${SITE} does not resolve (ENOTFOUND). Check the site URL, e.g. https://your-site.atlassian.net.`
    )
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('a site with no REST API at that path (404 on /myself): jira-url names a page, not the site', async () => {
    jira().get('/rest/api/2/serverInfo').reply(404)
    jira().get('/rest/api/2/myself').reply(404, 'null for uri: /jira/rest/api/2/myself')
    const error = await rejection(connect({ mode: 'bearer', siteUrl: SITE, token: PAT }))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Input 'jira-url': ${SITE} has no Jira REST API (404 on /myself). Give the site's root URL, e.g. https://your-site.atlassian.net, without a path such as /jira or /browse (a Data Center site served under a context path keeps it: https://host/jira).`
    )
  })

  it("with 'jira-email', a 404 on /rest/api/3/myself may be a Data Center site: the inputs it takes are named", async () => {
    jira().get('/rest/api/3/myself').reply(404, 'null for uri: /rest/api/3/myself')
    const error = await rejection(connect())
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Input 'jira-url': ${SITE} has no Jira Cloud REST API (404 on /rest/api/3/myself). With 'jira-email' set, the action speaks to Jira Cloud (REST API v3), which a Jira Data Center or Server site answers with 404 even at the right URL: for such a site, leave 'jira-email' empty and set 'jira-username' with 'jira-api-token' (basic auth), or 'jira-api-token' alone (a personal access token). For a Jira Cloud site, give the site's root URL, e.g. https://your-site.atlassian.net, without a path such as /jira or /browse (a Data Center site served under a context path keeps it: https://host/jira).`
    )
  })

  it("throws on an answer unlike Jira's schema when asked to (tests)", async () => {
    jira()
      .get('/rest/api/3/myself')
      .reply(200, { ...fixture('myself'), accountId: 5 })
    const error = await rejection(connect())
    expect(error.message).toBe('Response did not match the schema for GET /rest/api/3/myself')
  })

  it('by default uses such an answer as it is, with one debug line', async () => {
    jira().get('/rest/api/3/myself').reply(200, fixture('myself'))
    const port = await connectJira({ auth: BASIC })
    const links = fixture('remotelinks')
    links[1].id = '10001'
    jira().get('/rest/api/3/issue/MKY-1/remotelink').times(2).reply(200, links)
    expect((await port.getRemoteLinks('MKY-1')).map((l) => l.id)).toEqual([10000])
    await port.getRemoteLinks('MKY-1')
    expect(core.debug).toHaveBeenCalledTimes(1)
    expect(core.debug).toHaveBeenCalledWith(
      "Jira's answer to GET /rest/api/3/issue/MKY-1/remotelink differs from jira.js's schema at (root); used as it is."
    )
  })
})
