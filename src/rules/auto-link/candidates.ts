/**
 * Where inference looks: a few bounded JQL searches run side by side (one round trip): the open
 * issues of the configured projects, the PR author's own issues, and a text search for the PR's
 * most distinctive words. PR text only ever enters JQL as quoted, cleaned literals.
 */
import type { Settings } from '../../config/settings.js'
import type { PrFacts } from '../../github/port.js'
import * as core from '@actions/core'
import type { JiraIssue, JiraPort, UserRef } from '../../jira/port.js'
import { jqlString, jqlTextSearch, projectIn } from '../../util/jql.js'
import { jqlUsesField } from '../../util/jql-syntax.js'
import { settleAll } from '../../util/settle.js'

/** One page each: enhanced search returns at most 100 issues with fields per request. */
export const RECENT_MAX = 100
export const AUTHOR_MAX = 50
export const TEXT_MAX = 50
const TEXT_WORDS = 6

const COMMON_WORDS = new Set(
  'the and for with from into this that when then than have has was were will would should could add adds added update updates updated fix fixes fixed remove removes removed change changes changed make makes use uses using bump feature bugfix hotfix chore refactor test tests main master develop release merge branch pull request'.split(
    ' '
  )
)

export interface CandidateQuery {
  name: 'recent' | 'author' | 'text'
  jql: string
  max: number
}

export interface InferenceScope {
  /** The candidate issues: the projects narrowed by candidate-jql. */
  jql: string
  /** Issues of the projects that no longer match candidate-jql (e.g. moved to Done), if known. */
  leaving: string | null
  /**
   * candidate-jql alone (no jira.projects), as the scope's condition: what left it is looked
   * for in the projects the corpus holds (corpus.ts).
   */
  filter?: string
}

/** Where inference looks, or null when it does not know (no projects, no project in the JQL). */
export function inferenceScope(settings: Settings): InferenceScope | null {
  const { projects } = settings.jira
  const candidateJql = settings.rules.autoLink.candidateJql?.trim() || null
  const filter = candidateJql ? `(${candidateJql})` : null
  if (projects && projects.length > 0) {
    const clause = projectIn(projects)
    return filter
      ? { jql: `${clause} AND ${filter}`, leaving: `${clause} AND NOT ${filter}` }
      : { jql: clause, leaving: null }
  }
  // The field `project` with an operator, not the word (`labels != project-archive`).
  if (filter && jqlUsesField(filter, 'project')) return { jql: filter, leaving: null, filter }
  return null
}

/** The PR's most distinctive words for a text search: long, rare-looking, from title and branch. */
export function distinctiveWords(pr: PrFacts['pr']): string[] {
  const words = `${pr.title} ${pr.headRef.replace(/[/_-]+/g, ' ')}`
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 4 && !/^\d+$/.test(w) && !COMMON_WORDS.has(w))
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, TEXT_WORDS)
}

export function candidateQueries(
  pr: PrFacts['pr'],
  settings: Settings,
  authorJiraId: string | null
): CandidateQuery[] {
  const scope = inferenceScope(settings)?.jql
  if (!scope) return []
  const queries: CandidateQuery[] = [
    { name: 'recent', jql: `${scope} ORDER BY updated DESC`, max: RECENT_MAX }
  ]
  if (authorJiraId) {
    queries.push({
      name: 'author',
      jql: `${scope} AND assignee = ${jqlString(authorJiraId)} ORDER BY updated DESC`,
      max: AUTHOR_MAX
    })
  }
  const words = distinctiveWords(pr)
  const text = words.map((w) => jqlTextSearch('text', [w])).filter((c): c is string => c !== null)
  if (text.length > 0) {
    queries.push({ name: 'text', jql: `${scope} AND (${text.join(' OR ')})`, max: TEXT_MAX })
  }
  return queries
}

/**
 * The Jira user the config maps to the PR author, when the entry is not an email: an accountId
 * (Cloud), a username or a user key (Data Center). `findAuthor` turns it into what JQL takes.
 */
export function authorJiraId(login: string, settings: Settings): string | null {
  for (const [jiraUser, githubLogin] of Object.entries(settings.rules.suggestReviewers.users)) {
    if (githubLogin.toLowerCase() === login.toLowerCase() && !jiraUser.includes('@'))
      return jiraUser
  }
  return null
}

/** The PR author as a Jira user (via the `users` table), or null when the table names none. */
export async function findAuthor(
  jira: Pick<JiraPort, 'findUser'>,
  login: string,
  settings: Settings
): Promise<UserRef | null> {
  const ref = authorJiraId(login, settings)
  if (ref === null) return null
  const user = await jira.findUser(ref)
  if (user === null) {
    core.warning(
      `The users table maps ${login} to '${ref}', a user Jira does not know: the author's own issues are not searched. On Jira Data Center, name users by username or user key.`,
      { title: 'gitar-jira' }
    )
  }
  return user
}

export async function fetchCandidates(
  jira: Pick<JiraPort, 'searchIssues'>,
  queries: CandidateQuery[]
): Promise<JiraIssue[]> {
  const pages = await settleAll(
    queries.map((q) => jira.searchIssues(q.jql, { max: q.max, details: true }))
  )
  const byKey = new Map<string, JiraIssue>()
  for (const issue of pages.flat()) if (!byKey.has(issue.key)) byKey.set(issue.key, issue)
  return [...byKey.values()]
}
