/**
 * Which Jira credential the inputs describe. Exactly one mode must be complete; anything else is
 * one UserError that names the inputs (never their values).
 */
import * as core from '@actions/core'
import type { Inputs } from '../inputs.js'
import { UserError } from '../util/errors.js'

export type JiraAuthMode =
  'basic' | 'bearer' | 'basic-username' | 'oauth-client-credentials' | 'oauth-3lo'

export type JiraAuth =
  /** Jira Cloud: email + API token, HTTP basic. */
  | { mode: 'basic'; siteUrl: string; email: string; apiToken: string }
  /** Jira Data Center personal access token, sent as a Bearer token. */
  | { mode: 'bearer'; siteUrl: string; token: string }
  /** Jira Data Center/Server: username + password or token, HTTP basic. */
  | { mode: 'basic-username'; siteUrl: string; username: string; password: string }
  /** OAuth 2.0 client credentials of an Atlassian service account. */
  | { mode: 'oauth-client-credentials'; siteUrl?: string; clientId: string; clientSecret: string }
  /** OAuth 2.0 (3LO) with a user's rotating refresh token, written back to a repository secret. */
  | {
      mode: 'oauth-3lo'
      siteUrl?: string
      clientId: string
      clientSecret: string
      refreshToken: string
      refreshTokenSecret: string
      secretsToken: string
    }

const TITLE = 'Jira credentials'

const MODES_HELP = [
  "  - 'jira-email' + 'jira-api-token' (Jira Cloud API token)",
  "  - 'jira-api-token' alone (Jira Data Center personal access token)",
  "  - 'jira-username' + 'jira-api-token' (Jira Data Center/Server basic auth)",
  "  - 'jira-oauth-client-id' + 'jira-oauth-client-secret' (OAuth 2.0 service account)",
  "  - the two above + 'jira-oauth-refresh-token' and 'secrets-token' (OAuth 2.0 3LO)"
].join('\n')

/** The inputs that make up a credential of each mode, for error messages. */
export const CREDENTIAL_INPUTS: Record<JiraAuthMode, string> = {
  basic: "'jira-email' and 'jira-api-token'",
  bearer: "'jira-api-token'",
  'basic-username': "'jira-username' and 'jira-api-token'",
  'oauth-client-credentials': "'jira-oauth-client-id' and 'jira-oauth-client-secret'",
  'oauth-3lo': "'jira-oauth-client-id', 'jira-oauth-client-secret' and 'jira-oauth-refresh-token'"
}

function quoteList(names: string[]): string {
  return names.map((n) => `'${n}'`).join(', ')
}

/** "'a' is set" / "'a', 'b' are set". */
function areSet(names: string[]): string {
  return `${quoteList(names)} ${names.length === 1 ? 'is' : 'are'} set`
}

function fail(message: string): never {
  throw new UserError(message, { title: TITLE })
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/**
 * `jira-url` as the site base URL without a trailing slash. A context path is kept (a Data
 * Center behind `/jira`); query, fragment and embedded credentials are refused.
 */
export function parseJiraUrl(value: string): string {
  const problem =
    "Input 'jira-url' must be an absolute http(s) URL of the Jira site, such as https://your-company.atlassian.net"
  let url: URL
  try {
    url = new URL(value)
  } catch {
    fail(`${problem}.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`${problem}.`)
  if (url.username !== '' || url.password !== '') {
    fail(`${problem}, without a user name or password in it: pass credentials in their own inputs.`)
  }
  if (url.search !== '' || url.hash !== '') fail(`${problem}, without a query or fragment.`)
  const hostname = url.hostname
  if (url.protocol === 'http:' && !LOOPBACK.test(hostname) && !hostname.endsWith('.localhost')) {
    core.warning(
      `'jira-url' uses http:// for ${hostname}: the Jira credential crosses the network unencrypted. Use https:// unless this is a test instance on a trusted network.`,
      { title: TITLE }
    )
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** Picks the one complete auth mode out of the inputs, or explains in one error why none is. */
export function resolveJiraAuth(inputs: Inputs): JiraAuth {
  const set = (value: string | undefined): boolean => value !== undefined && value !== ''
  const tokenInputs: Array<[string, string | undefined]> = [
    ['jira-email', inputs.jiraEmail],
    ['jira-username', inputs.jiraUsername],
    ['jira-api-token', inputs.jiraApiToken]
  ]
  const oauthInputs: Array<[string, string | undefined]> = [
    ['jira-oauth-client-id', inputs.jiraOauthClientId],
    ['jira-oauth-client-secret', inputs.jiraOauthClientSecret],
    ['jira-oauth-refresh-token', inputs.jiraOauthRefreshToken]
  ]
  const tokenSet = tokenInputs.filter(([, v]) => set(v)).map(([n]) => n)
  const oauthSet = oauthInputs.filter(([, v]) => set(v)).map(([n]) => n)

  if (tokenSet.length === 0 && oauthSet.length === 0) {
    fail(`No Jira credential is set. Set exactly one of:\n${MODES_HELP}`)
  }
  if (tokenSet.length > 0 && oauthSet.length > 0) {
    fail(
      `Conflicting Jira credentials: ${quoteList(tokenSet)} (API token) and ${quoteList(oauthSet)} (OAuth) are both set. Keep one mode:\n${MODES_HELP}`
    )
  }
  const siteUrl = inputs.jiraUrl === undefined ? undefined : parseJiraUrl(inputs.jiraUrl)

  if (tokenSet.length > 0) {
    const { jiraEmail: email, jiraUsername: username, jiraApiToken: token } = inputs
    const problems: string[] = []
    if (email !== undefined && username !== undefined) {
      problems.push(
        "'jira-email' (Jira Cloud) and 'jira-username' (Jira Data Center) are both set; keep one"
      )
    }
    if (token === undefined) {
      problems.push(`${areSet(tokenSet)} but 'jira-api-token' is empty`)
    }
    if (siteUrl === undefined) problems.push("'jira-url' is empty: API tokens need the site URL")
    if (problems.length > 0 || token === undefined || siteUrl === undefined) {
      fail(`Incomplete Jira credential: ${problems.join('; ')}.`)
    }
    if (email !== undefined) {
      // The header jira.js builds from these; masked before anything can log it.
      core.setSecret(Buffer.from(`${email}:${token}`, 'utf8').toString('base64'))
      return { mode: 'basic', siteUrl, email, apiToken: token }
    }
    if (username !== undefined) {
      core.setSecret(Buffer.from(`${username}:${token}`, 'utf8').toString('base64'))
      return { mode: 'basic-username', siteUrl, username, password: token }
    }
    // Sent as it is in a header: a character a header cannot carry would make fetch throw a
    // message quoting the header, token and all.
    if (![...token].every((c) => c >= ' ' && c <= '~')) {
      fail(
        "Input 'jira-api-token' has a character no personal access token has (outside printable ASCII): check the secret."
      )
    }
    return { mode: 'bearer', siteUrl, token }
  }

  const {
    jiraOauthClientId: clientId,
    jiraOauthClientSecret: clientSecret,
    jiraOauthRefreshToken: refreshToken
  } = inputs
  const missing = ['jira-oauth-client-id', 'jira-oauth-client-secret'].filter(
    (name) => !oauthSet.includes(name)
  )
  if (missing.length > 0 || clientId === undefined || clientSecret === undefined) {
    fail(
      `Incomplete Jira OAuth credential: ${areSet(oauthSet)} but ${quoteList(missing)} ${missing.length === 1 ? 'is' : 'are'} empty. OAuth needs both the client id and the client secret.`
    )
  }
  if (refreshToken === undefined) {
    return { mode: 'oauth-client-credentials', siteUrl, clientId, clientSecret }
  }
  const refreshTokenSecret = inputs.jiraOauthRefreshTokenSecret
  if (inputs.secretsToken === undefined) {
    fail(
      [
        "'jira-oauth-refresh-token' is set but 'secrets-token' is empty, so the action will not refresh the token.",
        'Atlassian rotates the refresh token on every refresh and, when a replaced token is used again later, revokes the whole grant (someone must then authorize the app again).',
        `The action therefore refreshes only when it can store the new token in the repository secret '${refreshTokenSecret}'.`,
        "Add 'secrets-token' with a token allowed to write repository secrets (fine-grained token with \"Secrets: write\"; GITHUB_TOKEN cannot), or use an OAuth service account ('jira-oauth-client-id' + 'jira-oauth-client-secret' alone), which has nothing to store."
      ].join(' ')
    )
  }
  return {
    mode: 'oauth-3lo',
    siteUrl,
    clientId,
    clientSecret,
    refreshToken,
    refreshTokenSecret,
    secretsToken: inputs.secretsToken
  }
}
