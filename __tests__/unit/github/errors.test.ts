/**
 * What kind of failure a GitHub error is, as `fail-on-error: false` reads it: a setup mistake
 * (fails the step), an outage (a warning), or the refusal of one item (a warning).
 */
import { gitHubError } from '../../../src/github/errors.js'
import { errorKind } from '../../../src/util/errors.js'

const http = (status: number, message = 'refused') =>
  Object.assign(new Error(message), {
    status,
    request: { method: 'PATCH', url: 'https://api.github.com/repos/acme/shop/pulls/42' },
    response: { status, data: { message } }
  })
const graphql = (type: string) =>
  Object.assign(new Error('GraphQL'), {
    name: 'GraphqlResponseError',
    errors: [{ type, message: `${type} said` }]
  })

test.each([
  [401, 'user'],
  [403, 'user'],
  [404, 'user'],
  [422, 'other'],
  [503, 'outage']
])('HTTP %i is a failure of kind %s', (status, kind) => {
  expect(errorKind(gitHubError(http(status), 'pull-requests: write'))).toBe(kind)
})

test.each([
  ['FORBIDDEN', 'user'],
  ['NOT_FOUND', 'other'],
  ['INTERNAL', 'other'],
  ['RATE_LIMITED', 'outage']
])('GraphQL %s is a failure of kind %s', (type, kind) => {
  expect(errorKind(gitHubError(graphql(type), 'pull-requests: write'))).toBe(kind)
})
