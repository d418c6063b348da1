/**
 * Atlassian OAuth 2.0: a fresh access token (client credentials, or a 3LO refresh whose rotated
 * refresh token is stored back first), then the Jira site it reaches.
 */
import * as core from '@actions/core'
import { isApiError } from 'jira.js'
import { UserError } from '../util/errors.js'
import type { RepoPublicKey, RepoSecretStore } from '../github/repo-secret.js'
import { CREDENTIAL_INPUTS, type JiraAuth } from './auth.js'
import { sendHttp, type FetchLike } from './transport.js'
import type { RetryPolicy } from './retry.js'

export type OAuthAuth = Extract<JiraAuth, { mode: 'oauth-client-credentials' | 'oauth-3lo' }>

export interface OAuthEndpoints {
  /** Default https://auth.atlassian.com (env ATLASSIAN_AUTH_URL). */
  authUrl: string
  /** Default https://api.atlassian.com (env ATLASSIAN_API_URL). */
  apiUrl: string
}

export function oauthEndpoints(
  env: Record<string, string | undefined> = process.env
): OAuthEndpoints {
  const trim = (url: string): string => url.replace(/\/+$/, '')
  return {
    authUrl: trim(env.ATLASSIAN_AUTH_URL || 'https://auth.atlassian.com'),
    apiUrl: trim(env.ATLASSIAN_API_URL || 'https://api.atlassian.com')
  }
}

export interface OAuthSession {
  accessToken: string
  cloudId: string
  /** The human site URL (browse links), e.g. https://acme.atlassian.net */
  siteUrl: string
  /** Where REST calls go: `{api}/ex/jira/{cloudId}`. */
  apiBaseUrl: string
}

interface HttpDeps {
  fetch?: FetchLike
  retry?: RetryPolicy
}

const TITLE = 'Jira OAuth'
const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' }

interface TokenAnswer {
  accessToken: string
  refreshToken?: string
}

function tokenFailure(error: unknown, auth: OAuthAuth): unknown {
  if (!isApiError(error) || error.status >= 500 || error.status === 429) return error
  const body = (error.body ?? {}) as { error?: unknown }
  const code = typeof body.error === 'string' ? body.error : `${error.status}`
  if (auth.mode === 'oauth-3lo' && code === 'invalid_grant') {
    return new UserError(
      `Atlassian refused the refresh token in 'jira-oauth-refresh-token' (invalid_grant): it expired (90 days unused, 365 days at most), was revoked, or was already replaced by a newer one. Authorize the app again and store the new refresh token in the secret '${auth.refreshTokenSecret}'.`,
      { title: TITLE, cause: error }
    )
  }
  return new UserError(
    `Atlassian refused the OAuth client credential in 'jira-oauth-client-id' and 'jira-oauth-client-secret' (${code}). Check both values${auth.mode === 'oauth-client-credentials' ? " and that the service account's OAuth 2.0 credential still exists" : ''}.`,
    { title: TITLE, cause: error }
  )
}

async function requestToken(
  auth: OAuthAuth,
  endpoints: OAuthEndpoints,
  http: HttpDeps
): Promise<TokenAnswer> {
  const grant =
    auth.mode === 'oauth-3lo'
      ? { grant_type: 'refresh_token', refresh_token: auth.refreshToken }
      : { grant_type: 'client_credentials' }
  let body: unknown
  try {
    ;({ body } = await sendHttp(
      `${endpoints.authUrl}/oauth/token`,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({
          ...grant,
          client_id: auth.clientId,
          client_secret: auth.clientSecret
        })
      },
      'POST /oauth/token',
      http
    ))
  } catch (error) {
    throw tokenFailure(error, auth)
  }
  const answer = (body ?? {}) as { access_token?: unknown; refresh_token?: unknown }
  if (typeof answer.access_token !== 'string' || answer.access_token === '') {
    throw new Error('Atlassian answered the token request without an access_token.')
  }
  // Masked before anything else can happen to them.
  core.setSecret(answer.access_token)
  const refreshToken = typeof answer.refresh_token === 'string' ? answer.refresh_token : undefined
  if (refreshToken) core.setSecret(refreshToken)
  return { accessToken: answer.access_token, refreshToken }
}

interface AccessibleResource {
  id: string
  url: string
  name?: string
}

const normalise = (url: string): string => url.replace(/\/+$/, '').toLowerCase()

/** The site to use among those the token reaches: the one matching `jira-url`, or the only one. */
export function chooseSite(resources: AccessibleResource[], siteUrl?: string): AccessibleResource {
  const unique = [...new Map(resources.map((r) => [r.id, r])).values()]
  const list = unique.map((r) => `  - ${r.url}`).join('\n')
  if (unique.length === 0) {
    throw new UserError(
      'The OAuth credential reaches no Jira site: grant the app or service account access to a Jira site (with the scopes read:jira-work, write:jira-work, read:jira-user).',
      { title: TITLE }
    )
  }
  if (siteUrl !== undefined) {
    const match = unique.find((r) => normalise(r.url) === normalise(siteUrl))
    if (match !== undefined) return match
    throw new UserError(
      `The OAuth credential cannot reach the site in 'jira-url' (${siteUrl}). Sites it can reach:\n${list}\nSet 'jira-url' to one of them, or grant the credential access to that site.`,
      { title: TITLE }
    )
  }
  const [only, second] = unique
  if (only !== undefined && second === undefined) return only
  throw new UserError(
    `The OAuth credential reaches several Jira sites; set 'jira-url' to the one to use:\n${list}`,
    { title: TITLE }
  )
}

async function discoverSite(
  accessToken: string,
  auth: OAuthAuth,
  endpoints: OAuthEndpoints,
  http: HttpDeps
): Promise<AccessibleResource> {
  let body: unknown
  try {
    ;({ body } = await sendHttp(
      `${endpoints.apiUrl}/oauth/token/accessible-resources`,
      {
        method: 'GET',
        headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` }
      },
      'GET /oauth/token/accessible-resources',
      http
    ))
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) {
      throw new UserError(
        `Atlassian refused to list the sites of the OAuth token from ${CREDENTIAL_INPUTS[auth.mode]} (${error.status}).`,
        { title: TITLE, cause: error }
      )
    }
    throw error
  }
  const resources = (Array.isArray(body) ? body : []).filter(
    (r): r is AccessibleResource =>
      typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.url === 'string'
  )
  return chooseSite(resources, auth.siteUrl)
}

/**
 * 3LO refresh, in the order that loses the least when something fails:
 * 1. Read the repository's secrets public key first. It fails when `secrets-token` cannot reach
 *    the secrets at all (GITHUB_TOKEN, a token of another repository): nothing has been rotated
 *    yet, so the stored refresh token stays good and the error is harmless.
 * 2. Refresh. From here on Atlassian has replaced the stored token; the old one lives ~10 more
 *    minutes, and using it after that revokes the whole grant.
 * 3. Store the new refresh token BEFORE using the access token, so a run that fails later (a
 *    Jira error, a cancelled job) cannot lose it.
 * 4. If storing fails anyway (a token that can read but not write secrets), stop with an error
 *    and warn that the rotation already happened, while the old token is still usable: fixing
 *    the permission and re-running within ~10 minutes saves the grant.
 */
async function refreshAndStore(
  auth: Extract<OAuthAuth, { mode: 'oauth-3lo' }>,
  store: RepoSecretStore,
  endpoints: OAuthEndpoints,
  http: HttpDeps
): Promise<string> {
  const key: RepoPublicKey = await store.getPublicKey()
  const tokens = await requestToken(auth, endpoints, http)
  if (tokens.refreshToken === undefined || tokens.refreshToken === auth.refreshToken) {
    core.info('Atlassian did not rotate the refresh token: nothing to store.')
    return tokens.accessToken
  }
  try {
    await store.write(auth.refreshTokenSecret, tokens.refreshToken, key)
  } catch (error) {
    core.warning(
      `Atlassian has already rotated the Jira refresh token, but the new one could not be stored in '${auth.refreshTokenSecret}'. The token still in that secret works for about 10 more minutes; re-run this job within that window once 'secrets-token' can write secrets. After that, using it makes Atlassian revoke the grant, and someone must authorize the app again and store a new refresh token.`,
      { title: TITLE }
    )
    throw error
  }
  core.info(
    `Stored the rotated Jira refresh token in the repository secret '${auth.refreshTokenSecret}'.`
  )
  return tokens.accessToken
}

export interface ConnectOAuthOptions extends HttpDeps {
  endpoints?: OAuthEndpoints
  /** Where the 3LO refresh token is written back; required for `oauth-3lo`. */
  secretStore?: RepoSecretStore
}

export async function connectOAuth(
  auth: OAuthAuth,
  options: ConnectOAuthOptions = {}
): Promise<OAuthSession> {
  const endpoints = options.endpoints ?? oauthEndpoints()
  let accessToken: string
  if (auth.mode === 'oauth-3lo') {
    if (options.secretStore === undefined) {
      throw new Error('connectOAuth: a secret store is required for OAuth 3LO.')
    }
    accessToken = await refreshAndStore(auth, options.secretStore, endpoints, options)
  } else {
    accessToken = (await requestToken(auth, endpoints, options)).accessToken
  }
  const site = await discoverSite(accessToken, auth, endpoints, options)
  return {
    accessToken,
    cloudId: site.id,
    siteUrl: site.url.replace(/\/+$/, ''),
    apiBaseUrl: `${endpoints.apiUrl}/ex/jira/${site.id}`
  }
}
