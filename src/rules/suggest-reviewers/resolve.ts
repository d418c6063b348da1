/**
 * The lookups behind the mapping, through the GitHub port, each made at most once per run: a
 * person on several issues, or a login two people share, costs one request. What the lookups
 * found for a Jira user is remembered across runs when a `LoginMemory` is given (the Actions
 * cache); the `users` table is read first every time, so a config change wins at once.
 */
import type { GitHubPort, GitHubUser, RepoPermission } from '../../github/port.js'
import type { JiraUser } from '../../jira/port.js'
import {
  fromPublicEmails,
  fromUsersTable,
  loginCandidates,
  pickAgreeing,
  type Resolution
} from './mapping.js'
import type { MatchVia } from './model.js'

export type LookupPort = Pick<GitHubPort, 'findCommitAuthors' | 'getUser' | 'getPermission'>

/** What the email lookups found for a Jira user: a login, or nobody. */
export type LookedUp = { login: string; via: Exclude<MatchVia, 'users table'> } | { login: null }

/**
 * The Jira user → GitHub login map kept across runs. `recall` answers only for the email the
 * answer was found by, and only while it is fresh.
 */
export interface LoginMemory {
  recall(user: JiraUser & { email: string }): Promise<LookedUp | undefined>
  remember(user: JiraUser & { email: string }, found: LookedUp): Promise<void>
}

export interface Resolver {
  resolve(user: JiraUser): Promise<Resolution>
  permission(login: string): Promise<RepoPermission>
}

/** Remembers each answer (its promise) by a case-insensitive key. */
function memo<T>(fetch: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const known = new Map<string, Promise<T>>()
  return (key) => {
    const id = key.toLowerCase()
    let answer = known.get(id)
    if (answer === undefined) {
      answer = fetch(key)
      known.set(id, answer)
    }
    return answer
  }
}

export function createResolver(
  github: LookupPort,
  users: Record<string, string>,
  memory?: LoginMemory
): Resolver {
  const commitAuthors = memo((email) => github.findCommitAuthors(email))
  const profile = memo((login) => github.getUser(login))
  const permission = memo((login) => github.getPermission(login))
  const byJiraId = new Map<string, Promise<Resolution>>()

  async function lookUp(user: JiraUser): Promise<Resolution> {
    const listed = fromUsersTable(user, users)
    if (listed !== null) return { login: listed, via: 'users table' }
    const email = user.email
    if (!email) return { login: null, emailHidden: true }
    const withEmail = { ...user, email }
    let found = await memory?.recall(withEmail)
    if (found === undefined) {
      found = await byEmail(user, email)
      await memory?.remember(withEmail, found)
    }
    return found.login === null ? { login: null, emailHidden: false } : found
  }

  async function byEmail(user: JiraUser, email: string): Promise<LookedUp> {
    const authors = await commitAuthors(email)
    if (authors.length === 1) return { login: authors[0]!, via: 'commit email' }
    if (authors.length > 1) {
      const profiles = await Promise.all(authors.map((login) => profile(login)))
      const picked = pickAgreeing(
        user,
        profiles.filter((p): p is GitHubUser => p !== null)
      )
      if (picked !== null) return { login: picked, via: 'commit email' }
    }
    // One at a time: the first account whose public email agrees ends the search.
    for (const login of loginCandidates(user.displayName)) {
      const found = await profile(login)
      const match = found === null ? null : fromPublicEmails(user, [found])
      if (match !== null) return { login: match, via: 'public email' }
    }
    return { login: null }
  }

  return {
    resolve(user) {
      let answer = byJiraId.get(user.id)
      if (answer === undefined) {
        answer = lookUp(user)
        byJiraId.set(user.id, answer)
      }
      return answer
    },
    permission
  }
}
