/**
 * Pure: the people of the linked issues, ranked. A person counts once per issue, with the
 * weight of their strongest role there (reporters and assignees usually watch their issues too);
 * every further linked issue that names them adds to their score.
 */
import type { SuggestReviewersSettings } from '../../config/settings.js'
import type { JiraUser } from '../../jira/port.js'
import type { Role, Tie } from './model.js'

export interface IssuePeople {
  key: string
  reporter?: JiraUser | null
  assignee?: JiraUser | null
  watchers: JiraUser[]
}

export interface RankedPerson {
  user: JiraUser
  score: number
  ties: Tie[]
}

const ROLES: readonly Role[] = ['reporter', 'assignee', 'watcher']
const WEIGHT_OF: Record<Role, keyof SuggestReviewersSettings['sources']> = {
  reporter: 'reporter',
  assignee: 'assignee',
  watcher: 'watchers'
}

/** A person, not an inactive account or an app. */
export function isCandidate(user: JiraUser): boolean {
  return user.active !== false && user.bot !== true
}

function usersIn(issue: IssuePeople, role: Role): JiraUser[] {
  if (role === 'watcher') return issue.watchers
  const user = role === 'reporter' ? issue.reporter : issue.assignee
  return user ? [user] : []
}

/** The people of `issues`, best first; ties (same score) by more issues, then by name. */
export function rankPeople(
  issues: IssuePeople[],
  weights: SuggestReviewersSettings['sources']
): RankedPerson[] {
  const people = new Map<string, RankedPerson & { issues: Set<string> }>()
  for (const issue of issues) {
    const best = new Map<string, number>()
    for (const role of ROLES) {
      const weight = weights[WEIGHT_OF[role]]
      if (weight <= 0) continue
      for (const user of usersIn(issue, role)) {
        if (!isCandidate(user)) continue
        const person = people.get(user.id) ?? { user, score: 0, ties: [], issues: new Set() }
        people.set(user.id, person)
        // The first sighting with an email wins: watchers lists may hide what the issue shows.
        if (!person.user.email && user.email) person.user = user
        if (!person.ties.some((t) => t.role === role && t.issueKey === issue.key)) {
          person.ties.push({ role, issueKey: issue.key })
        }
        person.issues.add(issue.key)
        best.set(user.id, Math.max(best.get(user.id) ?? 0, weight))
      }
    }
    for (const [id, weight] of best) people.get(id)!.score += weight
  }
  return [...people.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.issues.size - a.issues.size ||
        a.user.displayName.localeCompare(b.user.displayName) ||
        a.user.id.localeCompare(b.user.id)
    )
    .map(({ user, score, ties }) => ({ user, score, ties }))
}

/** "reporter and watcher of ABC-12, assignee of ABC-7": the ties, grouped by issue. */
export function describeTies(ties: Tie[]): string {
  const byIssue = new Map<string, Role[]>()
  for (const tie of ties)
    byIssue.set(tie.issueKey, [...(byIssue.get(tie.issueKey) ?? []), tie.role])
  return [...byIssue]
    .map(([key, roles]) => {
      const sorted = ROLES.filter((r) => roles.includes(r))
      const words =
        sorted.length > 1
          ? `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]!}`
          : sorted[0]!
      return `${words} of ${key}`
    })
    .join(', ')
}
