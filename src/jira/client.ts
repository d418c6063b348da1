/**
 * `connectJira`: from a resolved credential to a checked JiraPort. Builds the transport for the
 * auth mode (OAuth first fetches a token and finds the site), then checks the credential with
 * `/myself`, so a dead token stops the run before anything is read or written.
 */
import * as core from '@actions/core'
import { UserError } from '../util/errors.js'
import { logLine } from '../util/log.js'
import {
  createRepoSecretStore,
  type RepoSecretStore,
  type SecretsOctokit
} from '../github/repo-secret.js'
import type { Inputs } from '../inputs.js'
import { resolveJiraAuth, type JiraAuth } from './auth.js'
import { CloudJira } from './cloud.js'
import { DataCenterJira } from './data-center.js'
import type { CredentialInfo } from './errors.js'
import { connectOAuth, type OAuthEndpoints } from './oauth.js'
import type { JiraFlavour, JiraPort } from './port.js'
import type { RetryPolicy } from './retry.js'
import { createJiraTransport, type FetchLike, type SchemaMismatchBehaviour } from './transport.js'
import type { Client } from 'jira.js/core'

export type ConnectJiraOptions = (
  | { /** The action's inputs; resolved with `resolveJiraAuth`. */ inputs: Inputs; auth?: never }
  | { /** Already resolved (`resolveJiraAuth`). */ auth: JiraAuth; inputs?: never }
) &
  ConnectJiraSettings

export interface ConnectJiraSettings {
  /** The repository whose secret holds the 3LO refresh token. Default: GITHUB_REPOSITORY. */
  owner?: string
  repo?: string
  /** Octokit for the 3LO secret write-back (tests); default `getOctokit(secretsToken)`. */
  octokit?: SecretsOctokit
  /** Default: ATLASSIAN_AUTH_URL / ATLASSIAN_API_URL, else Atlassian's. */
  oauthEndpoints?: OAuthEndpoints
  /** Retries of 429/5xx (attempts, delays, injectable `sleep`). */
  retry?: RetryPolicy
  /** Default: the global fetch. */
  fetch?: FetchLike
  /** Responses unlike Jira's schema: debug line (default), nothing, or an error (tests). */
  onSchemaMismatch?: SchemaMismatchBehaviour
}

function repositoryFrom(options: ConnectJiraOptions): { owner: string; repo: string } {
  if (options.owner && options.repo) return { owner: options.owner, repo: options.repo }
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo) {
    throw new UserError(
      'GITHUB_REPOSITORY is not set, so the repository secret for the Jira refresh token is unknown.'
    )
  }
  return { owner, repo }
}

function basic(user: string, secret: string): string {
  // Masked in resolveJiraAuth already.
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`
}

async function endpointFor(
  auth: JiraAuth,
  options: ConnectJiraOptions
): Promise<{ baseUrl: string; siteUrl: string; authorization: string }> {
  switch (auth.mode) {
    case 'basic':
      return {
        baseUrl: auth.siteUrl,
        siteUrl: auth.siteUrl,
        authorization: basic(auth.email, auth.apiToken)
      }
    case 'basic-username':
      return {
        baseUrl: auth.siteUrl,
        siteUrl: auth.siteUrl,
        authorization: basic(auth.username, auth.password)
      }
    case 'bearer':
      return { baseUrl: auth.siteUrl, siteUrl: auth.siteUrl, authorization: `Bearer ${auth.token}` }
    case 'oauth-client-credentials':
    case 'oauth-3lo': {
      let secretStore: RepoSecretStore | undefined
      if (auth.mode === 'oauth-3lo') {
        secretStore = createRepoSecretStore({
          ...repositoryFrom(options),
          token: auth.secretsToken,
          octokit: options.octokit
        })
      }
      const session = await connectOAuth(auth, {
        endpoints: options.oauthEndpoints,
        secretStore,
        fetch: options.fetch,
        retry: options.retry
      })
      return {
        baseUrl: session.apiBaseUrl,
        siteUrl: session.siteUrl,
        authorization: `Bearer ${session.accessToken}`
      }
    }
  }
}

export async function connectJira(options: ConnectJiraOptions): Promise<JiraPort> {
  const auth = options.auth ?? resolveJiraAuth(options.inputs)
  const endpoint = await endpointFor(auth, options)
  const transport = createJiraTransport({
    baseUrl: endpoint.baseUrl,
    authorization: endpoint.authorization,
    fetch: options.fetch,
    retry: options.retry,
    onSchemaMismatch: options.onSchemaMismatch
  })
  const credential: CredentialInfo = { mode: auth.mode, siteUrl: endpoint.siteUrl }
  // A self-hosted credential almost always means Data Center: its /myself goes out beside
  // serverInfo rather than after it (one round trip less), and is dropped if the site is Cloud.
  const dataCenter = selfHosted(auth) ? new DataCenterJira(transport, credential) : null
  const dataCenterMe = dataCenter?.myself()
  dataCenterMe?.catch(() => undefined) // awaited below when it counts
  const flavour = await detectFlavour(auth, transport)
  const jira =
    flavour.flavour === 'data-center'
      ? (dataCenter ?? new DataCenterJira(transport, credential))
      : new CloudJira(transport, credential)
  core.info(
    `Jira flavour: ${flavour.flavour === 'cloud' ? 'Cloud' : 'Data Center'} (${flavour.why}).`
  )
  const me = jira === dataCenter && dataCenterMe ? await dataCenterMe : await jira.myself()
  logLine(`Connected to Jira at ${jira.siteUrl} as ${me.displayName} (${auth.mode}).`)
  return jira
}

/**
 * Cloud or Data Center/Server. The email + API token and OAuth modes exist only on Cloud; for a
 * PAT (bearer) or username + password, `/rest/api/2/serverInfo` tells (`deploymentType`), and
 * when it can't be read those modes mean a self-hosted Jira.
 */
export async function detectFlavour(
  auth: JiraAuth,
  transport: Client
): Promise<{ flavour: JiraFlavour; why: string }> {
  if (!selfHosted(auth)) {
    return { flavour: 'cloud', why: `the ${auth.mode} credential is for Atlassian Cloud` }
  }
  let deploymentType: unknown
  try {
    const info = await transport.sendRequest<unknown>({
      method: 'GET',
      url: '/rest/api/2/serverInfo'
    })
    deploymentType = (info as { deploymentType?: unknown } | null)?.deploymentType
  } catch {
    // Unreadable (old Server, a proxy, a dead credential that /myself will name): the auth mode decides.
  }
  if (deploymentType === 'Cloud') {
    return { flavour: 'cloud', why: 'serverInfo says deploymentType Cloud' }
  }
  if (typeof deploymentType === 'string' && deploymentType !== '') {
    return { flavour: 'data-center', why: `serverInfo says deploymentType ${deploymentType}` }
  }
  return {
    flavour: 'data-center',
    why: `serverInfo could not be read; the ${auth.mode} credential is for a self-hosted Jira`
  }
}

/** The credential modes a self-hosted Jira takes (a PAT, or a username and password). */
function selfHosted(auth: JiraAuth): boolean {
  return auth.mode === 'bearer' || auth.mode === 'basic-username'
}
