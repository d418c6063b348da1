/**
 * The inference corpus: the configured projects' candidate issues, kept in the Actions cache
 * (sealed with the credential's key) and refreshed incrementally, so a busy repository reads a
 * handful of changed issues per PR instead of the whole project. Fully re-read once a week, or
 * when the scope changes.
 */
import { createHash } from 'node:crypto'
import type { BlobStore } from '../../cache/store.js'
import { seal, unseal } from '../../cache/sealed.js'
import type { JiraIssue, JiraPort } from '../../jira/port.js'
import { projectOf } from '../../config/projects.js'
import { projectIn } from '../../util/jql.js'
import { settleAll } from '../../util/settle.js'
import type { InferenceScope } from './candidates.js'
import { withRecentPaths } from './path-history.js'

export const CORPUS_MAX = 5000
const FULL_REFRESH_MS = 7 * 24 * 60 * 60 * 1000
/** Jira's clocks and ours differ a little; overlap the windows. */
const OVERLAP_MINUTES = 5
const DESCRIPTION_MAX = 4000

/** Bumped when what a stored issue holds changes (2: fix-version dates), forcing a full read. */
const CORPUS_VERSION = 2

interface StoredCorpus {
  v: typeof CORPUS_VERSION
  scope: string
  syncedAt: string
  issues: JiraIssue[]
}

export interface Corpus {
  issues: JiraIssue[]
  /**
   * The keys Jira answered in this run (all of a full read; the changed ones of an incremental
   * refresh). The others are as stored: Jira may have deleted or moved them since, which no
   * `updated >=` search can see.
   */
  fresh: ReadonlySet<string>
  /** Persist the refreshed corpus without `drop` (issues found gone); a no-op when nothing changed. */
  save(drop?: ReadonlySet<string>): Promise<void>
  how: 'full' | 'incremental'
}

export function corpusPrefix(site: string, scope: string): string {
  return `gitar-jira-corpus-v${CORPUS_VERSION}-${createHash('sha256').update(`${site}\n${scope}`).digest('hex').slice(0, 16)}`
}

/** Pure: the stored corpus after an incremental refresh (`changed`: most recently updated first). */
export function mergeCorpus(
  stored: JiraIssue[],
  changed: JiraIssue[],
  leftScope: string[]
): JiraIssue[] {
  // Most recently updated first, as the full read orders them, so a full corpus gives way at
  // its stalest end and a new issue is never the one cut.
  const gone = new Set([...leftScope, ...changed.map((i) => i.key)])
  return [...changed.map(trimmed), ...stored.filter((i) => !gone.has(i.key))].slice(0, CORPUS_MAX)
}

/** What the cache keeps of an issue: bounded description and path history. */
function trimmed(issue: JiraIssue): JiraIssue {
  const bounded = withRecentPaths(issue)
  if (!bounded.details || bounded.details.description.length <= DESCRIPTION_MAX) return bounded
  return {
    ...bounded,
    details: {
      ...bounded.details,
      description: bounded.details.description.slice(0, DESCRIPTION_MAX)
    }
  }
}

/**
 * With candidate-jql alone as the scope, the issues that left it (moved to Done, say) are looked
 * for in the projects the corpus holds: a bounded search, like the one jira.projects allows.
 */
function leavingOf(issues: readonly JiraIssue[], filter: string | undefined): string | null {
  const projects = [...new Set(issues.map((issue) => projectOf(issue.key)))]
  if (!filter || projects.length === 0) return null
  return `${projectIn(projects)} AND NOT ${filter}`
}

export async function loadCorpus(args: {
  jira: Pick<JiraPort, 'searchIssues' | 'siteUrl'>
  store: BlobStore
  key: Buffer
  scope: InferenceScope
  now?: Date
}): Promise<Corpus | null> {
  const { jira, store, key, scope } = args
  if (!(await store.available())) return null
  const now = args.now ?? new Date()
  const prefix = corpusPrefix(jira.siteUrl, scope.jql)
  const blob = await store.load(prefix)
  const stored = blob ? unseal<StoredCorpus>(blob, key) : null
  const current =
    stored?.v === CORPUS_VERSION &&
    stored.scope === scope.jql &&
    now.getTime() - Date.parse(stored.syncedAt) < FULL_REFRESH_MS
  const persist =
    (issues: JiraIssue[], changed: boolean) =>
    async (drop: ReadonlySet<string> = new Set()) => {
      const kept = issues.filter((issue) => !drop.has(issue.key))
      if (!changed && kept.length === issues.length) return
      const corpus = {
        v: CORPUS_VERSION,
        scope: scope.jql,
        syncedAt: now.toISOString(),
        issues: kept
      }
      await store.save(prefix, seal(corpus, key))
    }

  if (!current || !stored) {
    const issues = (
      await jira.searchIssues(`${scope.jql} ORDER BY updated DESC`, {
        max: CORPUS_MAX,
        details: true
      })
    ).map(trimmed)
    const fresh = new Set(issues.map((i) => i.key))
    return { issues, fresh, save: persist(issues, true), how: 'full' }
  }

  const minutes =
    Math.ceil((now.getTime() - Date.parse(stored.syncedAt)) / 60_000) + OVERLAP_MINUTES
  const since = `updated >= -${minutes}m`
  const leaving = scope.leaving ?? leavingOf(stored.issues, scope.filter)
  const [changed, left] = await settleAll([
    jira.searchIssues(`${scope.jql} AND ${since} ORDER BY updated DESC`, {
      max: CORPUS_MAX,
      details: true
    }),
    leaving
      ? jira.searchIssues(`${leaving} AND ${since}`, { max: CORPUS_MAX })
      : Promise.resolve([])
  ])
  const issues = mergeCorpus(
    stored.issues,
    changed,
    left.map((i) => i.key)
  )
  const unchanged = changed.length === 0 && left.length === 0
  const fresh = new Set(changed.map((i) => i.key))
  return { issues, fresh, save: persist(issues, !unchanged), how: 'incremental' }
}
