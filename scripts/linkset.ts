/**
 * Reads a linkset folder (`<P>-issues.jsonl`, `<P>-links.jsonl`, see the linkset README) into
 * what the ranker takes: the pool as candidates, each record's PR as PrText. The gold keys stay
 * beside the PR, for scoring only: the ranker never sees them, nor `issue` or `meta`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Candidate, PrText } from '../src/rules/auto-link/infer/types.js'

/** A line of `<P>-issues.jsonl`, as far as the ranker reads it. */
export interface IssueLine {
  key: string
  summary?: string | null
  description?: string | null
  components?: string[] | null
  labels?: string[] | null
  type?: string | null
  assignee?: string | null
  reporter?: string | null
  fix_versions?: { date?: string | null }[] | null
  created?: string | null
}

/** A line of `<P>-links.jsonl`, as far as the ranker reads it. */
export interface LinkLine {
  keys: string[]
  pr: {
    title?: string | null
    body?: string | null
    branch?: string | null
    commits?: string[] | null
    files?: string[] | null
    author?: string | null
    date?: string | null
  }
}

export interface LinkRecord {
  /** All the ranker may see. */
  pr: PrText
  /** The right answers, for scoring. */
  keys: string[]
}

export interface Project {
  name: string
  candidates: Candidate[]
  records: LinkRecord[]
}

function jsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)
}

/**
 * The issue as Jira would give it to the action. Status (and `updated`) are left out: the data
 * holds today's, not what they were when the PR was opened (ZooKeeper's pool is all resolved).
 */
export function toCandidate(issue: IssueLine): Candidate {
  return {
    key: issue.key,
    summary: issue.summary ?? '',
    description: issue.description ?? '',
    components: issue.components ?? [],
    labels: issue.labels ?? [],
    ...(issue.type ? { type: issue.type } : {}),
    ...(issue.assignee ? { assigneeName: issue.assignee } : {}),
    ...(issue.reporter ? { reporterName: issue.reporter } : {}),
    fixVersionDates: (issue.fix_versions ?? []).map((v) => v.date).filter((d): d is string => !!d),
    // Creation never changes, unlike `updated` or the status, so a pool that has it may use it.
    ...(issue.created ? { created: issue.created } : {})
  }
}

/** Only `pr.*` crosses over. */
export function toPrText(line: LinkLine): PrText {
  const pr = line.pr
  return {
    title: pr.title ?? '',
    body: pr.body ?? '',
    branch: pr.branch ?? '',
    commits: pr.commits ?? [],
    files: pr.files ?? [],
    ...(pr.author ? { author: { name: pr.author } } : {}),
    ...(pr.date ? { date: pr.date } : {})
  }
}

/** The projects of a folder: every `<P>` with both files. */
export function loadProjects(dir: string): Project[] {
  const names = readdirSync(dir)
    .map((file) => /^(.+)-issues\.jsonl$/.exec(file)?.[1])
    .filter((name): name is string => !!name)
    .filter((name) => readdirSync(dir).includes(`${name}-links.jsonl`))
    .sort()
  return names.map((name) => ({
    name,
    candidates: jsonl<IssueLine>(join(dir, `${name}-issues.jsonl`)).map(toCandidate),
    records: jsonl<LinkLine>(join(dir, `${name}-links.jsonl`)).map((line) => ({
      pr: toPrText(line),
      keys: line.keys
    }))
  }))
}
