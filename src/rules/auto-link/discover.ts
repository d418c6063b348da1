/**
 * The issues a PR works on: explicit keys that Jira confirms, plus the links earlier runs made
 * by inference or acceptance. Every later rule reads this list.
 */
import { inProjects, projectOf } from '../../config/projects.js'
import type { Settings } from '../../config/settings.js'
import type { PrFacts } from '../../github/port.js'
import type { JiraIssue, JiraPort, UserRef } from '../../jira/port.js'
import { applyDecisions, type Decisions } from '../../report/checkboxes.js'
import { EMPTY_STATE, type CommentState } from '../../report/state.js'
import * as core from '@actions/core'
import type { BlobStore } from '../../cache/store.js'
import { settleAll } from '../../util/settle.js'
import type { LinkedIssue, LinkVia, Suggestion } from '../linked-issue.js'
import {
  candidateQueries,
  fetchCandidates,
  findAuthor,
  inferenceScope,
  type InferenceScope
} from './candidates.js'
import {
  confirmedPicks,
  picked,
  record,
  unconfirmed,
  type Confirmation,
  type Picks
} from './confirm.js'
import { loadCorpus } from './corpus.js'
import { searchFailure, type SearchFailure } from './search-failure.js'
import { inferLinks } from './inference.js'
import { findKeyMentions, standsAsKey, type KeyMention, type KeyTexts } from './keys.js'
import type { Note } from '../types.js'
import { firstOf } from '../../util/list.js'
import { codeText } from '../../util/code-text.js'

/** Jira's bulk fetch takes 100 keys; a PR naming more is not a PR a person reads. */
export const MAX_CANDIDATES = 100

/** The mentions the PR makes of keys of `jira.projects`. */
function inScope(all: readonly KeyMention[], settings: Settings): KeyMention[] {
  return all.filter((m) => inProjects(m.key, settings))
}

/** The note on the keys past the first MAX_CANDIDATES, which are not read; null when none are. */
export function unreadKeysNote(named: number, settings: Settings): Note | null {
  if (named <= MAX_CANDIDATES) return null
  const order = settings.rules.autoLink.sources
    .map((source) => (source === 'body' ? 'description' : source))
    .join(', ')
  return {
    level: 'warning',
    text: `This PR names ${named} issue keys; the first ${MAX_CANDIDATES} were read (in the order ${order}), and the other ${named - MAX_CANDIDATES} are not linked.`
  }
}

function allMentions(pr: PrFacts, settings: Settings): KeyMention[] {
  return findKeyMentions(keyTexts(pr), settings.rules.autoLink.sources)
}

function keyTexts(pr: PrFacts): KeyTexts {
  return {
    title: pr.pr.title,
    branch: pr.pr.headRef,
    body: pr.pr.body,
    commits: pr.commits.map((c) => c.message)
  }
}

/** At most this many keys are named in the note on keys outside `jira.projects`. */
export const MAX_IGNORED_SHOWN = 5

/**
 * Prefixes of identifiers that look like keys but name standards, not Jira projects (`UTF-8`,
 * `SHA-256`, `ISO-8601`): a key of them outside `jira.projects` is not worth a note.
 */
const NOT_PROJECTS = new Set([
  'UTF',
  'SHA',
  'ISO',
  'RFC',
  'CVE',
  'HTTP',
  'TLS',
  'SSL',
  'IPV',
  'PEP'
])

/**
 * The keys the PR names that `jira.projects` leaves out, as written in upper case (a lower-case
 * `release-2` in a branch name is no key anybody meant). `FEATURE_ABC-12` also yields ABC-12
 * (see scanKeys): only the shortest of such a family is named.
 */
export function keysOutsideProjects(
  pr: PrFacts,
  settings: Settings,
  mentions: readonly KeyMention[] = allMentions(pr, settings)
): string[] {
  if (!settings.jira.projects) return []
  const all = mentions.map((m) => m.key)
  const texts = keyTexts(pr)
  const written = [texts.title, texts.branch, texts.body, ...texts.commits].join('\n')
  return all.filter(
    (key) =>
      !inProjects(key, settings) &&
      !NOT_PROJECTS.has(projectOf(key)) &&
      !all.some((other) => other !== key && key.endsWith(`_${other}`)) &&
      standsAsKey(key, written)
  )
}

/** The note on keys the PR names that `jira.projects` leaves out; null when there are none. */
export function outsideProjectsNote(keys: readonly string[], settings: Settings): Note | null {
  const projects = settings.jira.projects
  if (keys.length === 0 || !projects) return null
  const names = [...new Set(keys.map(projectOf))]
  const list = firstOf(keys, MAX_IGNORED_SHOWN)
  const one = keys.length === 1
  const project = names.length === 1 ? 'project' : 'projects'
  const is = names.length === 1 ? 'is' : 'are'
  return {
    level: 'warning',
    ...codeText`${list} ${one ? 'is' : 'are'} not linked: ${project} ${names.join(', ')} ${is} not in \`jira.projects\` (${projects.join(', ')}) of ${settings.source.path}.`
  }
}

/**
 * The state as far as it can be trusted: the comment it is read from can be edited by anyone
 * with write access, so its keys go through the same filter as the keys a PR names, and no more
 * of them are read than a PR may name.
 */
export function withinBounds(state: CommentState, settings: Settings): CommentState {
  const links = state.links.filter((l) => inProjects(l.key, settings)).slice(0, MAX_CANDIDATES)
  const rejected = state.rejected
    ?.filter((key) => inProjects(key, settings))
    .slice(0, MAX_CANDIDATES)
  const followUps = state.followUps?.filter((key) => inProjects(key, settings))
  const unlink = state.unlink?.filter((key) => inProjects(key, settings)).slice(0, MAX_CANDIDATES)
  // A failed link is tried again only between issues of jira.projects.
  const relink = state.relink
    ?.filter((entry) => inProjects(entry.key, settings))
    .map((entry) => ({ ...entry, to: entry.to.filter((key) => inProjects(key, settings)) }))
    .filter((entry) => entry.to.length > 0)
  const resolved = state.resolved?.filter((key) => inProjects(key, settings))
  return {
    ...state,
    links,
    ...(rejected ? { rejected } : {}),
    ...(followUps ? { followUps } : {}),
    ...(relink ? { relink } : {}),
    ...(unlink ? { unlink } : {}),
    ...(resolved ? { resolved } : {})
  }
}

/** Pure: joins what the PR mentions and what earlier runs linked with what Jira confirmed. */
export function linkedIssues(
  mentions: KeyMention[],
  previous: CommentState,
  found: JiraIssue[],
  settings: Settings
): LinkedIssue[] {
  const keyless = settings.rules.autoLink.inferResolves ? 'resolves' : 'references'
  const byKey = new Map(found.map((issue) => [issue.key, issue]))
  const linked: LinkedIssue[] = []
  for (const mention of mentions) {
    const issue = byKey.get(mention.key)
    if (issue)
      linked.push({ issue, strength: mention.strength, via: 'explicit', sources: mention.sources })
  }
  for (const link of previous.links) {
    if (link.via === 'explicit' || linked.some((l) => l.issue.key === link.key)) continue
    const issue = byKey.get(link.key)
    if (issue) linked.push({ issue, strength: keyless, via: link.via, sources: [] })
  }
  return linked
}

export interface DiscoverPorts {
  jira: Pick<JiraPort, 'getIssues' | 'searchIssues' | 'findUser' | 'siteUrl'>
  /** The Actions cache and the key that seals what it holds. */
  cache: { store: BlobStore; key: Buffer }
}

export interface Discovery {
  linked: LinkedIssue[]
  suggestions: Suggestion[]
  /** The issues a maintainer dismissed that Jira still shows (for their summaries). */
  dismissed: JiraIssue[]
  state: CommentState
  /** Stores the refreshed inference corpus; call after the run's writes. */
  saveCache: () => Promise<void>
  /** Keys of earlier links that Jira no longer answers (see Facts.vanished). */
  vanished: string[]
  /** What a person should know of the keys the PR names: those outside jira.projects, or past the first MAX_CANDIDATES. */
  notes?: Note[]
  /**
   * Why key-less linking could not run (Jira refused or failed its searches). The explicit and
   * earlier links stand, and the other rules run on them.
   */
  failure?: SearchFailure
}

const NOTHING_TO_SAVE = async () => undefined

export async function discoverLinkedIssues(
  ports: DiscoverPorts,
  pr: PrFacts,
  recorded: CommentState,
  settings: Settings,
  decisions: Decisions = { accept: [], reject: [] }
): Promise<Discovery> {
  // A maintainer's ticks and unticks count as if earlier runs had made those links.
  const previous = withinBounds(applyDecisions(recorded, decisions), settings)
  const allMentioned = allMentions(pr, settings)
  const named = inScope(allMentioned, settings)
  const mentions = named
    .slice(0, MAX_CANDIDATES)
    .filter((m) => !prefixedByTheAction(m, pr.pr.title, previous, settings))
  // Dismissed issues are read in the same fetch, for their summaries in the PR comment.
  const dismissedKeys = previous.rejected ?? []
  const keys = [
    ...new Set([
      ...mentions.map((m) => m.key),
      ...previous.links.filter((l) => l.via !== 'explicit').map((l) => l.key),
      ...dismissedKeys
    ])
  ]
  const wantsInference = inferenceWanted(settings, previous)
  // With no key in sight, the searches need not wait for Jira to confirm keys: one round trip.
  // A failed search costs key-less linking only, not the run (a bad candidate-jql is a 400).
  const failed = (error: unknown) => failedSearch(error, settings)
  const search = () => searchCandidates(ports, pr, settings).catch(failed)
  const [found, early] = await settleAll([
    keys.length > 0 ? ports.jira.getIssues(keys) : Promise.resolve([]),
    wantsInference && mentions.length === 0 ? search() : Promise.resolve(null)
  ])
  const linked = linkedIssues(mentions, previous, found, settings)
  // Asked of Jira and not answered: deleted, moved away, or out of the account's sight.
  const unanswered = new Set(keys.filter((key) => !found.some((issue) => issue.key === key)))
  let suggestions: Suggestion[] = []
  let saveCache: () => Promise<void> = NOTHING_TO_SAVE
  let failure: SearchFailure | undefined
  if (wantsInference && !linked.some((l) => l.via === 'explicit')) {
    // Searched beside the key lookup when the PR names no key; else only now that none of its
    // keys turned out to be an issue (a typo, another site's key).
    const searched = mentions.length === 0 ? early : await search()
    if (searched && 'failure' in searched) failure = searched.failure
    else if (searched) {
      // Links inferred by earlier runs are ranked again, so a rerun shows the same confidence
      // and words; one no longer ranked high enough stays linked (only a maintainer unlinks).
      const exclude = new Set([
        ...linked.filter((l) => l.via !== 'inferred').map((l) => l.issue.key),
        ...dismissedKeys
      ])
      const inferred = await confirmInferred(ports, pr, settings, searched, exclude, {
        fresh: new Map(found.map((issue) => [issue.key, issue])),
        gone: new Set(unanswered)
      }).catch(failed)
      if ('failure' in inferred) failure = inferred.failure
      for (const link of 'failure' in inferred ? [] : inferred.linked) {
        const at = linked.findIndex((l) => l.issue.key === link.issue.key)
        if (at >= 0) linked[at] = link
        else linked.push(link)
      }
      if (!('failure' in inferred)) {
        suggestions = inferred.suggestions.filter(
          (s) => !linked.some((l) => l.issue.key === s.issue.key)
        )
        saveCache = () => searched.save(inferred.gone)
      }
    }
  }
  const state: CommentState = {
    v: 1,
    links: linked.map((l) => ({ key: l.issue.key, via: remembered(l, previous) })),
    ...(previous.rejected ? { rejected: previous.rejected } : {}),
    ...(previous.requested ? { requested: previous.requested } : {}),
    ...(previous.followUps?.length ? { followUps: previous.followUps } : {}),
    ...(previous.relink?.length ? { relink: previous.relink } : {}),
    ...(previous.titled && pr.pr.title.startsWith(`${previous.titled}: `)
      ? { titled: previous.titled }
      : {}),
    resolved: linked.filter((l) => l.strength === 'resolves').map((l) => l.issue.key)
  }
  // Named by the PR, a dismissed issue is linked all the same: listed once, as linked.
  const dismissed = found.filter(
    (issue) => dismissedKeys.includes(issue.key) && !linked.some((l) => l.issue.key === issue.key)
  )
  const vanished = previous.links.map((l) => l.key).filter((key) => unanswered.has(key))
  if (vanished.length > 0) {
    core.notice(
      `${vanished.join(', ')} ${vanished.length === 1 ? 'was' : 'were'} linked on an earlier run, and Jira no longer shows ${vanished.length === 1 ? 'it' : 'them'} to the action's account (deleted, moved to another project, or out of its permissions): no longer listed, and no link to remove.`,
      { title: 'gitar-jira' }
    )
  }
  const notes = [
    outsideProjectsNote(keysOutsideProjects(pr, settings, allMentioned), settings),
    unreadKeysNote(named.length, settings)
  ].filter((note) => note !== null)
  return {
    linked,
    suggestions,
    dismissed,
    state,
    saveCache,
    vanished,
    ...(notes.length > 0 ? { notes } : {}),
    ...(failure ? { failure } : {})
  }
}

const CONFIRM_ROUNDS = 2

type Searched = NonNullable<Awaited<ReturnType<typeof searchCandidates>>>

/**
 * Inference over the candidates, its picks confirmed (./confirm.ts): a pick only the cache knows
 * is read again; if Jira no longer has it, inference runs again without it, and its new picks are
 * read in turn (CONFIRM_ROUNDS). `gone`: the cached issues found gone, dropped from the
 * cache when it is saved.
 */
async function confirmInferred(
  ports: DiscoverPorts,
  pr: PrFacts,
  settings: Settings,
  searched: Searched,
  exclude: ReadonlySet<string>,
  known: Confirmation
): Promise<Picks & { gone: Set<string> }> {
  const infer = (pool: JiraIssue[]) => inferLinks(pr, pool, settings, exclude, searched.author)
  let picks = infer(searched.issues.filter((issue) => !known.gone.has(issue.key)))
  // Twice at most: what the pool without the gone picks yields is read in turn (a rerun must pick
  // what this run picks); what a third pass would need is left out.
  for (let round = 0; round < CONFIRM_ROUNDS; round++) {
    const unread = unconfirmed(picks, searched.stored, known)
    if (unread.length === 0) break
    record(known, unread, await ports.jira.getIssues(unread))
    if (!picked(picks).some((key) => known.gone.has(key))) break
    picks = infer(searched.issues.filter((issue) => !known.gone.has(issue.key)))
  }
  const gone = new Set([...known.gone].filter((key) => searched.stored.has(key)))
  return { ...confirmedPicks(picks, searched.stored, known), gone }
}

/**
 * An issue the PR names only as the title's `KEY: ` prefix that update-title wrote (the state's
 * `titled`): the action's word, not the author's. The issue stays linked as it was (inferred,
 * ticked), with its box; unticked, the auto-link rule takes the prefix off the title. A key the
 * author typed there is theirs, and links the issue.
 */
function prefixedByTheAction(
  mention: KeyMention,
  title: string,
  previous: CommentState,
  settings: Settings
): boolean {
  return (
    settings.rules.autoLink.updateTitle &&
    previous.titled === mention.key &&
    mention.sources.every((source) => source === 'title') &&
    title.startsWith(`${mention.key}: `)
  )
}

/**
 * How the state remembers a link: as made. An issue linked by inference or a maintainer's tick
 * that the PR now also names stays remembered so: when the key leaves the PR again, the link
 * stays (only unticking removes such a link).
 */
function remembered(link: LinkedIssue, previous: CommentState): LinkVia {
  if (link.via !== 'explicit') return link.via
  const earlier = previous.links.find((l) => l.key === link.issue.key)?.via
  return earlier === 'accepted' || earlier === 'inferred' ? earlier : 'explicit'
}

function failedSearch(error: unknown, settings: Settings): { failure: SearchFailure } {
  return { failure: searchFailure(error, settings) }
}

/** Inference runs until the PR names an issue or a maintainer accepted one. */
function inferenceWanted(settings: Settings, previous: CommentState): boolean {
  const { enabled, infer } = settings.rules.autoLink
  return enabled && infer && !previous.links.some((l) => l.via === 'accepted')
}

/** The candidates: the cached corpus (refreshed) or one bounded search, plus the targeted searches. */
async function searchCandidates(
  ports: DiscoverPorts,
  pr: PrFacts,
  settings: Settings
): Promise<{
  issues: JiraIssue[]
  /** The keys known only as the cache stored them (see ./confirm.ts). */
  stored: ReadonlySet<string>
  save: (drop?: ReadonlySet<string>) => Promise<void>
  author: UserRef | null
} | null> {
  const scope = inferenceScope(settings)
  if (!scope) {
    core.notice(
      'Key-less linking is skipped: it needs to know where to look. Set jira.projects, or a rules.auto-link.candidate-jql that restricts the field project (`project = ABC`), in the config file.',
      { title: 'gitar-jira' }
    )
    return null
  }
  // The author's Jira user is looked up (Data Center) while the corpus loads.
  const targetedSearch = async () => {
    const author = await findAuthor(ports.jira, pr.pr.author.login, settings)
    const queries = candidateQueries(pr.pr, settings, author?.jql ?? null)
    const issues = await fetchCandidates(
      ports.jira,
      queries.filter((q) => q.name !== 'recent')
    )
    return { author, issues, queries }
  }
  const [corpus, { author, issues: targeted, queries }] = await settleAll([
    corpusOf(ports, scope),
    targetedSearch()
  ])
  const recent = corpus
    ? []
    : await fetchCandidates(
        ports.jira,
        queries.filter((q) => q.name === 'recent')
      )
  const byKey = new Map<string, JiraIssue>()
  for (const issue of [...(corpus?.issues ?? []), ...recent, ...targeted])
    byKey.set(issue.key, issue)
  const answered = new Set([...recent, ...targeted].map((issue) => issue.key))
  const stored = new Set(
    (corpus?.issues ?? [])
      .map((issue) => issue.key)
      .filter((key) => !corpus?.fresh.has(key) && !answered.has(key))
  )
  return { issues: [...byKey.values()], stored, save: corpus?.save ?? NOTHING_TO_SAVE, author }
}

/**
 * A run with no PR (a push to the default branch, a schedule): the inference corpus refreshed and
 * kept, so every PR of the repository starts from it. Null when there is nothing to refresh: no
 * inference, no scope, or no cache service.
 */
export async function refreshCorpus(
  ports: DiscoverPorts,
  settings: Settings
): Promise<{ issues: number; how: 'full' | 'incremental'; save: () => Promise<void> } | null> {
  const scope = inferenceScope(settings)
  if (!inferenceWanted(settings, EMPTY_STATE) || !scope) return null
  const corpus = await corpusOf(ports, scope)
  return corpus ? { issues: corpus.issues.length, how: corpus.how, save: corpus.save } : null
}

function corpusOf(ports: DiscoverPorts, scope: InferenceScope) {
  return loadCorpus({ jira: ports.jira, store: ports.cache.store, key: ports.cache.key, scope })
}
