/**
 * One merged PR and the issues it names, as a linkset line (the format `scripts/linkset.ts`
 * reads and `npm run eval:link` measures): the PR's keys become the gold answer and are taken
 * out of its text, so the ranker sees the PR as if nobody had typed them. Pure.
 */
import { defaultSettings } from '../src/config/defaults.js'
import type { PrFacts } from '../src/github/port.js'
import type { JiraIssue } from '../src/jira/port.js'
import { candidateOf } from '../src/rules/auto-link/inference.js'
import { findKeyMentions } from '../src/rules/auto-link/keys.js'
import type { IssueLine, LinkLine } from './linkset.js'

/** A pool line as written: what the loader reads (linkset.ts), and today's status. */
export interface LinksetIssue extends IssueLine {
  status: string
}

/** A record as written: what the loader reads, the project, and what identifies the PR. */
export interface LinksetRecord extends LinkLine {
  project: string
  key: string
  pr: LinkLine['pr'] & { files_total: number; number: number; merged: boolean }
}

/** Where the action reads keys by default: every source. */
const SOURCES = defaultSettings().rules.autoLink.sources

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The text without the projects' keys, their browse URLs and the lines that only carried them
 * (`Closes ABC-12`, `Jira: https://…/browse/ABC-12`), so what is left is what a person wrote
 * about the change.
 */
export function withoutKeys(text: string, projects: readonly string[]): string {
  const names = projects.map(escapeRegExp).join('|')
  const key = new RegExp(`(?<![A-Za-z0-9])(?:${names})-[1-9][0-9]*(?![A-Za-z0-9])`, 'gi')
  const url = new RegExp(`https?://\\S+/browse/(?:${names})-[1-9][0-9]*\\S*`, 'gi')
  return text
    .split('\n')
    .map((line) => {
      const stripped = line.replace(url, ' ').replace(key, ' ')
      if (stripped === line) return line
      // A line that said nothing but the key (and a word or two around it) goes whole.
      const left = stripped.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
      return left.split(' ').filter(Boolean).length <= 2 && left.length <= 20
        ? null
        : stripped
            .replace(/\[\s*\]|\(\s*\)/g, ' ')
            .replace(/[ \t]{2,}/g, ' ')
            .replace(/^\s*[-:/_]\s*|\s*[-:/_]\s*$/g, '')
            .trimEnd()
    })
    .filter((line): line is string => line !== null)
    .join('\n')
    .trim()
}

/** The linkset line of a PR, or null when it names no issue of the projects. */
export function linksetRecord(facts: PrFacts, projects: readonly string[]): LinksetRecord | null {
  const { pr } = facts
  const mentions = findKeyMentions(
    {
      title: pr.title,
      branch: pr.headRef,
      body: pr.body,
      commits: facts.commits.map((c) => c.message)
    },
    SOURCES
  )
  const keys = mentions
    .map((m) => m.key)
    .filter((key) => projects.includes(key.slice(0, key.lastIndexOf('-'))))
  const first = keys[0]
  if (first === undefined) return null
  const project = first.slice(0, first.lastIndexOf('-'))
  const strip = (text: string) => withoutKeys(text, projects)
  return {
    project,
    key: first,
    keys: keys.filter((k) => k.startsWith(`${project}-`)),
    pr: {
      title: strip(pr.title),
      body: strip(pr.body),
      branch: strip(pr.headRef),
      commits: facts.commits.map((c) => strip(c.message)),
      files: facts.files.map((f) => f.path),
      files_total: facts.files.length,
      author: pr.author.login,
      date: pr.createdAt ?? null,
      number: pr.number,
      merged: pr.merged
    }
  }
}

/**
 * An issue as a pool line: the candidate the action's ranker would see (inference.ts), in the
 * linkset's fields. The status is today's; the loader leaves it out (see linkset.ts).
 */
export function linksetIssue(issue: JiraIssue): LinksetIssue {
  const candidate = candidateOf(issue)
  return {
    key: candidate.key,
    summary: candidate.summary,
    description: candidate.description ?? '',
    components: candidate.components,
    labels: candidate.labels,
    type: candidate.type ?? null,
    status: candidate.status ?? issue.status.name,
    assignee: candidate.assigneeName ?? null,
    reporter: candidate.reporterName ?? null,
    created: candidate.created ?? null
  }
}
