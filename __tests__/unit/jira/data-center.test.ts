import { jest } from '@jest/globals'
import nock from 'nock'
import { basicHeader, core, EMAIL, API_TOKEN, PAT, rejection } from './helpers.js'

const { connectJira } = await import('../../../src/jira/client.js')
const { UserError } = await import('../../../src/util/errors.js')
const { paragraph, text, link } = await import('../../../src/richtext/model.js')
type Block = import('../../../src/richtext/model.js').Block
const doc = (...blocks: Block[]) => ({ blocks })
type JiraAuth = import('../../../src/jira/auth.js').JiraAuth

const DC = 'https://jira.acme.test'
const BEARER: JiraAuth = { mode: 'bearer', siteUrl: DC, token: PAT }
const USERNAME: JiraAuth = { mode: 'basic-username', siteUrl: DC, username: 'jdoe', password: PAT }

const ME = {
  self: `${DC}/rest/api/2/user?username=jdoe`,
  key: 'JIRAUSER10100',
  name: 'jdoe',
  emailAddress: 'jdoe@acme.test',
  displayName: 'Jane Doe',
  active: true
}

function dcIssue(key: string, extra: Record<string, unknown> = {}) {
  return {
    id: String(10000 + Number(key.split('-')[1])),
    key,
    self: `${DC}/rest/api/2/issue/${key}`,
    fields: {
      summary: `Summary of ${key}`,
      status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
      project: { key: key.split('-')[0] },
      issuetype: { name: 'Task' },
      assignee: { key: 'JIRAUSER10100', name: 'jdoe', displayName: 'Jane Doe', active: true },
      reporter: null,
      ...extra
    }
  }
}

beforeEach(() => jest.clearAllMocks())

function jira() {
  return nock(DC)
}

async function connect(auth: JiraAuth = BEARER) {
  return connectJira({ auth, onSchemaMismatch: 'throw', retry: { sleep: async () => {} } })
}

/** A Data Center port over a PAT: serverInfo and /myself already answered. */
async function connected(auth: JiraAuth = BEARER) {
  jira()
    .get('/rest/api/2/serverInfo')
    .reply(200, { deploymentType: 'DataCenter', version: '9.12.0' })
  jira().get('/rest/api/2/myself').reply(200, ME)
  return connect(auth)
}

describe('flavour detection', () => {
  it.each([
    ['DataCenter', BEARER, `Bearer ${PAT}`],
    ['Server', USERNAME, basicHeader('jdoe', PAT)]
  ])(
    'serverInfo deploymentType %s: Data Center over REST v2, with the auth header',
    async (deploymentType, auth, header) => {
      const scope = jira()
        .get('/rest/api/2/serverInfo')
        .matchHeader('authorization', header)
        .reply(200, { deploymentType, version: '9.12.0' })
        .get('/rest/api/2/myself')
        .matchHeader('authorization', header)
        .reply(200, ME)

      const port = await connect(auth)

      expect(port.flavour).toBe('data-center')
      expect(port.siteUrl).toBe(DC)
      expect(scope.isDone()).toBe(true)
      expect(core.info).toHaveBeenCalledWith(
        `Jira flavour: Data Center (serverInfo says deploymentType ${deploymentType}).`
      )
      expect(core.info).toHaveBeenCalledWith(
        `Connected to Jira at ${DC} as Jane Doe (${auth.mode}).`
      )
    }
  )

  it('serverInfo and /myself go out together: no round trip waits for the flavour', async () => {
    const arrived: Record<string, number> = {}
    const at = (name: string) => () => {
      arrived[name] = Date.now()
      return true
    }
    jira()
      .get('/rest/api/2/serverInfo')
      .query(at('serverInfo'))
      .delay(300)
      .reply(200, { deploymentType: 'DataCenter', version: '9.12.0' })
    jira().get('/rest/api/2/myself').query(at('myself')).reply(200, ME)
    const port = await connect()
    expect(port.flavour).toBe('data-center')
    expect(Math.abs(arrived.myself! - arrived.serverInfo!)).toBeLessThan(200)
    expect(core.info).toHaveBeenCalledWith(`Connected to Jira at ${DC} as Jane Doe (bearer).`)
  })

  it('serverInfo deploymentType Cloud: a PAT-style token on Cloud stays Cloud (REST v3)', async () => {
    const scope = jira()
      .get('/rest/api/2/serverInfo')
      .reply(200, { deploymentType: 'Cloud' })
      // Asked beside serverInfo, in case the site is Data Center; unused on Cloud.
      .get('/rest/api/2/myself')
      .reply(200, { accountId: '5b10a', displayName: 'Mia Krystof' })
      .get('/rest/api/3/myself')
      .reply(200, { accountId: '5b10a', displayName: 'Mia Krystof' })
    const port = await connect()
    expect(port.flavour).toBe('cloud')
    expect(scope.isDone()).toBe(true)
    expect(core.info).toHaveBeenCalledWith(
      'Jira flavour: Cloud (serverInfo says deploymentType Cloud).'
    )
  })

  it('bearer and basic-username mean Data Center when serverInfo cannot be read', async () => {
    jira().get('/rest/api/2/serverInfo').reply(404, 'Not found')
    jira().get('/rest/api/2/myself').reply(200, ME)
    const port = await connect(USERNAME)
    expect(port.flavour).toBe('data-center')
    expect(core.info).toHaveBeenCalledWith(
      'Jira flavour: Data Center (serverInfo could not be read; the basic-username credential is for a self-hosted Jira).'
    )
  })

  it('email + API token is Cloud without asking serverInfo', async () => {
    const scope = jira()
      .get('/rest/api/3/myself')
      .reply(200, { accountId: '5b10a', displayName: 'Mia Krystof' })
    const port = await connect({ mode: 'basic', siteUrl: DC, email: EMAIL, apiToken: API_TOKEN })
    expect(port.flavour).toBe('cloud')
    expect(scope.isDone()).toBe(true)
    expect(core.info).toHaveBeenCalledWith(
      'Jira flavour: Cloud (the basic credential is for Atlassian Cloud).'
    )
  })

  it('a dead PAT (served as anonymous) is named as such by /myself', async () => {
    jira()
      .get('/rest/api/2/serverInfo')
      .reply(
        200,
        { deploymentType: 'DataCenter' },
        { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' }
      )
    jira()
      .get('/rest/api/2/myself')
      .reply(401, { errorMessages: ['You are not authenticated.'] })
    const error = await rejection(connect())
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain(
      "rejected the credential in 'jira-api-token' (401 Unauthorized)"
    )
  })

  it('myself() without a key or name is an anonymous answer', async () => {
    jira().get('/rest/api/2/serverInfo').reply(200, { deploymentType: 'DataCenter' })
    jira().get('/rest/api/2/myself').reply(200, { displayName: 'Anonymous' })
    const error = await rejection(connect())
    expect(error.message).toContain('answered as an anonymous user')
  })
})

describe('DataCenterJira: the requests a Data Center Jira receives', () => {
  it('myself() maps a DC user by key', async () => {
    const port = await connected()
    jira().get('/rest/api/2/myself').reply(200, ME)
    expect(await port.myself()).toEqual({
      id: 'JIRAUSER10100',
      name: 'jdoe',
      displayName: 'Jane Doe',
      email: 'jdoe@acme.test',
      active: true
    })
  })

  it('getIssues: one GET per key under /rest/api/2, unknown keys left out', async () => {
    const port = await connected()
    const scope = jira()
      .get('/rest/api/2/issue/EX-1')
      .query({ fields: 'summary,status,project,issuetype,assignee,reporter' })
      .matchHeader('authorization', `Bearer ${PAT}`)
      .reply(200, dcIssue('EX-1'))
      .get('/rest/api/2/issue/EX-404')
      .query(true)
      .reply(404, { errorMessages: ['Issue Does Not Exist'], errors: {} })
      .get('/rest/api/2/issue/EX-2')
      .query(true)
      .reply(200, dcIssue('EX-2'))

    const issues = await port.getIssues(['EX-1', 'ex-404', 'EX-2', 'EX-1'])

    expect(scope.isDone()).toBe(true)
    expect(issues.map((i) => i.key)).toEqual(['EX-1', 'EX-2'])
    expect(issues[0]).toMatchObject({
      id: '10001',
      projectKey: 'EX',
      summary: 'Summary of EX-1',
      status: { name: 'In Progress', category: 'indeterminate' },
      assignee: { id: 'JIRAUSER10100', displayName: 'Jane Doe' },
      url: `${DC}/browse/EX-1`
    })
  })

  it('getIssues with details: asks for the fields the ranker reads, and maps them', async () => {
    const port = await connected()
    const scope = jira()
      .get('/rest/api/2/issue/EX-1')
      .query({
        fields:
          'summary,status,project,issuetype,assignee,reporter,description,components,labels,created,updated,fixVersions'
      })
      .reply(
        200,
        dcIssue('EX-1', {
          description: 'h1. Title',
          components: [{ name: 'shell' }],
          labels: ['cli']
        })
      )

    const [issue] = await port.getIssues(['EX-1'], { details: true })

    expect(scope.isDone()).toBe(true)
    expect(issue?.details).toMatchObject({
      description: 'h1. Title',
      components: ['shell'],
      labels: ['cli']
    })
  })

  it('getIssues with links: asks for issuelinks, and maps the issue at the other end of each', async () => {
    const port = await connected()
    const relates = { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
    const scope = jira()
      .get('/rest/api/2/issue/EX-9')
      .query({ fields: 'summary,status,project,issuetype,assignee,reporter,issuelinks' })
      .reply(
        200,
        dcIssue('EX-9', {
          issuelinks: [
            { id: '1', type: relates, outwardIssue: { id: '10001', key: 'EX-1' } },
            { id: '2', type: relates, inwardIssue: { id: '10002', key: 'EX-2' } }
          ]
        })
      )
      .get('/rest/api/2/issue/EX-3')
      .query(true)
      .reply(200, dcIssue('EX-3', { issuelinks: [] }))

    const issues = await port.getIssues(['EX-9', 'EX-3'], { links: true })

    expect(scope.isDone()).toBe(true)
    expect(issues.map((i) => i.links)).toEqual([
      [
        { type: 'Relates', key: 'EX-1' },
        { type: 'Relates', key: 'EX-2' }
      ],
      []
    ])
  })

  it('getIssues: a 403 is not swallowed as "unknown"', async () => {
    const port = await connected()
    jira()
      .get('/rest/api/2/issue/EX-1')
      .query(true)
      .reply(403, { errorMessages: ['No'] })
    const error = await rejection(port.getIssues(['EX-1']))
    expect(error.message).toContain('refused to read issues (403 Forbidden)')
  })

  it('searchIssues: POST /rest/api/2/search with startAt paging, bounded by max', async () => {
    const port = await connected()
    const bodies: unknown[] = []
    const scope = jira()
      .post('/rest/api/2/search', (b: Record<string, unknown>) => (bodies.push(b), b.startAt === 0))
      .reply(200, {
        startAt: 0,
        maxResults: 2,
        total: 5,
        issues: [dcIssue('EX-1', { description: 'h1. Title\n*bold*' }), dcIssue('EX-2')]
      })
      .post('/rest/api/2/search', (b: Record<string, unknown>) => (bodies.push(b), b.startAt === 2))
      .reply(200, {
        startAt: 2,
        maxResults: 2,
        total: 5,
        issues: [dcIssue('EX-3'), dcIssue('EX-4')]
      })

    const issues = await port.searchIssues('project = EX', { max: 3, details: true })

    expect(scope.isDone()).toBe(true)
    expect(issues.map((i) => i.key)).toEqual(['EX-1', 'EX-2', 'EX-3'])
    expect(issues[0]?.details?.description).toBe('h1. Title\n*bold*')
    expect(bodies[0]).toEqual({
      jql: 'project = EX',
      startAt: 0,
      maxResults: 3,
      fields: [
        'summary',
        'status',
        'project',
        'issuetype',
        'assignee',
        'reporter',
        'description',
        'components',
        'labels',
        'created',
        'updated',
        'fixVersions'
      ]
    })
    expect(bodies[1]).toMatchObject({ startAt: 2, maxResults: 1 })
  })

  it('searchIssues stops at the last page (total reached)', async () => {
    const port = await connected()
    const scope = jira()
      .post('/rest/api/2/search')
      .reply(200, { startAt: 0, maxResults: 50, total: 1, issues: [dcIssue('EX-1')] })
    expect((await port.searchIssues('project = EX')).map((i) => i.key)).toEqual(['EX-1'])
    expect(scope.isDone()).toBe(true)
  })

  it('remote links: read, upsert (POST, whole body), delete by globalId (404 is fine)', async () => {
    const port = await connected()
    const pr = 'https://github.com/o/r/pull/1'
    let posted: Record<string, unknown> = {}
    const scope = jira()
      .get('/rest/api/2/issue/EX-1/remotelink')
      .reply(200, [
        {
          id: 10000,
          globalId: `github-pr=${pr}`,
          relationship: 'mentioned in',
          object: { url: pr, title: 'PR #1', status: { resolved: false } }
        }
      ])
      .post(
        '/rest/api/2/issue/EX-1/remotelink',
        (b: Record<string, unknown>) => ((posted = b), true)
      )
      .reply(201, { id: 10000, self: `${DC}/rest/api/2/issue/EX-1/remotelink/10000` })
      .delete('/rest/api/2/issue/EX-1/remotelink')
      .query({ globalId: `github-pr=${pr}` })
      .reply(404)

    expect(await port.getRemoteLinks('EX-1')).toEqual([
      {
        id: 10000,
        globalId: `github-pr=${pr}`,
        url: pr,
        title: 'PR #1',
        relationship: 'mentioned in',
        resolved: false
      }
    ])
    await port.upsertRemoteLink('EX-1', {
      globalId: `github-pr=${pr}`,
      url: pr,
      title: 'PR #1',
      relationship: 'mentioned in'
    })
    await port.deleteRemoteLink('EX-1', `github-pr=${pr}`)
    expect(scope.isDone()).toBe(true)
    expect(posted).toMatchObject({
      globalId: `github-pr=${pr}`,
      application: { type: 'com.github', name: 'GitHub' },
      relationship: 'mentioned in',
      object: { url: pr, title: 'PR #1', summary: '' }
    })
  })

  it('watchers are users by key/name', async () => {
    const port = await connected()
    jira()
      .get('/rest/api/2/issue/EX-1/watchers')
      .reply(200, {
        isWatching: false,
        watchCount: 2,
        watchers: [
          { key: 'JIRAUSER10100', name: 'jdoe', displayName: 'Jane Doe', active: true },
          { name: 'legacy', displayName: 'Legacy User', emailAddress: 'l@acme.test', active: false }
        ]
      })
    expect(await port.getWatchers('EX-1')).toEqual([
      { id: 'JIRAUSER10100', name: 'jdoe', displayName: 'Jane Doe', active: true },
      {
        id: 'legacy',
        name: 'legacy',
        displayName: 'Legacy User',
        email: 'l@acme.test',
        active: false
      }
    ])
  })

  it('findUser: a username or a user key, asked as a username first; JQL takes the name', async () => {
    const port = await connected()
    const scope = jira()
      .get('/rest/api/2/user')
      .query({ username: 'jdoe' })
      .reply(200, ME)
      .get('/rest/api/2/user')
      .query({ username: 'JIRAUSER10100' })
      .reply(404, { errorMessages: ["The user named 'JIRAUSER10100' does not exist"] })
      .get('/rest/api/2/user')
      .query({ key: 'JIRAUSER10100' })
      .reply(200, ME)
      .get('/rest/api/2/user')
      .query({ username: 'nobody' })
      .reply(404, { errorMessages: ["The user named 'nobody' does not exist"] })
      .get('/rest/api/2/user')
      .query({ key: 'nobody' })
      .reply(404, { errorMessages: ["The user with the key 'nobody' does not exist"] })

    const jane = { id: 'JIRAUSER10100', jql: 'jdoe' }
    expect(await port.findUser('jdoe')).toEqual(jane)
    expect(await port.findUser('JIRAUSER10100')).toEqual(jane)
    expect(await port.findUser('nobody')).toBeNull()
    expect(scope.isDone()).toBe(true)
  })

  it('findUser: a refusal is not "unknown"', async () => {
    const port = await connected()
    jira()
      .get('/rest/api/2/user')
      .query(true)
      .reply(403, { errorMessages: ['Browse users permission required.'] })
    const error = await rejection(port.findUser('jdoe'))
    expect(error.message).toContain('refused to look up a user (403 Forbidden)')
  })

  it('transitions: list, perform, and a 400 refusal is an outcome', async () => {
    const port = await connected()
    const scope = jira()
      .get('/rest/api/2/issue/EX-1/transitions')
      .query({ expand: 'transitions.fields' })
      .reply(200, {
        transitions: [
          {
            id: '31',
            name: 'Done',
            to: { id: '10002', name: 'Done', statusCategory: { key: 'done' } },
            fields: {
              resolution: {
                required: true,
                schema: { type: 'resolution', system: 'resolution' },
                name: 'Resolution',
                fieldId: 'resolution',
                hasDefaultValue: false,
                operations: ['set'],
                allowedValues: [{ id: '1', name: 'Fixed' }]
              }
            }
          }
        ]
      })
      .post('/rest/api/2/issue/EX-1/transitions', {
        transition: { id: '31' },
        fields: { resolution: { name: 'Fixed' } }
      })
      .reply(204)
      .post('/rest/api/2/issue/EX-1/transitions', { transition: { id: '41' } })
      .reply(400, { errorMessages: [], errors: { resolution: 'Resolution is required.' } })

    expect(await port.getTransitions('EX-1')).toEqual([
      {
        id: '31',
        name: 'Done',
        to: { id: '10002', name: 'Done', category: 'done' },
        screen: [
          {
            key: 'resolution',
            name: 'Resolution',
            required: true,
            hasDefault: false,
            allowed: ['Fixed']
          }
        ]
      }
    ])
    expect(
      await port.transitionIssue('EX-1', '31', { resolution: 'Fixed', prefer: ['Done', 'Fixed'] })
    ).toEqual({ ok: true })
    expect(await port.transitionIssue('EX-1', '41')).toEqual({
      ok: false,
      reason: 'resolution: Resolution is required.',
      fields: ['resolution']
    })
    expect(scope.isDone()).toBe(true)
  })

  it('a comment is deleted over v2; one already gone is no error', async () => {
    const port = await connected()
    const scope = jira()
      .delete('/rest/api/2/issue/EX-1/comment/10500')
      .reply(204)
      .delete('/rest/api/2/issue/EX-1/comment/10501')
      .reply(404, { errorMessages: ['Can not find a comment for the id: 10501.'] })
    await port.deleteComment('EX-1', '10500')
    await port.deleteComment('EX-1', '10501')
    expect(scope.isDone()).toBe(true)
  })

  it('comments are written in wiki markup, with v2 visibility; a deleted one updates to false', async () => {
    const port = await connected()
    const body = doc(
      paragraph(text('Merged '), link('o/r#1', 'https://github.com/o/r/pull/1'), text(' [x]*'))
    )
    const wiki = 'Merged [o/r\\#1|https://github.com/o/r/pull/1] \\[x\\]\\*'
    const scope = jira()
      .post('/rest/api/2/issue/EX-1/comment', {
        body: wiki,
        visibility: { type: 'role', value: 'Developers' }
      })
      .reply(201, { id: '10500', body: wiki })
      .get('/rest/api/2/issue/EX-1/comment/10500')
      .reply(200, { id: '10500', body: 'the summary before' })
      .put('/rest/api/2/issue/EX-1/comment/10500', { body: wiki })
      .reply(200, { id: '10500', body: wiki })
      .get('/rest/api/2/issue/EX-1/comment/10501')
      .reply(404, { errorMessages: ['Can not find a comment for the id: 10501.'] })

    expect(
      await port.addComment('EX-1', { body, visibility: { type: 'role', value: 'Developers' } })
    ).toBe('10500')
    expect(await port.updateComment('EX-1', '10500', { body })).toBe(true)
    expect(await port.updateComment('EX-1', '10501', { body })).toBe(false)
    expect(scope.isDone()).toBe(true)
  })

  it('an edit that changes nothing is not sent: Data Center has no notifyUsers, every PUT mails the watchers', async () => {
    const port = await connected()
    const body = doc(paragraph(text('Merged')))
    const visibility = { type: 'role' as const, value: 'Developers' }
    const scope = jira()
      .get('/rest/api/2/issue/EX-1/comment/10500')
      .reply(200, { id: '10500', body: 'Merged', visibility })
      .get('/rest/api/2/issue/EX-1/comment/10500')
      .reply(200, { id: '10500', body: 'Merged', visibility })
      .get('/rest/api/2/issue/EX-1/comment/10500')
      .reply(200, { id: '10500', body: 'Merged' })
      // The same text, now for Developers only: sent, with no query (v2 takes only `expand`).
      .put('/rest/api/2/issue/EX-1/comment/10500', { body: 'Merged', visibility })
      .reply(200, { id: '10500', body: 'Merged', visibility })

    expect(await port.updateComment('EX-1', '10500', { body })).toBe(true)
    expect(await port.updateComment('EX-1', '10500', { body, visibility })).toBe(true)
    expect(await port.updateComment('EX-1', '10500', { body, visibility })).toBe(true)
    expect(scope.isDone()).toBe(true)
  })

  it('issue properties: get (404 is null) and set', async () => {
    const port = await connected()
    const scope = jira()
      .get('/rest/api/2/issue/EX-1/properties/gitar-jira')
      .reply(200, { key: 'gitar-jira', value: { prs: [1] } })
      .get('/rest/api/2/issue/EX-2/properties/gitar-jira')
      .reply(404, { errorMessages: ['not found'] })
      .put('/rest/api/2/issue/EX-1/properties/gitar-jira', { prs: [1, 2] })
      .reply(200)

    expect(await port.getIssueProperty('EX-1', 'gitar-jira')).toEqual({ prs: [1] })
    expect(await port.getIssueProperty('EX-2', 'gitar-jira')).toBeNull()
    await port.setIssueProperty('EX-1', 'gitar-jira', { prs: [1, 2] })
    expect(scope.isDone()).toBe(true)
  })

  it('createIssue writes the description in wiki markup', async () => {
    const port = await connected()
    const scope = jira()
      .post('/rest/api/2/issue', {
        fields: {
          project: { key: 'EX' },
          issuetype: { name: 'Task' },
          summary: 'Follow up',
          description: '*Why*: see PR',
          labels: ['follow-up']
        }
      })
      .reply(201, { id: '10042', key: 'EX-42', self: `${DC}/rest/api/2/issue/10042` })

    expect(
      await port.createIssue({
        projectKey: 'EX',
        issueType: 'Task',
        summary: 'Follow up',
        description: doc(paragraph(text('Why', { type: 'strong' }), text(': see PR'))),
        labels: ['follow-up']
      })
    ).toEqual({ key: 'EX-42', id: '10042', url: `${DC}/browse/EX-42` })
    expect(scope.isDone()).toBe(true)
  })

  it('addLabels edits the issue, adding to the labels it has', async () => {
    const port = await connected()
    const scope = jira()
      .put('/rest/api/2/issue/EX-42', {
        update: { labels: [{ add: 'gitar-jira-todo-1' }, { add: 'gitar-jira-group-2' }] }
      })
      .reply(204)

    await port.addLabels('EX-42', ['gitar-jira-todo-1', 'gitar-jira-group-2'])
    expect(scope.isDone()).toBe(true)
  })

  it('issue link types and links', async () => {
    const port = await connected(USERNAME)
    const scope = jira()
      .get('/rest/api/2/issueLinkType')
      .matchHeader('authorization', basicHeader('jdoe', PAT))
      .reply(200, {
        issueLinkTypes: [
          { id: '10000', name: 'Relates', inward: 'relates to', outward: 'relates to' },
          { id: '10001' }
        ]
      })
      .post('/rest/api/2/issueLink', {
        type: { name: 'Relates' },
        inwardIssue: { key: 'EX-42' },
        outwardIssue: { key: 'EX-1' }
      })
      .reply(201)

    expect(await port.getIssueLinkTypes()).toEqual([
      { id: '10000', name: 'Relates', inward: 'relates to', outward: 'relates to' }
    ])
    await port.linkIssues('Relates', 'EX-42', 'EX-1')
    expect(scope.isDone()).toBe(true)
  })
})
