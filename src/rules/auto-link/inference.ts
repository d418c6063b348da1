/**
 * Key-less auto-link: when the PR names no issue, rank the candidate issues against it. At or
 * above min-confidence an issue is linked; between suggest-confidence and min-confidence it is a
 * possible match in the PR comment, with a box to tick.
 */
import { prLabel } from '../follow-ups/fingerprint.js'
import { inProjects } from '../../config/projects.js'
import type { Settings } from '../../config/settings.js'
import type { PrFacts } from '../../github/port.js'
import type { JiraIssue, UserRef } from '../../jira/port.js'
import type { LinkedIssue, Suggestion } from '../linked-issue.js'
import { authorJiraId } from './candidates.js'
import { earlierPaths } from './path-history.js'
import { projectsWrittenAsKeys, withoutKeys } from './keys.js'
import { rankCandidates, type Candidate, type PrText, type Ranked } from './infer/index.js'
import { MAX_SUGGESTIONS } from './infer/thresholds.js'

/**
 * The PR as the ranker reads it. `author` is the PR author's Jira user when it was looked up
 * (its id is what issues carry as assignee); else the `users` table's entry as it is.
 */
export function prText(facts: PrFacts, settings: Settings, author?: UserRef | null): PrText {
  const { pr } = facts
  const jiraId = author === undefined ? authorJiraId(pr.author.login, settings) : author?.id
  // The keys the PR names are not words of it (none led to an issue, or inference would not run).
  const texts = [pr.title, pr.body, pr.headRef, ...facts.commits.map((c) => c.message)]
  const projects = new Set([...(settings.jira.projects ?? []), ...projectsWrittenAsKeys(texts)])
  const words = (text: string) => withoutKeys(text, projects)
  return {
    title: words(pr.title),
    body: words(pr.body),
    branch: words(pr.headRef),
    commits: facts.commits.map((c) => words(c.message)),
    files: facts.files.map((f) => f.path),
    author: { login: pr.author.login, ...(jiraId ? { jiraId } : {}) },
    ...(pr.createdAt ? { date: pr.createdAt } : {})
  }
}

/** `prUrl`: the PR being ranked, whose own files the issue may remember (left out). */
export function candidateOf(issue: JiraIssue, prUrl = ''): Candidate {
  const linkedPaths = earlierPaths(issue, prUrl)
  return {
    key: issue.key,
    summary: issue.summary,
    description: issue.details?.description ?? '',
    components: issue.details?.components ?? [],
    labels: issue.details?.labels ?? [],
    ...(issue.issueType ? { type: issue.issueType } : {}),
    status: issue.status.name,
    statusCategory: issue.status.category,
    ...(issue.assignee
      ? { assigneeId: issue.assignee.id, assigneeName: issue.assignee.displayName }
      : {}),
    ...(issue.reporter ? { reporterName: issue.reporter.displayName } : {}),
    ...(issue.details?.updated ? { updated: issue.details.updated } : {}),
    ...(issue.details?.created ? { created: issue.details.created } : {}),
    ...(issue.details?.fixVersionDates ? { fixVersionDates: issue.details.fixVersionDates } : {}),
    ...(linkedPaths.length > 0 ? { linkedPaths } : {})
  }
}

/** Pure: the ranked candidates, split into links and possible matches by the two thresholds. */
export function chooseInferred(
  ranked: Ranked[],
  issues: JiraIssue[],
  settings: Settings,
  exclude: ReadonlySet<string>
): { linked: LinkedIssue[]; suggestions: Suggestion[] } {
  const { minConfidence, suggestConfidence, inferResolves } = settings.rules.autoLink
  const byKey = new Map(issues.map((i) => [i.key, i]))
  const linked: LinkedIssue[] = []
  const suggestions: Suggestion[] = []
  for (const r of ranked) {
    const issue = byKey.get(r.key)
    if (!issue || exclude.has(r.key) || r.confidence < suggestConfidence) continue
    // Whatever the searches returned (a candidate-jql reaching past its parentheses, a stale
    // cached corpus): an issue outside jira.projects is neither linked nor suggested.
    if (!inProjects(issue.key, settings)) continue
    if (r.confidence >= minConfidence) {
      linked.push({
        issue,
        strength: inferResolves ? 'resolves' : 'references',
        via: 'inferred',
        sources: [],
        confidence: r.confidence,
        matched: r.matched
      })
    } else if (suggestions.length < MAX_SUGGESTIONS) {
      suggestions.push({
        issue,
        confidence: r.probability ?? r.confidence,
        ...(r.listConfidence === undefined ? {} : { listConfidence: r.listConfidence }),
        matched: r.matched
      })
    }
  }
  return { linked, suggestions }
}

export function inferLinks(
  facts: PrFacts,
  candidates: JiraIssue[],
  settings: Settings,
  exclude: ReadonlySet<string>,
  author?: UserRef | null
): { linked: LinkedIssue[]; suggestions: Suggestion[] } {
  // The PR's own follow-ups (created at its merge, from its TODOs and threads) share its words
  // but are never what it works on: a later run would otherwise find them. Issues outside
  // jira.projects are not ranked either (chooseInferred would not pick them).
  const own = prLabel(facts.pr.htmlUrl)
  const pool = candidates.filter(
    (c) => !c.details?.labels.includes(own) && inProjects(c.key, settings)
  )
  if (pool.length === 0) return { linked: [], suggestions: [] }
  const ranked = rankCandidates(
    prText(facts, settings, author),
    pool.map((issue) => candidateOf(issue, facts.pr.htmlUrl))
  )
  return chooseInferred(ranked, pool, settings, exclude)
}
