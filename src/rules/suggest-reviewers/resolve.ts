/**
 * The lookups behind the mapping, through the GitHub port, each made at most once per run: a
 * person on several issues, or a login two people share, costs one request.
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

export type LookupPort = Pick<GitHubPort, 'findCommitAuthors' | 'getUser' | 'getPermission'>

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

export function createResolver(github: LookupPort, users: Record<string, string>): Resolver {
  const commitAuthors = memo((email) => github.findCommitAuthors(email))
  const profile = memo((login) => github.getUser(login))
  const permission = memo((login) => github.getPermission(login))
  const byJiraId = new Map<string, Promise<Resolution>>()

  async function lookUp(user: JiraUser): Promise<Resolution> {
    const listed = fromUsersTable(user, users)
    if (listed !== null) return { login: listed, via: 'users table' }
    const email = user.email
    if (!email) return { login: null, emailHidden: true }

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
    return { login: null, emailHidden: false }
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
