/**
 * The action's inputs (action.yml), read once into one typed object. An input left empty is
 * `undefined`, so it defers to the config file and then to the built-in defaults.
 */
import * as core from '@actions/core'
import { DEFAULT_CONFIG_PATH } from './config/defaults.js'
import { RULE_NAMES, type RuleName } from './config/settings.js'
import { UserError, UserErrors } from './util/errors.js'

export interface Inputs {
  jiraUrl?: string
  jiraEmail?: string
  jiraUsername?: string
  jiraApiToken?: string
  jiraOauthClientId?: string
  jiraOauthClientSecret?: string
  jiraOauthRefreshToken?: string
  jiraOauthRefreshTokenSecret: string
  secretsToken?: string
  githubToken: string
  /** Only the rule toggles that were set. */
  rules: Partial<Record<RuleName, boolean>>
  configPath: string
  dryRun?: boolean
  failOnError?: boolean
}

/** Inputs that hold secrets: masked before anything is logged. */
export const SECRET_INPUTS = [
  'jira-api-token',
  'jira-oauth-client-secret',
  'jira-oauth-refresh-token',
  'secrets-token',
  'github-token'
] as const

type Reader = (name: string) => string

const fromCore: Reader = (name) => core.getInput(name)

function optional(read: Reader, name: string): string | undefined {
  const value = read(name).trim()
  return value === '' ? undefined : value
}

function optionalBoolean(read: Reader, name: string): boolean | undefined {
  const value = optional(read, name)
  if (value === undefined) return undefined
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw new UserError(`Input '${name}' must be 'true' or 'false', got '${value}'.`, {
    title: 'Invalid input'
  })
}

/** Every input mistake at once (one annotation each), so one fix-and-rerun round fixes them all. */
export function readInputs(read: Reader = fromCore): Inputs {
  const problems: UserError[] = []
  const invalid = (message: string) =>
    problems.push(new UserError(message, { title: 'Invalid input' }))
  const boolean = (name: string) => {
    try {
      return optionalBoolean(read, name)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      problems.push(error)
      return undefined
    }
  }
  for (const name of SECRET_INPUTS) {
    const value = read(name).trim()
    if (value !== '') core.setSecret(value)
    // A token sent in a header with a line break in it would make fetch throw a message that
    // quotes the header, token included: stop here, naming only the input.
    if ([...value].some((c) => c < ' ' || c === '\u007f')) {
      invalid(
        `Input '${name}' has a line break or another control character inside it: check the secret for a stray line break where it was pasted.`
      )
    }
  }
  const rules: Partial<Record<RuleName, boolean>> = {}
  for (const rule of RULE_NAMES) {
    const value = boolean(rule)
    if (value !== undefined) rules[rule] = value
  }
  const githubToken = optional(read, 'github-token')
  if (githubToken === undefined) {
    invalid(
      "Input 'github-token' is empty. Leave it unset to use the workflow's GITHUB_TOKEN, or pass a token."
    )
  }
  const dryRun = boolean('dry-run')
  const failOnError = boolean('fail-on-error')
  if (problems.length === 1) throw problems[0]
  if (problems.length > 1 || githubToken === undefined) throw new UserErrors(problems)
  return {
    jiraUrl: optional(read, 'jira-url'),
    jiraEmail: optional(read, 'jira-email'),
    jiraUsername: optional(read, 'jira-username'),
    jiraApiToken: optional(read, 'jira-api-token'),
    jiraOauthClientId: optional(read, 'jira-oauth-client-id'),
    jiraOauthClientSecret: optional(read, 'jira-oauth-client-secret'),
    jiraOauthRefreshToken: optional(read, 'jira-oauth-refresh-token'),
    jiraOauthRefreshTokenSecret:
      optional(read, 'jira-oauth-refresh-token-secret') ?? 'JIRA_OAUTH_REFRESH_TOKEN',
    secretsToken: optional(read, 'secrets-token'),
    githubToken,
    rules,
    configPath: optional(read, 'config-path') ?? DEFAULT_CONFIG_PATH,
    dryRun,
    failOnError
  }
}
