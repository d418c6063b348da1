/**
 * Commits as a reader wants them: grouped by Conventional Commits type when the PR uses them
 * (at least half of its commits do), in one list otherwise. Merge commits are not news.
 */
import type { PrCommit } from '../../github/port.js'

export interface CommitLine {
  sha: string
  subject: string
  scope?: string
  breaking?: boolean
}

export interface CommitGroup {
  /** "Features", "Fixes", …; "Commits" when the PR does not use Conventional Commits. */
  title: string
  commits: CommitLine[]
}

export interface CommitSummary {
  groups: CommitGroup[]
  /** Merge commits left out. */
  merges: number
  conventional: boolean
}

const TYPES: [string, string][] = [
  ['feat', 'Features'],
  ['fix', 'Fixes'],
  ['perf', 'Performance'],
  ['refactor', 'Refactoring'],
  ['docs', 'Documentation'],
  ['test', 'Tests'],
  ['build', 'Build'],
  ['ci', 'CI'],
  ['chore', 'Chores'],
  ['style', 'Style'],
  ['revert', 'Reverts']
]
const TITLES = new Map(TYPES)
const OTHER = 'Other'

const CONVENTIONAL = /^(\w+)(?:\(([^)]*)\))?(!)?:\s+(.+)$/
const MERGE = /^Merge (branch|pull request|remote-tracking branch|commit) /

/** GitHub's and git's own revert: `Revert "feat(cart): coupons"`. */
const REVERT = /^Revert "(.+)"$/

/** The subject: the first line that says something ('' for a message with none). */
export function firstLine(message: string): string {
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  )
}

function parse(commit: PrCommit): CommitLine & { type?: string } {
  const subject = firstLine(commit.message)
  const reverted = REVERT.exec(subject)?.[1]
  if (reverted !== undefined) return { sha: commit.sha, subject: reverted, type: 'revert' }
  const match = CONVENTIONAL.exec(subject)
  const type = match?.[1]?.toLowerCase()
  if (!match || type === undefined || !TITLES.has(type)) return { sha: commit.sha, subject }
  const breaking = match[3] === '!' || /^BREAKING[ -]CHANGE:/m.test(commit.message)
  return {
    sha: commit.sha,
    subject: match[4]!,
    type,
    ...(match[2] ? { scope: match[2] } : {}),
    ...(breaking ? { breaking: true } : {})
  }
}

export function summarizeCommits(commits: PrCommit[]): CommitSummary {
  const kept = commits.filter((c) => !MERGE.test(firstLine(c.message)))
  const parsed = kept.map(parse)
  const typed = parsed.filter((c) => c.type !== undefined).length
  const conventional = parsed.length > 0 && typed * 2 >= parsed.length
  const merges = commits.length - kept.length
  if (!conventional) {
    const lines = kept.map((c) => ({ sha: c.sha, subject: firstLine(c.message) }))
    return {
      groups: lines.length > 0 ? [{ title: 'Commits', commits: lines }] : [],
      merges,
      conventional
    }
  }
  const byTitle = new Map<string, CommitLine[]>()
  for (const { type, ...line } of parsed) {
    const title = (type && TITLES.get(type)) ?? OTHER
    byTitle.set(title, [...(byTitle.get(title) ?? []), line])
  }
  const order = [...TYPES.map(([, t]) => t), OTHER]
  const groups = order.flatMap((title) => {
    const list = byTitle.get(title)
    return list ? [{ title, commits: list }] : []
  })
  return { groups, merges, conventional }
}
