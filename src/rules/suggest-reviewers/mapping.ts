/**
 * Pure: from a Jira user to a GitHub login, never by a guess alone. In order:
 *  1. the config's `users` table, by Jira accountId or email (Data Center: user key, username);
 *  2. the Jira email (where the site shows it) as a commit author email of the repository;
 *  3. the Jira email as the public email of a GitHub account.
 * A display name only helps to choose between accounts whose email agrees; it never maps alone.
 * The lookups that feed these decisions live in `resolve.ts`.
 */
import type { GitHubUser } from '../../github/port.js'
import type { JiraUser } from '../../jira/port.js'
import type { MatchVia } from './model.js'

export interface Match {
  login: string
  via: MatchVia
}

export type Resolution = Match | { login: null; emailHidden: boolean }

const LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i

export const isLogin = (value: string): boolean => LOGIN.test(value)

export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase()
}

/** Words of a name, without accents or case: "José  Núñez-Ruiz" → jose nunez ruiz. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

const sameName = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && nameWords(a).join(' ') === nameWords(b).join(' ')

/**
 * Step 1: the `users` table, keyed by accountId (Data Center: user key), by Data Center username
 * (any case, as Jira compares them) or by email (any case).
 */
export function fromUsersTable(user: JiraUser, users: Record<string, string>): string | null {
  const byId = users[user.id]
  if (byId) return byId
  const { name } = user
  const entry = Object.entries(users).find(
    ([key]) =>
      (name !== undefined && key.toLowerCase() === name.toLowerCase()) || sameEmail(key, user.email)
  )
  return entry?.[1] ?? null
}

/**
 * Among accounts whose email agrees with the Jira user's: the only one, or the only one whose
 * name agrees too. Null when there is none, or several that nothing tells apart.
 */
export function pickAgreeing(user: JiraUser, accounts: GitHubUser[]): string | null {
  const unique = accounts.filter(
    (a, i) => accounts.findIndex((b) => b.login.toLowerCase() === a.login.toLowerCase()) === i
  )
  if (unique.length <= 1) return unique[0]?.login ?? null
  const named = unique.filter((a) => sameName(a.name, user.displayName))
  return named.length === 1 ? named[0]!.login : null
}

/** Step 3: the accounts whose public email is the Jira user's email. */
export function fromPublicEmails(user: JiraUser, profiles: GitHubUser[]): string | null {
  if (!user.email) return null
  return pickAgreeing(
    user,
    profiles.filter((p) => sameEmail(p.email, user.email))
  )
}

/**
 * The logins to look at for a public email: the usual shapes of a login made from the
 * display name (eliromero, eli-romero, eromero, eli). Only a public email that agrees makes
 * one of them a match.
 */
export function loginCandidates(displayName: string): string[] {
  const words = nameWords(displayName)
  const first = words[0]
  if (first === undefined) return []
  const last = words[words.length - 1]!
  const forms =
    words.length === 1
      ? [first]
      : [words.join(''), words.join('-'), `${first[0]!}${last}`, `${first}${last[0]!}`, first]
  return [...new Set(forms)].filter(isLogin)
}

/** A bot account: by its login (`name[bot]`) or by GitHub's account type. */
export function isBot(login: string, type?: string): boolean {
  return /\[bot\]$/i.test(login) || type === 'Bot'
}
