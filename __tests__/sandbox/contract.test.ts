import { loadSpec, OpenApi } from '../../sandbox/openapi.js'
import { adfFromText } from '../../sandbox/index.js'
import { ACME } from '../../sandbox/scenarios/acme.js'
import { useSandbox } from './client.js'

const { jira, gh } = useSandbox()
const specs = { jira: new OpenApi(loadSpec('jira')), github: new OpenApi(loadSpec('github')) }

// Rows are [api, method, path, body?, token?]; test.each passes them as one array (a 4th function
// parameter would make jest wait for a `done` callback). GitHub calls use GITHUB_TOKEN unless the
// row names ACME's personal token.
const cases: Array<[keyof typeof specs, string, string, unknown?, 'personal token'?]> = [
  ['jira', 'GET', '/rest/api/3/myself'],
  ['jira', 'GET', '/rest/api/3/serverInfo'],
  [
    'jira',
    'POST',
    '/rest/api/3/issue/bulkfetch',
    { issueIdsOrKeys: ['SHOP-12', 'NOPE-1'], fields: ['*all'] }
  ],
  ['jira', 'GET', '/rest/api/3/search/jql?jql=project%3DSHOP&fields=*all&maxResults=3'],
  ['jira', 'GET', '/rest/api/3/issue/SHOP-12'],
  ['jira', 'GET', '/rest/api/3/issue/SHOP-12/transitions'],
  ['jira', 'GET', '/rest/api/3/issue/SHOP-12/transitions?expand=transitions.fields'],
  ['jira', 'GET', '/rest/api/3/issue/SHOP-12/comment'],
  ['jira', 'POST', '/rest/api/3/issue/SHOP-12/comment', { body: adfFromText('hello') }],
  [
    'jira',
    'POST',
    '/rest/api/3/issue/SHOP-12/remotelink',
    { globalId: 'g', object: { url: 'https://x', title: 't' } }
  ],
  ['jira', 'GET', '/rest/api/3/issue/SHOP-12/remotelink'],
  ['jira', 'GET', '/rest/api/3/issue/SHOP-12/watchers'],
  ['jira', 'PUT', '/rest/api/3/issue/SHOP-12', { update: { labels: [{ add: 'seen' }] } }],
  [
    'jira',
    'PUT',
    '/rest/api/3/issue/SHOP-12?returnIssue=true',
    { update: { labels: [{ remove: 'seen' }] } }
  ],
  [
    'jira',
    'POST',
    '/rest/api/3/issue',
    { fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'x' } }
  ],
  ['jira', 'GET', '/rest/api/3/project/search'],
  ['jira', 'GET', '/rest/api/3/issueLinkType'],
  ['jira', 'GET', '/rest/api/3/user?accountId=u-ana'],
  ['github', 'GET', '/repos/acme/shop'],
  ['github', 'GET', '/repos/acme/shop/pulls/42'],
  ['github', 'GET', '/repos/acme/shop/pulls/42/files'],
  ['github', 'GET', '/repos/acme/shop/pulls/42/commits'],
  ['github', 'GET', '/repos/acme/shop/pulls/42/reviews'],
  ['github', 'GET', '/repos/acme/shop/pulls/42/requested_reviewers'],
  ['github', 'POST', '/repos/acme/shop/issues/42/comments', { body: 'x' }],
  ['github', 'GET', '/repos/acme/shop/issues/42/comments'],
  ['github', 'GET', '/repos/acme/shop/contents/.github/gitar-jira.yml'],
  ['github', 'GET', '/repos/acme/shop/collaborators/chenwei/permission'],
  ['github', 'GET', '/repos/acme/shop/commits'],
  ['github', 'GET', '/users/ana-lima'],
  ['github', 'GET', '/user', undefined, 'personal token'],
  ['github', 'GET', '/user'] // GITHUB_TOKEN: 403
]

test.each(cases.map((c) => [c]))(
  '%j answers what the OpenAPI description promises',
  async ([api, method, path, body, token]) => {
    const auth = token ? { auth: `token ${ACME.secretsToken}` } : {}
    const r = await (api === 'jira' ? jira : gh)(path, { method, body, ...auth })
    const match = specs[api].match(method, new URL(path, 'http://x').pathname)
    if (match.kind !== 'match') throw new Error('no operation')
    const schema = match.route.operation.responses[String(r.status)]?.schema
    expect(schema).toBeDefined()
    // GET …/remotelink without globalId answers an array of what the description calls one link.
    const values = Array.isArray(r.body) && path.endsWith('/remotelink') ? r.body : [r.body]
    for (const value of values)
      expect(specs[api].validate(schema!, value, 'response').map((p) => p.message)).toEqual([])
  }
)
