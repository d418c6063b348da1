import { jest } from '@jest/globals'
import {
  API_TOKEN,
  CLIENT_ID,
  CLIENT_SECRET,
  core,
  EMAIL,
  expectNoSecret,
  inputs,
  PAT,
  REFRESH_TOKEN,
  SECRETS_TOKEN,
  shownText,
  SITE
} from './helpers.js'

const { resolveJiraAuth } = await import('../../../src/jira/auth.js')
const { UserError } = await import('../../../src/util/errors.js')

beforeEach(() => jest.clearAllMocks())

function failure(overrides: Parameters<typeof inputs>[0]): Error {
  try {
    resolveJiraAuth(inputs(overrides))
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    expectNoSecret(shownText(error))
    return error as Error
  }
  throw new Error('expected a UserError')
}

describe('resolveJiraAuth: complete modes', () => {
  it('email + API token is Cloud basic auth, and masks the derived base64 credential', () => {
    const auth = resolveJiraAuth(
      inputs({ jiraUrl: `${SITE}/`, jiraEmail: EMAIL, jiraApiToken: API_TOKEN })
    )
    expect(auth).toEqual({ mode: 'basic', siteUrl: SITE, email: EMAIL, apiToken: API_TOKEN })
    expect(core.setSecret).toHaveBeenCalledWith(
      Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')
    )
  })

  it('a token alone is a Data Center bearer PAT', () => {
    const auth = resolveJiraAuth(
      inputs({ jiraUrl: 'https://jira.example.com/jira', jiraApiToken: PAT })
    )
    expect(auth).toEqual({ mode: 'bearer', siteUrl: 'https://jira.example.com/jira', token: PAT })
  })

  it('username + token is Data Center basic auth', () => {
    const auth = resolveJiraAuth(
      inputs({ jiraUrl: 'https://jira.example.com', jiraUsername: 'jdoe', jiraApiToken: PAT })
    )
    expect(auth).toEqual({
      mode: 'basic-username',
      siteUrl: 'https://jira.example.com',
      username: 'jdoe',
      password: PAT
    })
    expect(core.setSecret).toHaveBeenCalledWith(Buffer.from(`jdoe:${PAT}`).toString('base64'))
  })

  it('client id + secret is OAuth client credentials; jira-url is optional', () => {
    expect(
      resolveJiraAuth(
        inputs({ jiraOauthClientId: CLIENT_ID, jiraOauthClientSecret: CLIENT_SECRET })
      )
    ).toEqual({
      mode: 'oauth-client-credentials',
      siteUrl: undefined,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET
    })
  })

  it('plus a refresh token and secrets-token is OAuth 3LO with the default secret name', () => {
    expect(
      resolveJiraAuth(
        inputs({
          jiraUrl: SITE,
          jiraOauthClientId: CLIENT_ID,
          jiraOauthClientSecret: CLIENT_SECRET,
          jiraOauthRefreshToken: REFRESH_TOKEN,
          secretsToken: SECRETS_TOKEN
        })
      )
    ).toEqual({
      mode: 'oauth-3lo',
      siteUrl: SITE,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
      refreshTokenSecret: 'JIRA_OAUTH_REFRESH_TOKEN',
      secretsToken: SECRETS_TOKEN
    })
  })
})

describe('resolveJiraAuth: one clear error', () => {
  it('names every mode when nothing is set', () => {
    expect(failure({}).message).toBe(
      [
        'No Jira credential is set. Set exactly one of:',
        "  - 'jira-email' + 'jira-api-token' (Jira Cloud API token)",
        "  - 'jira-api-token' alone (Jira Data Center personal access token)",
        "  - 'jira-username' + 'jira-api-token' (Jira Data Center/Server basic auth)",
        "  - 'jira-oauth-client-id' + 'jira-oauth-client-secret' (OAuth 2.0 service account)",
        "  - the two above + 'jira-oauth-refresh-token' and 'secrets-token' (OAuth 2.0 3LO)"
      ].join('\n')
    )
  })

  it('names the inputs of both modes when API-token and OAuth inputs are mixed', () => {
    const error = failure({
      jiraUrl: SITE,
      jiraEmail: EMAIL,
      jiraApiToken: API_TOKEN,
      jiraOauthClientId: CLIENT_ID
    })
    expect(error.message).toMatch(
      /^Conflicting Jira credentials: 'jira-email', 'jira-api-token' \(API token\) and 'jira-oauth-client-id' \(OAuth\) are both set\. Keep one mode:\n/
    )
  })

  it('refuses email and username together, and a missing token, in one message', () => {
    expect(failure({ jiraUrl: SITE, jiraEmail: EMAIL, jiraUsername: 'jdoe' }).message).toBe(
      "Incomplete Jira credential: 'jira-email' (Jira Cloud) and 'jira-username' (Jira Data Center) are both set; keep one; 'jira-email', 'jira-username' are set but 'jira-api-token' is empty."
    )
  })

  it('requires jira-url for API tokens', () => {
    expect(failure({ jiraEmail: EMAIL, jiraApiToken: API_TOKEN }).message).toBe(
      "Incomplete Jira credential: 'jira-url' is empty: API tokens need the site URL."
    )
  })

  it('names the missing half of an OAuth client credential', () => {
    expect(failure({ jiraOauthClientSecret: CLIENT_SECRET }).message).toBe(
      "Incomplete Jira OAuth credential: 'jira-oauth-client-secret' is set but 'jira-oauth-client-id' is empty. OAuth needs both the client id and the client secret."
    )
    expect(
      failure({ jiraOauthClientId: CLIENT_ID, jiraOauthRefreshToken: REFRESH_TOKEN }).message
    ).toContain("but 'jira-oauth-client-secret' is empty")
  })

  it('refuses 3LO without secrets-token, explaining the rotation, before any request', () => {
    const error = failure({
      jiraOauthClientId: CLIENT_ID,
      jiraOauthClientSecret: CLIENT_SECRET,
      jiraOauthRefreshToken: REFRESH_TOKEN,
      jiraOauthRefreshTokenSecret: 'MY_JIRA_REFRESH'
    })
    expect(error.message).toBe(
      "'jira-oauth-refresh-token' is set but 'secrets-token' is empty, so the action will not refresh the token. Atlassian rotates the refresh token on every refresh and, when a replaced token is used again later, revokes the whole grant (someone must then authorize the app again). The action therefore refreshes only when it can store the new token in the repository secret 'MY_JIRA_REFRESH'. Add 'secrets-token' with a token allowed to write repository secrets (fine-grained token with \"Secrets: write\"; GITHUB_TOKEN cannot), or use an OAuth service account ('jira-oauth-client-id' + 'jira-oauth-client-secret' alone), which has nothing to store."
    )
    // resolveJiraAuth is synchronous and does no I/O: with net connect disabled in setup, a
    // request would have failed the test; nothing else was attempted.
  })
})

describe('jira-url', () => {
  it.each([
    ['your-company.atlassian.net', '.'],
    ['ftp://jira.example.com', '.'],
    ['/browse/ABC-1', '.'],
    [
      `https://me:${API_TOKEN}@jira.example.com`,
      ', without a user name or password in it: pass credentials in their own inputs.'
    ],
    ['https://jira.example.com/?a=1', ', without a query or fragment.']
  ])('refuses bad URL %#, naming the input but not the value', (jiraUrl, end) => {
    const error = failure({ jiraUrl, jiraEmail: EMAIL, jiraApiToken: API_TOKEN })
    expect(error.message).toBe(
      `Input 'jira-url' must be an absolute http(s) URL of the Jira site, such as https://your-company.atlassian.net${end}`
    )
  })

  it('accepts http:// on a non-loopback host with a warning', () => {
    const auth = resolveJiraAuth(
      inputs({ jiraUrl: 'http://jira.internal:8080', jiraApiToken: PAT })
    )
    expect(auth).toMatchObject({ siteUrl: 'http://jira.internal:8080' })
    expect(core.warning).toHaveBeenCalledWith(
      "'jira-url' uses http:// for jira.internal: the Jira credential crosses the network unencrypted. Use https:// unless this is a test instance on a trusted network.",
      { title: 'Jira credentials' }
    )
  })

  it.each(['http://localhost:8080', 'http://127.0.0.1:2990/jira', 'http://[::1]:8080'])(
    'accepts %s without a warning',
    (jiraUrl) => {
      resolveJiraAuth(inputs({ jiraUrl, jiraApiToken: PAT }))
      expect(core.warning).not.toHaveBeenCalled()
    }
  )
})
