import { startSandbox, type Sandbox } from '../../sandbox/index.js'
import { ACME } from '../../sandbox/scenarios/acme.js'
import { call } from './client.js'

let sb: Sandbox
beforeEach(async () => {
  sb = await startSandbox()
})
afterEach(() => sb.close())

const token = (body: Record<string, string>) =>
  call(`${sb.authUrl}/oauth/token`, {
    method: 'POST',
    body: { client_id: ACME.oauthClientId, client_secret: ACME.oauthClientSecret, ...body }
  })
const refresh = (refresh_token: string) => token({ grant_type: 'refresh_token', refresh_token })

test('client credentials: a token, the site, then the API behind /ex/jira/{cloudId}', async () => {
  const t = await token({ grant_type: 'client_credentials' })
  expect(t.status).toBe(200)
  expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 })
  expect(t.body.refresh_token).toBeUndefined()
  const auth = `Bearer ${t.body.access_token}`

  const sites = await call(`${sb.apiUrl}/oauth/token/accessible-resources`, { auth })
  expect(sites.body).toEqual([
    expect.objectContaining({ id: sb.state.jira.cloudId, url: sb.jiraUrl })
  ])

  const base = `${sb.apiUrl}/ex/jira/${sites.body[0].id}`
  const me = await call(`${base}/rest/api/3/myself`, { auth })
  expect(me).toMatchObject({
    status: 200,
    body: { accountId: 'u-bot', self: expect.stringContaining('/ex/jira/') }
  })
  expect((await call(`${base}/rest/api/3/nope`, { auth })).status).toBe(404)
  expect((await call(`${base}/rest/api/3/myself`, { auth: 'Bearer forged' })).status).toBe(401)
  // An OAuth access token is not a credential for the site URL itself.
  expect((await call(`${sb.jiraUrl}/rest/api/3/myself`, { auth })).status).toBe(401)
})

test('wrong client secret or grant type', async () => {
  expect((await token({ grant_type: 'client_credentials', client_secret: 'x' })).body).toEqual({
    error: 'access_denied',
    error_description: 'Unauthorized'
  })
  expect((await token({ grant_type: 'password' })).status).toBe(400)
})

test('form-encoded token requests work too, and secrets never reach the log', async () => {
  const r = await call(`${sb.authUrl}/oauth/token`, {
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    raw: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: ACME.oauthClientId,
      client_secret: ACME.oauthClientSecret
    }).toString()
  })
  expect(r.status).toBe(200)
  expect(JSON.stringify(sb.requests)).not.toContain(ACME.oauthClientSecret)
})

test('refresh tokens rotate; the old one works for 10 minutes', async () => {
  const first = await refresh(ACME.oauthRefreshToken)
  expect(first.status).toBe(200)
  expect(first.body.refresh_token).not.toBe(ACME.oauthRefreshToken)
  sb.advanceTime(9 * 60_000)
  const again = await refresh(ACME.oauthRefreshToken)
  expect(again.status).toBe(200)
  const next = await refresh(first.body.refresh_token)
  expect(next.status).toBe(200)
})

test('reusing a replaced refresh token after 10 minutes revokes the whole family', async () => {
  const first = await refresh(ACME.oauthRefreshToken)
  const auth = `Bearer ${first.body.access_token}`
  expect((await call(`${sb.apiUrl}/oauth/token/accessible-resources`, { auth })).status).toBe(200)
  sb.advanceTime(11 * 60_000)
  const reuse = await refresh(ACME.oauthRefreshToken)
  expect(reuse).toMatchObject({ status: 403, body: { error: 'unauthorized_client' } })
  // The newest token of the family and its access tokens are dead too: a person must re-consent.
  expect((await refresh(first.body.refresh_token)).status).toBe(403)
  expect((await call(`${sb.apiUrl}/oauth/token/accessible-resources`, { auth })).status).toBe(401)
  expect(sb.state.oauth.revokedFamilies).toHaveLength(1)
})

test('access tokens expire after an hour', async () => {
  const t = await token({ grant_type: 'client_credentials' })
  sb.advanceTime(3_601_000)
  expect(
    (
      await call(`${sb.apiUrl}/oauth/token/accessible-resources`, {
        auth: `Bearer ${t.body.access_token}`
      })
    ).status
  ).toBe(401)
})
