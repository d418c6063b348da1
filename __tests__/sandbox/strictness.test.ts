import { ACME } from '../../sandbox/scenarios/acme.js'
import { basic, useSandbox } from './client.js'

const { sandbox, jira, gh } = useSandbox()

describe('Jira strictness', () => {
  test('an unknown route answers as Jersey does', async () => {
    const r = await jira('/rest/api/3/issue/SHOP-1/nothing-here')
    expect(r.status).toBe(404)
    expect(r.body).toEqual({
      message: expect.stringMatching(
        /^null for uri: http:\/\/127\.0\.0\.1:\d+\/rest\/api\/3\/issue\/SHOP-1\/nothing-here$/
      ),
      'status-code': 404
    })
  })

  test('a known route with the wrong method is 405', async () => {
    const r = await jira('/rest/api/3/myself', { method: 'DELETE' })
    expect(r.status).toBe(405)
    expect(r.headers.get('allow')).toBe('GET')
  })

  test('the removed /rest/api/3/search answers 410 Gone', async () => {
    const r = await jira('/rest/api/3/search?jql=project%20%3D%20SHOP')
    expect(r.status).toBe(410)
    expect(r.body.errorMessages[0]).toMatch(/search\/jql/)
  })

  test('unknown query parameters are refused with Jira’s error shape', async () => {
    const r = await jira('/rest/api/3/issue/SHOP-1?fieldz=summary')
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ errorMessages: ["Unknown query parameter 'fieldz'."], errors: {} })
  })

  test('typed query parameters are checked', async () => {
    const r = await jira('/rest/api/3/search/jql?jql=project%3DSHOP&maxResults=lots')
    expect(r.status).toBe(400)
    expect(r.body.errorMessages[0]).toMatch(/maxResults/)
  })

  test('a body missing a required field is 400', async () => {
    const r = await jira('/rest/api/3/issue/bulkfetch', {
      method: 'POST',
      body: { fields: ['summary'] }
    })
    expect(r.status).toBe(400)
    expect(r.body.errorMessages).toEqual(['body.issueIdsOrKeys is required.'])
  })

  test('an unknown body field is refused where the schema is closed', async () => {
    const r = await jira('/rest/api/3/issue/bulkfetch', {
      method: 'POST',
      body: { issueIdsOrKeys: ['SHOP-1'], keys: [] }
    })
    expect(r.status).toBe(400)
    expect(r.body.errorMessages).toEqual(['Unrecognized field "keys".'])
  })

  test('malformed JSON is 400', async () => {
    const r = await jira('/rest/api/3/issue', { method: 'POST', raw: '{"fields": ' })
    expect(r.status).toBe(400)
    expect(r.body.errorMessages[0]).toMatch(/JSON/)
  })

  test('create issue validates as Jira does, all errors at once', async () => {
    const r = await jira('/rest/api/3/issue', {
      method: 'POST',
      body: {
        fields: {
          project: { key: 'NOPE' },
          summary: '',
          description: 'plain text',
          labels: ['two words'],
          parent: { key: 'SHOP-1' }
        }
      }
    })
    expect(r.status).toBe(400)
    expect(r.body).toEqual({
      errorMessages: [],
      errors: {
        project: 'Specify a valid project ID or key',
        issuetype: 'Specify an issue type',
        summary: 'You must specify a summary of the issue.',
        description:
          'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
        labels: "The label 'two words' contains spaces which is invalid.",
        parent: "Field 'parent' cannot be set. It is not on the appropriate screen, or unknown."
      }
    })
    expect(sandbox().state.jira.createdIssues).toEqual([])
  })

  test('an unknown issue is 404 with the permission-neutral message', async () => {
    const r = await jira('/rest/api/3/issue/UTF-8')
    expect(r).toMatchObject({
      status: 404,
      body: {
        errorMessages: ['Issue does not exist or you do not have permission to see it.'],
        errors: {}
      }
    })
  })

  describe('a dead API token', () => {
    const dead = basic(ACME.jiraEmail, 'revoked-token')

    test('/myself is 401 with X-Seraph-LoginReason', async () => {
      const r = await jira('/rest/api/3/myself', { auth: dead })
      expect(r.status).toBe(401)
      expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED')
    })

    test('search answers 200 and empty, as an anonymous user', async () => {
      const r = await jira('/rest/api/3/search/jql?jql=project%20%3D%20SHOP&fields=key', {
        auth: dead
      })
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ issues: [], isLast: true })
      expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED')
    })

    test('bulkfetch answers 200 with every key as an error', async () => {
      const r = await jira('/rest/api/3/issue/bulkfetch', {
        auth: dead,
        method: 'POST',
        body: { issueIdsOrKeys: ['SHOP-12'] }
      })
      expect(r.status).toBe(200)
      expect(r.body.issues).toEqual([])
      expect(r.body.issueErrors).toHaveLength(1)
    })

    test('writes are refused', async () => {
      const r = await jira('/rest/api/3/issue', {
        auth: dead,
        method: 'POST',
        body: { fields: {} }
      })
      expect(r.status).toBe(401)
    })
  })

  test('a Bearer personal access token is accepted; /myself shows the own hidden email', async () => {
    const r = await jira('/rest/api/3/myself', { auth: `Bearer ${ACME.jiraPat}` })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ accountId: 'u-bot', emailAddress: ACME.jiraEmail })
  })

  test('users with hidden emails have no emailAddress', async () => {
    const ben = await jira('/rest/api/3/user?accountId=u-ben')
    const ana = await jira('/rest/api/3/user?accountId=u-ana')
    expect(ben.body.emailAddress).toBeUndefined()
    expect(ana.body.emailAddress).toBe('ana@acme.test')
    expect((await jira('/rest/api/3/user?username=ben')).status).toBe(400)
  })
})

describe('GitHub strictness', () => {
  test('an unknown route is 404 Not Found', async () => {
    const r = await gh('/repos/acme/shop/pulls/42/nothing')
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ message: 'Not Found', status: '404' })
  })

  test('a non-numeric pull number is 404', async () => {
    expect((await gh('/repos/acme/shop/pulls/abc')).status).toBe(404)
  })

  test('an unknown repository is 404', async () => {
    expect((await gh('/repos/acme/nope/pulls/42')).status).toBe(404)
  })

  test('a missing required body field is 422', async () => {
    const r = await gh('/repos/acme/shop/issues/42/comments', {
      method: 'POST',
      body: { text: 'hi' }
    })
    expect(r.status).toBe(422)
    expect(r.body.message).toBe('Invalid request.\n\n"body" wasn\'t supplied.')
  })

  test('a body field of the wrong type is 422', async () => {
    const r = await gh('/repos/acme/shop/pulls/42', { method: 'PATCH', body: { title: 42 } })
    expect(r.status).toBe(422)
    expect(r.body.message).toMatch(/^Invalid request\.\n\nFor 'properties\/title'/)
  })

  test('unknown query parameters are 422', async () => {
    expect((await gh('/repos/acme/shop/pulls/42/files?perpage=5')).status).toBe(422)
  })

  test('malformed JSON is 400 Problems parsing JSON', async () => {
    const r = await gh('/repos/acme/shop/issues/42/comments', { method: 'POST', raw: '{' })
    expect(r).toMatchObject({ status: 400, body: { message: 'Problems parsing JSON' } })
  })

  test('tokens are checked', async () => {
    expect((await gh('/repos/acme/shop/pulls/42', { auth: 'token nope' })).body.message).toBe(
      'Bad credentials'
    )
    expect((await gh('/repos/acme/shop/pulls/42', { auth: null })).status).toBe(401)
  })
})

test('the request log has every request without secrets', async () => {
  const before = sandbox().requests.length
  await jira('/rest/api/3/serverInfo')
  const entry = sandbox().requests[before]!
  expect(entry).toMatchObject({
    service: 'jira',
    method: 'GET',
    path: '/rest/api/3/serverInfo',
    status: 200,
    operationId: 'getServerInfo'
  })
  expect(entry.headers.authorization).toBeUndefined()
  expect(JSON.stringify(sandbox().requests)).not.toContain(ACME.jiraApiToken)
})
