/**
 * A 200 that is not Jira's answer (a page from a proxy, a firewall or a single sign-on gateway in
 * front of Jira, or JSON without the list asked for) is a failure with a message, never "none".
 */
import { jest } from '@jest/globals'
import nock from 'nock'
import { API_TOKEN, EMAIL, fixture, PAT, rejection, SITE } from './helpers.js'

const { connectJira } = await import('../../../src/jira/client.js')
const { OutageError, UserError } = await import('../../../src/util/errors.js')
type JiraAuth = import('../../../src/jira/auth.js').JiraAuth
type JiraPort = import('../../../src/jira/port.js').JiraPort

const BASIC: JiraAuth = { mode: 'basic', siteUrl: SITE, email: EMAIL, apiToken: API_TOKEN }
const DC = 'https://jira.acme.test'
const BEARER: JiraAuth = { mode: 'bearer', siteUrl: DC, token: PAT }
const DC_ME = { key: 'JIRAUSER10100', name: 'jdoe', displayName: 'Jane Doe', active: true }

const BLOCKED =
  '<!DOCTYPE html><html><head><title>Request blocked</title></head><body>Access denied by policy</body></html>'
const SIGN_IN = '<html><head><title>Sign in - Okta</title></head><body>login</body></html>'
const HTML = { 'Content-Type': 'text/html; charset=utf-8' }

beforeEach(() => jest.clearAllMocks())

function connect(auth: JiraAuth) {
  return connectJira({ auth, retry: { sleep: async () => {} } })
}

async function cloud(): Promise<JiraPort> {
  nock(SITE).get('/rest/api/3/myself').reply(200, fixture('myself'))
  return connect(BASIC)
}

async function dataCenter(): Promise<JiraPort> {
  nock(DC)
    .get('/rest/api/2/serverInfo')
    .reply(200, { deploymentType: 'DataCenter' })
    .get('/rest/api/2/myself')
    .reply(200, DC_ME)
  return connect(BEARER)
}

describe('an HTML page answering an issue read after /myself succeeded', () => {
  it('Cloud bulkfetch: one outage error naming the page, not "these issues do not exist"', async () => {
    const port = await cloud()
    const scope = nock(SITE).post('/rest/api/3/issue/bulkfetch').reply(200, BLOCKED, HTML)
    const error = await rejection(port.getIssues(['SHOP-12', 'SHOP-23']))
    expect(error).toBeInstanceOf(OutageError)
    expect(error.message).toBe(
      `Jira at ${SITE} answered POST /rest/api/3/issue/bulkfetch with an HTML page (“Request blocked”) instead of Jira's JSON (a proxy, firewall or single sign-on page in front of Jira?), so the action could not read issues.`
    )
    expect(scope.isDone()).toBe(true)
  })

  it('Data Center one-issue GET: the same', async () => {
    const port = await dataCenter()
    nock(DC).get('/rest/api/2/issue/SHOP-12').query(true).reply(200, SIGN_IN, HTML)
    const error = await rejection(port.getIssues(['SHOP-12']))
    expect(error).toBeInstanceOf(OutageError)
    expect(error.message).toBe(
      `Jira at ${DC} answered GET /rest/api/2/issue/SHOP-12 with an HTML page (“Sign in - Okta”) instead of Jira's JSON (a proxy, firewall or single sign-on page in front of Jira?), so the action could not read issues.`
    )
  })

  it('text that is not JSON, without a content type, is no answer either', async () => {
    const port = await cloud()
    nock(SITE).post('/rest/api/3/issue/bulkfetch').reply(200, 'Access denied')
    const error = await rejection(port.getIssues(['SHOP-12']))
    expect(error.message).toContain(
      "answered POST /rest/api/3/issue/bulkfetch with text instead of Jira's JSON"
    )
  })
})

interface Read {
  name: string
  read: (port: JiraPort) => Promise<unknown>
  /** The request as Cloud and as Data Center send it. */
  cloud: string
  dataCenter: string
  action: string
}

/** Each read that used to take a missing list (or value) for an empty one. */
const READS: Read[] = [
  {
    name: 'issues',
    read: (port) => port.getIssues(['SHOP-12']),
    cloud: 'POST /rest/api/3/issue/bulkfetch',
    dataCenter: 'GET /rest/api/2/issue/SHOP-12',
    action: 'read issues'
  },
  {
    name: 'a search page',
    read: (port) => port.searchIssues('project = SHOP'),
    cloud: 'GET /rest/api/3/search/jql',
    dataCenter: 'POST /rest/api/2/search',
    action: 'search issues with JQL'
  },
  {
    name: 'remote links',
    read: (port) => port.getRemoteLinks('SHOP-12'),
    cloud: 'GET /rest/api/3/issue/SHOP-12/remotelink',
    dataCenter: 'GET /rest/api/2/issue/SHOP-12/remotelink',
    action: 'read remote links'
  },
  {
    name: 'watchers',
    read: (port) => port.getWatchers('SHOP-12'),
    cloud: 'GET /rest/api/3/issue/SHOP-12/watchers',
    dataCenter: 'GET /rest/api/2/issue/SHOP-12/watchers',
    action: 'read the watchers of an issue'
  },
  {
    name: 'transitions',
    read: (port) => port.getTransitions('SHOP-12'),
    cloud: 'GET /rest/api/3/issue/SHOP-12/transitions',
    dataCenter: 'GET /rest/api/2/issue/SHOP-12/transitions',
    action: 'read the transitions of an issue'
  },
  {
    name: 'an issue property',
    read: (port) => port.getIssueProperty('SHOP-12', 'gitar-jira.comments'),
    cloud: 'GET /rest/api/3/issue/SHOP-12/properties/gitar-jira.comments',
    dataCenter: 'GET /rest/api/2/issue/SHOP-12/properties/gitar-jira.comments',
    action: 'read issue properties'
  },
  {
    name: 'issue link types',
    read: (port) => port.getIssueLinkTypes(),
    cloud: 'GET /rest/api/3/issueLinkType',
    dataCenter: 'GET /rest/api/2/issueLinkType',
    action: 'read issue link types'
  }
]

/** `request` ("GET /path") answered with `body`, whatever its query. */
function answer(site: string, request: string, body: string | object) {
  const [method, path] = request.split(' ') as [string, string]
  const scope = nock(site)
  const interceptor = method === 'POST' ? scope.post(path) : scope.get(path).query(true)
  return interceptor.reply(200, body, typeof body === 'string' ? HTML : undefined)
}

describe.each([
  { flavour: 'Cloud', portOf: cloud, site: SITE, requestOf: (r: Read) => r.cloud },
  { flavour: 'Data Center', portOf: dataCenter, site: DC, requestOf: (r: Read) => r.dataCenter }
])('$flavour: no read takes a page, or JSON without its list, for "none"', (flavour) => {
  const { portOf, site, requestOf } = flavour

  it.each(READS)('$name, answered with an HTML page', async (read) => {
    const port = await portOf()
    answer(site, requestOf(read), SIGN_IN)
    const error = await rejection(read.read(port))
    expect(error).toBeInstanceOf(OutageError)
    expect(error.message).toBe(
      `Jira at ${site} answered ${requestOf(read)} with an HTML page (“Sign in - Okta”) instead of Jira's JSON (a proxy, firewall or single sign-on page in front of Jira?), so the action could not ${read.action}.`
    )
  })

  it.each(READS)("$name, answered with JSON that is not Jira's", async (read) => {
    const port = await portOf()
    answer(site, requestOf(read), { message: 'blocked by policy' })
    const error = await rejection(read.read(port))
    expect(error).toBeInstanceOf(OutageError)
    expect(error.message).toMatch(
      new RegExp(
        `^Jira at ${site} answered the request to ${read.action} with JSON (without|that is not) .*, so the action could not ${read.action}\\.$`
      )
    )
  })
})

describe('an HTML sign-in page answering the credential check (/myself)', () => {
  it.each([
    ['Cloud', BASIC, SITE, 'GET /rest/api/3/myself'],
    ['Data Center', BEARER, DC, 'GET /rest/api/2/myself']
  ] as const)(
    '%s: jira-url named, not the token (which may well work)',
    async (_, auth, site, request) => {
      nock(site)
        .get('/rest/api/2/serverInfo')
        .optionally()
        .reply(200, SIGN_IN, HTML)
        .get(request.split(' ')[1]!)
        .reply(200, SIGN_IN, HTML)
      const error = await rejection(connect(auth))
      expect(error).toBeInstanceOf(UserError)
      expect((error as InstanceType<typeof UserError>).title).toBe('Jira URL')
      expect(error.message).toBe(
        `Input 'jira-url': ${site} answered the credential check (${request}) with an HTML page (“Sign in - Okta”) instead of Jira's JSON: a proxy or single sign-on page in front of Jira, or a URL that is not the Jira site's. Give the URL at which Jira's REST API answers the runner directly, e.g. https://your-site.atlassian.net (a Data Center site served under a context path keeps it: https://host/jira).`
      )
      expect(error.message).not.toMatch(/anonymous|expired|revoked/)
    }
  )
})
