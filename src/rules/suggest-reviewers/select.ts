/**
 * Pure: who is suggested, from the ranked people, how they mapped and their access. Left out:
 * the PR's author, bots, people who reviewed already, people someone else requested, people the
 * action requested before and a human removed since, and logins without access to the repository.
 */
import type { SuggestReviewersSettings } from '../../config/settings.js'
import type { PrFacts, RepoPermission } from '../../github/port.js'
import type { ReviewerPlan, ReviewerSuggestion } from './model.js'
import { isBot, type Resolution } from './mapping.js'
import type { RankedPerson } from './people.js'

/** What the lookups found: only for the people and logins that were looked at. */
export interface Gathered {
  people: RankedPerson[]
  /** The linked issues' people beyond `people` (ranked lower than the MAX_PEOPLE looked at). */
  unranked: number
  /** Jira user id → GitHub login (or none). */
  resolved: Record<string, Resolution>
  /** Lowercase login → its permission on the repository. */
  access: Record<string, RepoPermission>
}

/** Who is on the PR already, as logins. */
export interface PrPeople {
  author: string
  /** Requested now (by anyone). */
  requested: string[]
  /** Submitted a review (any state but pending). */
  reviewed: string[]
  /** Requested by the action on earlier runs (the comment's state). */
  byAction: string[]
  /** Where profiles live: https://github.com, or a GitHub Enterprise Server. */
  server: string
}

export function prPeople(facts: PrFacts, byAction: string[] = []): PrPeople {
  return {
    author: facts.pr.author.login,
    requested: facts.pr.requestedReviewers,
    reviewed: facts.reviews.filter((r) => r.state !== 'PENDING').map((r) => r.user),
    byAction,
    server: serverOf(facts.pr.htmlUrl)
  }
}

function serverOf(htmlUrl: string): string {
  try {
    return new URL(htmlUrl).origin
  } catch {
    return 'https://github.com'
  }
}

/** Why a login is left out before its access matters, `pending` (the action's own request) or `open`. */
export type Verdict = 'author' | 'bot' | 'reviewed' | 'requested' | 'removed' | 'pending' | 'open'

export function screen(login: string, pr: PrPeople): Verdict {
  const is = (other: string) => other.toLowerCase() === login.toLowerCase()
  if (is(pr.author)) return 'author'
  if (isBot(login)) return 'bot'
  if (pr.reviewed.some(is)) return 'reviewed'
  const byAction = pr.byAction.some(is)
  if (pr.requested.some(is)) return byAction ? 'pending' : 'requested'
  return byAction ? 'removed' : 'open'
}

export function selectReviewers(
  gathered: Gathered,
  pr: PrPeople,
  config: Pick<SuggestReviewersSettings, 'mode' | 'max'>
): ReviewerPlan {
  const plan: ReviewerPlan = {
    mode: config.mode,
    suggested: [],
    unmapped: [],
    notLookedUp:
      gathered.unranked + gathered.people.filter((p) => !gathered.resolved[p.user.id]).length,
    removed: [],
    noAccess: []
  }
  const candidates: ReviewerSuggestion[] = []
  const seen = new Set<string>()
  for (const person of gathered.people) {
    const resolution = gathered.resolved[person.user.id]
    if (resolution === undefined) continue
    const name = person.user.displayName
    if (resolution.login === null) {
      const { emailHidden } = resolution
      // What the `users` table takes: the accountId, or on Data Center the username.
      const id = person.user.name ?? person.user.id
      plan.unmapped.push({ id, name, ties: person.ties, emailHidden })
      continue
    }
    const { login, via } = resolution
    const key = login.toLowerCase()
    if (seen.has(key)) {
      // Two Jira accounts of one person: one suggestion, with both accounts' reasons.
      const earlier = candidates.find((c) => c.login.toLowerCase() === key)
      if (earlier) {
        earlier.ties.push(...person.ties)
        earlier.score += person.score
      }
      continue
    }
    seen.add(key)
    const verdict = screen(login, pr)
    if (verdict === 'removed') plan.removed.push(login)
    if (verdict !== 'pending' && verdict !== 'open') continue
    if (verdict === 'open') {
      const access = gathered.access[key]
      if (access === undefined) continue
      if (access === 'none') {
        plan.noAccess.push({ login, name })
        continue
      }
    }
    const url = `${pr.server}/${login}`
    const base = { login, url, name, ties: [...person.ties], score: person.score, via }
    candidates.push({ ...base, requestedEarlier: verdict === 'pending' })
  }
  // The action's pending requests keep their places: a rerun never asks more than `max` people.
  const pending = candidates.filter((c) => c.requestedEarlier)
  const others = candidates.filter((c) => !c.requestedEarlier)
  plan.suggested = [...pending, ...others].slice(0, Math.max(config.max, pending.length))
  return plan
}
