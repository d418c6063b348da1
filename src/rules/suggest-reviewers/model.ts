/** What suggest-reviewers finds and decides, in the terms the report speaks. */

export type Role = 'reporter' | 'assignee' | 'watcher'

/** One way a person is tied to the PR's work: "watcher of ABC-12". */
export interface Tie {
  role: Role
  issueKey: string
}

/** How a Jira user was matched to a GitHub login. */
export type MatchVia = 'users table' | 'commit email' | 'public email'

export interface ReviewerSuggestion {
  login: string
  /** The login's profile page (no @-mention: a link notifies nobody). */
  url: string
  /** The Jira user's display name (text from Jira: escape it where it lands). */
  name: string
  ties: Tie[]
  score: number
  via: MatchVia
  /** The action requested this review on an earlier run and it is still pending. */
  requestedEarlier: boolean
}

/** A Jira person who maps to no GitHub login. */
export interface UnmappedPerson {
  /** Jira accountId (Cloud) or username (Data Center): a key for the `users` table. */
  id: string
  name: string
  ties: Tie[]
  /** Jira hides their email, so only the `users` table can name their login. */
  emailHidden: boolean
}

/** At most this many people are looked up on GitHub, best ranked first. */
export const MAX_PEOPLE = 15

/** What the rule decided: the report renders it, the outputs list the suggestions. */
export interface ReviewerPlan {
  mode: 'comment' | 'request'
  /** Ranked, at most `max`. */
  suggested: ReviewerSuggestion[]
  unmapped: UnmappedPerson[]
  /**
   * The linked issues' people not looked up on GitHub: ranked below the best MAX_PEOPLE, or
   * below those that gave `max` suggestions first.
   */
  notLookedUp: number
  /** The action requested them before; someone removed the request since: not asked again. */
  removed: string[]
  /** Mapped to a login, but without access to the repository: never suggested. */
  noAccess: { login: string; name: string }[]
}
