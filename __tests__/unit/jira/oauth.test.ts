import { jest } from '@jest/globals'
import nock from 'nock'
import sodium from 'libsodium-wrappers'
import {
  API_URL,
  AUTH_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  CLOUD_ID,
  core,
  expectNoSecret,
  fixture,
  GITHUB_API,
  REFRESH_TOKEN,
  rejection as rejectionOf,
  SECRETS_TOKEN,
  shownText,
  SITE
} from './helpers.js'

const { connectJira } = await import('../../../src/jira/client.js')
const { UserError } = await import('../../../src/util/errors.js')
type JiraAuth = import('../../../src/jira/auth.js').JiraAuth

const OWNER = 'acme'
const REPO = 'shop'
const SECRETS_PATH = `/repos/${OWNER}/${REPO}/actions/secrets`
const GATEWAY = `/ex/jira/${CLOUD_ID}`
const CC_TOKEN = fixture('oauth-token-client-credentials').access_token as string
const TLO = fixture('oauth-token-refresh') as { access_token: string; refresh_token: string }

const CLIENT_CREDENTIALS: JiraAuth = {
  mode: 'oauth-client-credentials',
  siteUrl: SITE,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET
}
const THREE_LO: JiraAuth = {
  mode: 'oauth-3lo',
  siteUrl: SITE,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  refreshToken: REFRESH_TOKEN,
  refreshTokenSecret: 'JIRA_OAUTH_REFRESH_TOKEN',
  secretsToken: SECRETS_TOKEN
}

const events: string[] = []
let keyPair: { publicKey: Uint8Array; privateKey: Uint8Array }

beforeAll(async () => {
  await sodium.ready
  keyPair = sodium.crypto_box_keypair()
})

beforeEach(() => {
  jest.clearAllMocks()
  events.length = 0
  process.env.GITHUB_API_URL = GITHUB_API
})

afterAll(() => {
  delete process.env.GITHUB_API_URL
})

function connect(auth: JiraAuth) {
  return connectJira({
    auth,
    owner: OWNER,
    repo: REPO,
    oauthEndpoints: { authUrl: AUTH_URL, apiUrl: API_URL },
    onSchemaMismatch: 'throw',
    retry: { sleep: async () => {} }
  })
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await rejectionOf(promise, [CC_TOKEN, TLO.access_token, TLO.refresh_token])
  expect(error).toBeInstanceOf(UserError)
  return error
}

function tokenEndpoint(answer: object, expectedBody: object, status = 200) {
  return nock(AUTH_URL)
    .post('/oauth/token', (body) => {
      events.push('token')
      expect(body).toEqual(expectedBody)
      return true
    })
    .matchHeader('content-type', 'application/json')
    .reply(status, answer)
}

function sites(token: string, resources = fixture('accessible-resources')) {
  return nock(API_URL)
    .get('/oauth/token/accessible-resources')
    .matchHeader('authorization', `Bearer ${token}`)
    .reply(200, () => {
      events.push('sites')
      return resources
    })
}

function myself(token: string) {
  return nock(API_URL)
    .get(`${GATEWAY}/rest/api/3/myself`)
    .matchHeader('authorization', `Bearer ${token}`)
    .reply(200, () => {
      events.push('myself')
      return fixture('myself')
    })
}

function github() {
  return nock(GITHUB_API).matchHeader('authorization', `token ${SECRETS_TOKEN}`)
}

function publicKey(status = 200) {
  return github()
    .get(`${SECRETS_PATH}/public-key`)
    .reply(status, () => {
      events.push('public-key')
      return status === 200
        ? {
            key_id: '568250167242549743',
            key: sodium.to_base64(keyPair.publicKey, sodium.base64_variants.ORIGINAL)
          }
        : { message: 'Resource not accessible by integration', status: `${status}` }
    })
}

describe('OAuth client credentials (service account)', () => {
  it('gets a token, picks the site matching jira-url, and calls Jira through the gateway', async () => {
    const scopes = [
      tokenEndpoint(fixture('oauth-token-client-credentials'), {
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET
      }),
      sites(CC_TOKEN),
      myself(CC_TOKEN)
    ]

    const port = await connect(CLIENT_CREDENTIALS)

    expect(scopes.every((s) => s.isDone())).toBe(true)
    expect(events).toEqual(['token', 'sites', 'myself'])
    expect(core.setSecret).toHaveBeenCalledWith(CC_TOKEN)
    // Browse links use the human site, not the gateway.
    expect(port.siteUrl).toBe(SITE)
    nock(API_URL).post(`${GATEWAY}/rest/api/3/issue/bulkfetch`).reply(200, fixture('bulkfetch'))
    expect((await port.getIssues(['EX-1']))[0]?.url).toBe(`${SITE}/browse/EX-1`)
  })

  it('uses the only site when jira-url is not set', async () => {
    tokenEndpoint(fixture('oauth-token-client-credentials'), expect.any(Object))
    sites(CC_TOKEN, fixture('accessible-resources').slice(0, 1))
    myself(CC_TOKEN)
    const port = await connect({ ...CLIENT_CREDENTIALS, siteUrl: undefined })
    expect(port.siteUrl).toBe(SITE)
  })

  it('asks for jira-url, listing the sites, when several are reachable', async () => {
    tokenEndpoint(fixture('oauth-token-client-credentials'), expect.any(Object))
    sites(CC_TOKEN)
    const error = await rejection(connect({ ...CLIENT_CREDENTIALS, siteUrl: undefined }))
    expect(error.message).toBe(
      "The OAuth credential reaches several Jira sites; set 'jira-url' to the one to use:\n  - https://your-domain.atlassian.net\n  - https://other-site.atlassian.net"
    )
  })

  it('lists the reachable sites when jira-url is not one of them', async () => {
    tokenEndpoint(fixture('oauth-token-client-credentials'), expect.any(Object))
    sites(CC_TOKEN)
    const error = await rejection(
      connect({ ...CLIENT_CREDENTIALS, siteUrl: 'https://elsewhere.atlassian.net' })
    )
    expect(error.message).toBe(
      "The OAuth credential cannot reach the site in 'jira-url' (https://elsewhere.atlassian.net). Sites it can reach:\n  - https://your-domain.atlassian.net\n  - https://other-site.atlassian.net\nSet 'jira-url' to one of them, or grant the credential access to that site."
    )
  })

  it('names the client credential inputs when Atlassian refuses them', async () => {
    tokenEndpoint(
      { error: 'access_denied', error_description: 'Unauthorized' },
      expect.any(Object),
      401
    )
    const error = await rejection(connect(CLIENT_CREDENTIALS))
    expect(error.message).toBe(
      "Atlassian refused the OAuth client credential in 'jira-oauth-client-id' and 'jira-oauth-client-secret' (access_denied). Check both values and that the service account's OAuth 2.0 credential still exists."
    )
  })

  it('names the scope when the token lacks one', async () => {
    tokenEndpoint(fixture('oauth-token-client-credentials'), expect.any(Object))
    sites(CC_TOKEN)
    nock(API_URL)
      .get(`${GATEWAY}/rest/api/3/myself`)
      .reply(401, { code: 401, message: 'Unauthorized; scope does not match' })
    const error = await rejection(connect(CLIENT_CREDENTIALS))
    expect(error.message).toBe(
      `Jira at ${SITE} refused to read the current user (/myself): the OAuth token from 'jira-oauth-client-id' and 'jira-oauth-client-secret' lacks the scope 'read:jira-user'. Add it to the app or service account credential and authorize again.`
    )
  })
})

describe('OAuth 3LO', () => {
  it('stores the rotated refresh token, sealed, before using the access token', async () => {
    let sealed: { encrypted_value: string; key_id: string } | undefined
    const scopes = [
      publicKey(),
      tokenEndpoint(fixture('oauth-token-refresh'), {
        grant_type: 'refresh_token',
        refresh_token: REFRESH_TOKEN,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET
      }),
      github()
        .put(`${SECRETS_PATH}/JIRA_OAUTH_REFRESH_TOKEN`, (body) => {
          events.push('store')
          sealed = body
          return true
        })
        .reply(204),
      sites(TLO.access_token),
      myself(TLO.access_token)
    ]

    await connect(THREE_LO)

    expect(scopes.every((s) => s.isDone())).toBe(true)
    expect(events).toEqual(['public-key', 'token', 'store', 'sites', 'myself'])
    expect(sealed?.key_id).toBe('568250167242549743')
    const opened = sodium.crypto_box_seal_open(
      sodium.from_base64(sealed?.encrypted_value ?? '', sodium.base64_variants.ORIGINAL),
      keyPair.publicKey,
      keyPair.privateKey
    )
    expect(sodium.to_string(opened)).toBe(TLO.refresh_token)
    expect(core.setSecret).toHaveBeenCalledWith(TLO.access_token)
    expect(core.setSecret).toHaveBeenCalledWith(TLO.refresh_token)
    expectNoSecret(shownText(), [TLO.access_token, TLO.refresh_token])
  })

  it('does not refresh when secrets-token cannot reach the secrets', async () => {
    publicKey(403)
    const token = tokenEndpoint(fixture('oauth-token-refresh'), expect.any(Object))
    const error = await rejection(connect(THREE_LO))
    expect(error.message).toBe(
      "Could not read the secrets public key of acme/shop (403): 'secrets-token' needs the repository permission \"Secrets: write\" (fine-grained token) or the 'repo' scope (classic token); GITHUB_TOKEN cannot write secrets."
    )
    expect(token.isDone()).toBe(false)
    expect(events).toEqual(['public-key'])
  })

  it('stops, and warns that the token was rotated, when the new one cannot be stored', async () => {
    publicKey()
    tokenEndpoint(fixture('oauth-token-refresh'), expect.any(Object))
    github().put(`${SECRETS_PATH}/JIRA_OAUTH_REFRESH_TOKEN`).reply(403, {
      message: 'Resource not accessible by personal access token',
      status: '403'
    })
    const jira = sites(TLO.access_token)

    const error = await rejection(connect(THREE_LO))

    expect(error.message).toBe(
      "Could not write the repository secret 'JIRA_OAUTH_REFRESH_TOKEN' of acme/shop (403): 'secrets-token' needs the repository permission \"Secrets: write\" (fine-grained token) or the 'repo' scope (classic token); GITHUB_TOKEN cannot write secrets."
    )
    expect(core.warning).toHaveBeenCalledWith(
      "Atlassian has already rotated the Jira refresh token, but the new one could not be stored in 'JIRA_OAUTH_REFRESH_TOKEN'. The token still in that secret works for about 10 more minutes; re-run this job within that window once 'secrets-token' can write secrets. After that, using it makes Atlassian revoke the grant, and someone must authorize the app again and store a new refresh token.",
      { title: 'Jira OAuth' }
    )
    // The access token was never used.
    expect(jira.isDone()).toBe(false)
  })

  it('explains a refused refresh token', async () => {
    publicKey()
    tokenEndpoint(
      { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' },
      expect.any(Object),
      403
    )
    const error = await rejection(connect(THREE_LO))
    expect(error.message).toBe(
      "Atlassian refused the refresh token in 'jira-oauth-refresh-token' (invalid_grant): it expired (90 days unused, 365 days at most), was revoked, or was already replaced by a newer one. Authorize the app again and store the new refresh token in the secret 'JIRA_OAUTH_REFRESH_TOKEN'."
    )
  })
})
