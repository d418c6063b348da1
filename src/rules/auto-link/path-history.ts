/**
 * What earlier PRs of an issue changed: at its merge, a PR's changed files are remembered on each
 * issue it is linked to (the issue property `gitar-jira.paths`: PR URL → files), and inference
 * ranks an issue higher for a key-less PR that touches the same files. The property comes with
 * the issues on Cloud (search and bulk fetch return properties); Data Center's search cannot
 * return it, so there nothing is written or read.
 */
import { PATHS_PROPERTY } from '../../jira/map.js'
import type { JiraIssue } from '../../jira/port.js'
import { withEntry } from '../../jira/property.js'

/** The files remembered of one PR at most: the PR's first, in GitHub's order. */
export const MAX_PATHS_PER_PR = 100

export type PathHistory = Record<string, string[]>

/** The issue's path history; undefined where the site did not say (not the same as none). */
export function readPathHistory(issue: JiraIssue): PathHistory | undefined {
  if (!issue.properties) return undefined
  const value = issue.properties[PATHS_PROPERTY]
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(
    Object.entries(value).flatMap(([pr, paths]): [string, string[]][] =>
      Array.isArray(paths) ? [[pr, paths.filter((p): p is string => typeof p === 'string')]] : []
    )
  )
}

/**
 * The files the issue's other PRs in the same repository changed: paths of another repository
 * name other files (`src/index.ts` is everywhere), and the PR's own are left out so that a rerun
 * ranks as the first run did.
 */
export function earlierPaths(issue: JiraIssue, prUrl: string): string[] {
  const history = readPathHistory(issue) ?? {}
  const repo = repositoryOf(prUrl)
  return [
    ...new Set(
      Object.entries(history).flatMap(([pr, paths]) =>
        pr !== prUrl && repositoryOf(pr) === repo ? paths : []
      )
    )
  ]
}

/** `https://github.com/acme/shop/pull/42` → `https://github.com/acme/shop`. */
function repositoryOf(prUrl: string): string {
  return prUrl.replace(/\/pull\/\d+$/, '').toLowerCase()
}

/**
 * The property's new value with this PR's files, or null when it holds them already (or the
 * site does not return the property, so a write would drop what other PRs left).
 */
export function withPrPaths(
  issue: JiraIssue,
  prUrl: string,
  files: readonly string[]
): PathHistory | null {
  const history = readPathHistory(issue)
  if (!history) return null
  const paths = files.slice(0, MAX_PATHS_PER_PR)
  if (paths.length === 0) return null
  const known = history[prUrl]
  if (known && known.length === paths.length && known.every((p, i) => p === paths[i])) return null
  return withEntry(history, prUrl, paths)
}

/** The most files of earlier PRs the cached corpus keeps per issue (newest PRs first). */
export const MAX_CACHED_PATHS = 500

/** The issue with its path history cut to the newest PRs' MAX_CACHED_PATHS files, for the cache. */
export function withRecentPaths(issue: JiraIssue): JiraIssue {
  const history = readPathHistory(issue)
  if (!history || !issue.properties) return issue
  const entries = Object.entries(history)
  let total = entries.reduce((sum, [, paths]) => sum + paths.length, 0)
  if (total <= MAX_CACHED_PATHS) return issue
  // Entries are oldest first (withEntry appends): drop from the front.
  while (entries.length > 0 && total > MAX_CACHED_PATHS) total -= entries.shift()![1].length
  return {
    ...issue,
    properties: { ...issue.properties, [PATHS_PROPERTY]: Object.fromEntries(entries) }
  }
}
