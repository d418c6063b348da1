/**
 * Jira failures as the fix the user must make: which credential (input names) and which
 * permission or OAuth scope. Never a token: messages are built from input names and Jira's
 * status line only.
 */
import {
  isApiError,
  isAuthError,
  isForbiddenError,
  isNetworkError,
  isNotFoundError,
  isRateLimitError,
  isScopeError,
  isServerError
} from 'jira.js'
import { OutageError, UserError } from '../util/errors.js'
import { networkCode } from '../util/network.js'
import { CREDENTIAL_INPUTS, type JiraAuthMode } from './auth.js'
import { isAnonymousAnswer } from './transport.js'
import { isUnexpectedAnswer } from './answer.js'
import { triesOf, type Tries } from './retry.js'

/** What a call needs, for the message when Jira refuses it. */
export interface JiraOperation {
  /** "read issues", phrased to follow "to". */
  action: string
  /** Jira permission(s), e.g. "Browse projects". */
  permission: string
  /** OAuth 2.0 classic scope, e.g. "read:jira-work". */
  scope: string
}

export const OPERATIONS = {
  myself: {
    action: 'read the current user (/myself)',
    permission: 'access to Jira on this site (a Jira product licence)',
    scope: 'read:jira-user'
  },
  readIssues: { action: 'read issues', permission: 'Browse projects', scope: 'read:jira-work' },
  readUsers: {
    action: 'look up a user',
    permission:
      'access to Jira on this site (and Browse users and groups where the site asks for it)',
    scope: 'read:jira-user'
  },
  searchIssues: {
    action: 'search issues with JQL',
    permission: 'Browse projects',
    scope: 'read:jira-work'
  },
  readRemoteLinks: {
    action: 'read remote links',
    permission: 'Browse projects',
    scope: 'read:jira-work'
  },
  writeRemoteLinks: {
    action: 'write remote links',
    permission: 'Browse projects and Link issues',
    scope: 'write:jira-work'
  },
  readWatchers: {
    action: 'read the watchers of an issue',
    permission: 'Browse projects and View voters and watchers',
    scope: 'read:jira-work'
  },
  readTransitions: {
    action: 'read the transitions of an issue',
    permission: 'Browse projects',
    scope: 'read:jira-work'
  },
  transitionIssues: {
    action: 'transition issues',
    permission: 'Transition issues',
    scope: 'write:jira-work'
  },
  writeComments: {
    action: 'comment on issues',
    permission: 'Add comments (and Edit own comments)',
    scope: 'write:jira-work'
  },
  readProperties: {
    action: 'read issue properties',
    permission: 'Browse projects',
    scope: 'read:jira-work'
  },
  writeProperties: {
    action: 'write issue properties',
    permission: 'Edit issues',
    scope: 'write:jira-work'
  },
  createIssues: { action: 'create issues', permission: 'Create issues', scope: 'write:jira-work' },
  editIssues: {
    action: 'edit issues (labels)',
    permission: 'Edit issues',
    scope: 'write:jira-work'
  },
  readLinkTypes: {
    action: 'read issue link types',
    permission: 'Browse projects (and issue linking turned on)',
    scope: 'read:jira-work'
  },
  linkIssues: { action: 'link issues', permission: 'Link issues', scope: 'write:jira-work' }
} satisfies Record<string, JiraOperation>

export interface CredentialInfo {
  mode: JiraAuthMode
  siteUrl: string
}

const TITLE = 'Jira credentials'

function isOAuth(mode: JiraAuthMode): boolean {
  return mode === 'oauth-client-credentials' || mode === 'oauth-3lo'
}

function renewHint(mode: JiraAuthMode): string {
  switch (mode) {
    case 'basic':
      return "Check that the email is the token owner's Atlassian account email and that the API token is neither expired nor revoked (create one at https://id.atlassian.com/manage-profile/security/api-tokens). On Jira Data Center or Server, leave 'jira-email' empty: give 'jira-username' with 'jira-api-token', or a personal access token alone in 'jira-api-token'."
    case 'bearer':
      return "Check that the personal access token is neither expired nor revoked; a Jira Cloud API token also needs 'jira-email'."
    case 'basic-username':
      return 'Check the user name and password/token; after too many failed logins Jira Data Center may ask for a CAPTCHA in the browser first.'
    case 'oauth-client-credentials':
      return "Check the service account's OAuth 2.0 credential in Atlassian administration (it may have been deleted or rotated)."
    case 'oauth-3lo':
      return 'The grant may have been revoked: authorize the app again and store the new refresh token.'
  }
}

const SITE_ROOT =
  "the site's root URL, e.g. https://your-site.atlassian.net, without a path such as /jira or /browse (a Data Center site served under a context path keeps it: https://host/jira)"

/**
 * The credential check is the run's first request to Jira: a host that does not resolve, a site
 * with no REST API at that path, or a page in place of Jira's answer is a wrong `jira-url` (or
 * a gateway in front of Jira) rather than Jira being down.
 */
function notJiraAt(error: unknown, site: string, mode: JiraAuthMode): string | null {
  if (isNetworkError(error) && networkCode(error) === 'ENOTFOUND') {
    return `Input 'jira-url': the host of ${site} does not resolve (ENOTFOUND). Check the site URL, e.g. https://your-site.atlassian.net.`
  }
  if (isNotFoundError(error) && mode === 'basic') {
    // An email means Jira Cloud's REST v3, which Data Center and Server do not serve.
    return `Input 'jira-url': ${site} has no Jira Cloud REST API (404 on /rest/api/3/myself). With 'jira-email' set, the action speaks to Jira Cloud (REST API v3), which a Jira Data Center or Server site answers with 404 even at the right URL: for such a site, leave 'jira-email' empty and set 'jira-username' with 'jira-api-token' (basic auth), or 'jira-api-token' alone (a personal access token). For a Jira Cloud site, give ${SITE_ROOT}.`
  }
  if (isNotFoundError(error)) {
    return `Input 'jira-url': ${site} has no Jira REST API (404 on /myself). Give ${SITE_ROOT}.`
  }
  if (isUnexpectedAnswer(error)) {
    return `Input 'jira-url': ${site} answered the credential check (${error.what ?? '/myself'}) with ${error.found}: a proxy or single sign-on page in front of Jira, or a URL that is not the Jira site's. Give the URL at which Jira's REST API answers the runner directly, e.g. https://your-site.atlassian.net (a Data Center site served under a context path keeps it: https://host/jira).`
  }
  return null
}

/** ", even after retrying", or why the call was not retried (or not retried further). */
function howTried(error: unknown, { attempts, creates, refusedWait }: Tries): string {
  if (refusedWait !== undefined) {
    const seconds = (ms: number) => Math.ceil(ms / 1000)
    const left =
      refusedWait.leftMs < refusedWait.budgetMs
        ? ` ${seconds(refusedWait.leftMs)} s left of the`
        : ''
    return `: Jira asked to wait ${seconds(refusedWait.askedMs)} s (Retry-After), more than the${left} ${seconds(refusedWait.budgetMs)} s of waiting the action allows a call`
  }
  if (attempts > 1) return ', even after retrying'
  if (creates && !isRateLimitError(error)) {
    return ': not retried, since Jira may have acted on it; the next run looks for it before writing again'
  }
  return ''
}

/** The user-facing error for a failed Jira call; errors without a known fix are returned as they are. */
export function toJiraError(
  error: unknown,
  op: JiraOperation,
  credential: CredentialInfo
): unknown {
  const inputs = CREDENTIAL_INPUTS[credential.mode]
  const site = credential.siteUrl
  const wrongUrl = op === OPERATIONS.myself ? notJiraAt(error, site, credential.mode) : null
  if (wrongUrl) return new UserError(wrongUrl, { title: 'Jira URL', cause: error })
  if (isAnonymousAnswer(error)) {
    return new UserError(
      `Jira at ${site} answered as an anonymous user, so the credential in ${inputs} was not accepted (${error.reason}). ${renewHint(credential.mode)}`,
      { title: TITLE, cause: error }
    )
  }
  if (isScopeError(error)) {
    return new UserError(
      `Jira at ${site} refused to ${op.action}: the OAuth token from ${inputs} lacks the scope '${op.scope}'. Add it to the app or service account credential and authorize again.`,
      { title: TITLE, cause: error }
    )
  }
  if (isAuthError(error)) {
    return new UserError(
      `Jira at ${site} rejected the credential in ${inputs} (401 Unauthorized) when trying to ${op.action}. ${renewHint(credential.mode)}`,
      { title: TITLE, cause: error }
    )
  }
  if (isForbiddenError(error)) {
    const scope = isOAuth(credential.mode) ? ` and the OAuth scope '${op.scope}'` : ''
    return new UserError(
      `Jira at ${site} refused to ${op.action} (403 Forbidden): the account behind ${inputs} needs the '${op.permission}' permission${scope} in the project.`,
      { title: 'Jira permissions', cause: error }
    )
  }
  if (isUnexpectedAnswer(error)) {
    return new OutageError(
      `Jira at ${site} answered ${error.what ?? `the request to ${op.action}`} with ${error.found} (a proxy, firewall or single sign-on page in front of Jira?), so the action could not ${op.action}.`,
      { title: 'Jira API', cause: error }
    )
  }
  if (isRateLimitError(error) || isServerError(error) || isNetworkError(error)) {
    const status = isApiError(error) ? `${error.status} ${error.statusText}`.trim() : error.message
    return new OutageError(
      `Jira at ${site} is unavailable: could not ${op.action} (${status})${howTried(error, triesOf(error))}.`,
      { title: 'Jira API', cause: error }
    )
  }
  return error
}

/**
 * The fields a 400 names in Jira's `errors` object (`{"errors": {"project": "…"}}`: Cloud and
 * Data Center answer a refused write alike); none for any other failure.
 */
export function fieldsRefused(error: unknown): string[] {
  if (!isApiError(error) || error.status !== 400) return []
  const { errors } = (error.body ?? {}) as { errors?: unknown }
  return errors !== null && typeof errors === 'object' ? Object.keys(errors) : []
}

/**
 * The values a JQL query names that Jira says do not exist: its 400 says "The value 'SHPO' does
 * not exist for the field 'project'." (Cloud and Data Center alike) for a project that is not
 * there or that the account cannot browse.
 */
export function valuesJiraLacks(error: unknown, field: string): string[] {
  if (!isApiError(error) || error.status !== 400) return []
  const { errorMessages } = (error.body ?? {}) as { errorMessages?: unknown }
  const said = Array.isArray(errorMessages) ? errorMessages.map(String) : [error.message]
  const values = said.flatMap((message) =>
    [...message.matchAll(/The value '([^']+)' does not exist for the field '([^']+)'/g)]
      .filter((match) => match[2] === field)
      .map((match) => match[1]!)
  )
  return [...new Set(values)]
}

/**
 * A request whose 404 is an answer, not a failure (a comment or link already gone, a property
 * never set, an issue the credential cannot see): `otherwise` then; any other error is thrown.
 */
export async function unlessNotFound<T, U>(request: Promise<T>, otherwise: U): Promise<T | U> {
  try {
    return await request
  } catch (error) {
    if (isNotFoundError(error)) return otherwise
    throw error
  }
}

/** Runs one Jira call and turns its failure into the message for the user. */
export async function describeFailure<T>(
  op: JiraOperation,
  credential: CredentialInfo,
  call: () => Promise<T>
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toJiraError(error, op, credential)
  }
}
