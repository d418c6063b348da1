/**
 * follow-ups: what a PR defers becomes Jira issues, exactly once. TODO/FIXME/HACK/XXX comments on
 * the PR's added lines (at the merge, or as soon as they appear with `when: open`) and review
 * threads left unresolved at the merge each get an issue, linked "relates to" the PR's issues;
 * a thread is answered with the new key.
 *
 * Exactly once: every follow-up carries fingerprint labels (fingerprint.ts); `gather` looks them
 * up by JQL, among the PR's follow-ups (its label too), before anything is planned, so a rerun, a
 * later event or a deleted PR comment never makes a second issue, and a later PR that adds the
 * same TODO text to the same file gets its own. A TODO moved by a later push keeps its
 * fingerprint. Jira Cloud's search can lag a write by seconds, so the PR comment's state also
 * remembers the keys of the follow-ups created, and a later run reads by key those the search did
 * not return, when it lacks an issue for some label.
 *
 * One group per PR: the issue that lists a PR's TODOs together (`grouping: pr`, or more than
 * MAX_TODO_ISSUES new on one run) carries a group label; a later event's new TODOs are added to
 * it (a comment listing them, then their labels) rather than grouped into a second issue.
 *
 * A PR closed without merging creates nothing; with `when: open`, the TODO follow-ups it made
 * while open are each told once that their TODO never reached the base branch (notes.ts).
 */
import { readCommentIndex } from '../../jira/property.js'
import { inProjects } from '../../config/projects.js'
import type { Settings } from '../../config/settings.js'
import { CONTENT_ACTIONS, type PrEvent } from '../../context.js'
import type { ReviewThread } from '../../github/port.js'
import type { JiraIssue, NewIssue } from '../../jira/port.js'
import type { Action, FromConfig } from '../../plan/actions.js'
import type { CommentState } from '../../report/state.js'
import { chunks } from '../../util/chunks.js'
import { settleAll } from '../../util/settle.js'
import { jqlString } from '../../util/jql.js'
import type { Facts, Note, Ports, Rule, RulePlan } from '../types.js'
import { MAX_CANDIDATES } from '../auto-link/discover.js'
import { codeText } from '../../util/code-text.js'
import { whyNotTrusted } from '../author-trust.js'
import {
  groupAddition,
  groupDescription,
  groupSummary,
  groupWhat,
  THREAD_REPLY,
  threadDescription,
  threadSummary,
  todoDescription,
  todoSummary,
  type PrRef
} from './describe.js'
import {
  additionEntry,
  groupLabel,
  isTodoLabel,
  prLabel,
  threadLabel,
  todoLabel
} from './fingerprint.js'
import { closedNotes, goneNotes, NOTES_PROPERTY, type NotedFollowUp } from './notes.js'
import { relatedKeys, relatesType, relinks, unrelatedNote, type Relinks } from './relates.js'
import { scanTodos, tracking, type FoundTodo, type ScannedTodo } from './todos.js'

/** Issue property of a PR's group issue: additions (additionEntry) → id of the comment listing them. */
export const ADDED_PROPERTY = 'gitar-jira.follow-up-added'

/** More new TODOs than this on one run get one issue together, whatever `grouping` says. */
export const MAX_TODO_ISSUES = 20
const LABELS_PER_SEARCH = 50
/** What every read of follow-ups asks for: their labels, and their links to see one missing. */
const READ = { details: true, links: true } as const

/** An issue that already follows something up. */
export interface KnownFollowUp {
  key: string
  url: string
  summary: string
  labels: string[]
  /** The keys of the issues it is linked to (any link type), when they were read. */
  links?: string[]
}

export interface FollowUpsFacts {
  todos: FoundTodo[]
  omitted: string[]
  /** Issues found by fingerprint label, by label. */
  known: Record<string, KnownFollowUp>
  /**
   * `when: open`, at the merge or a close without merging: this PR's TODO follow-ups, with the
   * index of their notes (notes.ts).
   */
  ofPr: NotedFollowUp[]
  /**
   * The issue that groups this PR's TODOs, looked up when new TODOs are to be grouped; with the
   * index of the comments that added TODOs to it. Null: none yet (or not looked up).
   */
  group: (KnownFollowUp & { added: Record<string, string> }) | null
  /**
   * The name of Jira's "relates to" link type; null when the site has none; undefined when it
   * was not looked up (nothing to link on this run).
   */
  linkType: string | null | undefined
  /** The links whose write failed on earlier runs (the state's `relink`), as this run finds them. */
  relink: Relinks
  /**
   * The merge base of the PR's diff, looked up only when a new follow-up is made for a thread on
   * a line the PR removes (its permalink is at that commit); else, or when GitHub could not tell,
   * absent and the PR's base commit stands in.
   */
  mergeBase?: string
}

/** A TODO or thread with its issue, as the PR comment lists it. */
export interface ListedFollowUp {
  what: string
  key: string
  url: string
  summary: string
  /** The fingerprint label of the TODO or thread: its place in `FollowUpsView.order`. */
  label: string
  /** The issue is the PR's group issue (it lists several TODOs). */
  grouped: boolean
}

/** What the PR comment shows of the follow-ups, beside what apply created. */
export interface FollowUpsView {
  /** `owner/repo#42`, which a group issue is listed by ("25 TODO(s) of acme/shop#42"). */
  pr: string
  /**
   * The fingerprint labels of the PR's TODOs and threads in the PR's order (TODOs by file and
   * line, then threads): the follow-ups are listed in it, so a rerun lists them as the run before.
   */
  order: string[]
  /**
   * Not issues yet: at the merge they become issues (`when: merge`, or a thread before the merge),
   * unless `noProject`.
   */
  pending: { what: string; summary: string; url: string }[]
  /** No Jira project to create follow-ups in (no `project`, no linked issue): none is created. */
  noProject: boolean
  /** Have their issue already. */
  found: ListedFollowUp[]
  /** New TODOs this run adds to the PR's group issue (`jira.addToIssue`). */
  adding: ListedFollowUp[]
  /** TODOs that name an issue. */
  tracked: { what: string; key: string }[]
  omitted: string[]
  /**
   * Not shown: the failed links the state keeps as they were (their follow-up not read on this
   * run); report/follow-ups.ts adds those that fail now.
   */
  relink?: Relinks['kept']
}

const isOpen = (t: ReviewThread) => !t.isResolved && !t.isOutdated

function openThreads(threads: ReviewThread[]): ReviewThread[] {
  return threads.filter((t) => isOpen(t) && t.comments.length > 0)
}

/**
 * The threads of the merge, open or not: those started after it (a comment on a merged PR's
 * diff) are not the merge's to follow up, whichever later run sees them. The open ones get an
 * issue; one resolved since (after the action's reply, usually) keeps its issue listed.
 */
function threadsOfMerge(facts: Pick<Facts, 'pr'>): ReviewThread[] {
  const mergedAt = Date.parse(facts.pr.pr.mergedAt ?? '')
  return facts.pr.threads.filter(
    (t) => t.comments.length > 0 && !(Date.parse(t.comments[0]?.createdAt ?? '') > mergedAt)
  )
}

function fromIssue(issue: JiraIssue): KnownFollowUp {
  return {
    key: issue.key,
    url: issue.url,
    summary: issue.summary,
    labels: issue.details?.labels ?? [],
    ...(issue.links ? { links: issue.links.map((l) => l.key) } : {})
  }
}

/**
 * The issues the TODOs name, as far as Jira confirms them (`UTF-8` is no issue, nor a typo), in
 * one read: the keys of `jira.projects`, at most as many as a PR may name.
 */
async function namedIssues(
  ports: Ports,
  todos: ScannedTodo[],
  settings: Settings
): Promise<Set<string>> {
  const keys = [...new Set(todos.flatMap((t) => t.names))]
    .filter((key) => inProjects(key, settings))
    .slice(0, MAX_CANDIDATES)
  const issues = keys.length > 0 ? await ports.jira.getIssues(keys) : []
  return new Set(issues.map((i) => i.key))
}

/**
 * The PR's follow-ups (those with its label `pr`) carrying any of `labels`, oldest first. Only the
 * PR's: a later PR that adds the same TODO text to the same file has a TODO of its own.
 */
async function searchByLabels(ports: Ports, pr: string, labels: string[]): Promise<JiraIssue[]> {
  const found: JiraIssue[] = []
  for (const batch of chunks(labels, LABELS_PER_SEARCH)) {
    const jql =
      batch.length === 1
        ? `labels = ${jqlString(batch[0]!)}`
        : `labels in (${batch.map(jqlString).join(', ')})`
    found.push(
      ...(await ports.jira.searchIssues(
        `labels = ${jqlString(pr)} AND ${jql} ORDER BY created ASC`,
        { max: 100, ...READ }
      ))
    )
  }
  return found
}

/** Every follow-up of the PR (those with its label `pr`), oldest first. */
const searchOfPr = (ports: Ports, pr: string) =>
  ports.jira.searchIssues(`labels = ${jqlString(pr)} ORDER BY created ASC`, { max: 100, ...READ })

/** `issues` by the labels of `labels` they carry (the first issue wins). */
function byLabel(issues: JiraIssue[], labels: string[]): Record<string, KnownFollowUp> {
  const known: Record<string, KnownFollowUp> = {}
  const wanted = new Set(labels)
  for (const issue of issues) {
    for (const label of issue.details?.labels ?? []) {
      if (wanted.has(label) && !known[label]) known[label] = fromIssue(issue)
    }
  }
  return known
}

/** The follow-up keys the comment state remembers, as far as they are trusted (jira.projects). */
export function rememberedKeys(state: CommentState, settings: Settings): string[] {
  return (state.followUps ?? []).filter((key) => inProjects(key, settings))
}

/** The follow-ups this run found, each once or more. */
const inHand = (found: Pick<FollowUpsFacts, 'known' | 'ofPr' | 'group'>): KnownFollowUp[] => [
  ...Object.values(found.known),
  ...found.ofPr,
  ...(found.group ? [found.group] : [])
]

/** The keys of `keys` that are none of `issues`. */
const notAmong = (keys: string[], issues: JiraIssue[]) =>
  keys.filter((key) => !issues.some((i) => i.key === key))

/** `searched`, then those of `more` it lacks. */
const withMissing = (searched: JiraIssue[], more: JiraIssue[]) => [
  ...searched,
  ...more.filter((m) => !searched.some((s) => s.key === m.key))
]

/** The PR is closed without being merged: nothing is created, nothing waits for the merge. */
/** Issue property reads in flight at once (the TODO follow-ups' note indexes). */
const PROPERTY_READS_AT_ONCE = 5

const isClosing = (facts: Facts) => facts.event.closed && !facts.event.merged

/**
 * `when: open` creates TODO issues before the merge only on a PR by the repository's people
 * (author-trust.ts): anyone else's TODOs wait for the merge, a maintainer's act, as with
 * `when: merge`.
 */
const createsBeforeMerge = (facts: Facts, config: Settings['rules']['followUps']) =>
  config.when === 'open' && facts.author.trusted

const repoOf = (facts: Facts) => `${facts.event.owner}/${facts.event.repo}`

function prRef(facts: Facts, mergeBase?: string): PrRef {
  const { pr } = facts.pr
  return {
    name: `${repoOf(facts)}#${pr.number}`,
    url: pr.htmlUrl,
    sha: pr.merged ? (pr.mergeCommitSha ?? pr.headSha) : pr.headSha,
    baseSha: mergeBase ?? pr.baseSha
  }
}

const where = (t: { path: string; line: number | null }) =>
  t.line === null ? t.path : `${t.path}:${t.line}`

export const followUps: Rule<FollowUpsFacts> = {
  name: 'follow-ups',

  appliesTo(event: PrEvent, settings: Settings): boolean {
    const config = settings.rules.followUps
    if (!config.enabled || !CONTENT_ACTIONS.has(event.action)) return false
    // Closed without merging: nothing to follow up, but the TODO follow-ups `when: open` created
    // while the PR was open are told so, and listed. After the merge, a later event (an edit of
    // the title) lists what the merge created, as the merge run did.
    return !event.closed || event.merged || (config.when === 'open' && config.todos)
  },

  async gather(ports: Ports, facts: Facts, settings: Settings): Promise<FollowUpsFacts> {
    const config = settings.rules.followUps
    const repo = repoOf(facts)
    // Merge work is due: the merge, or any later run (an edit, a ticked box, a rerun of an old
    // payload), since the event says what GitHub says of the PR now (context.ts asReadNow).
    const merged = facts.event.merged
    // Closed without merging (appliesTo): nothing is created; the PR's TODO follow-ups are found,
    // to be told and listed.
    const closing = isClosing(facts)
    const scan = config.todos
      ? await scanTodos(facts.pr.files, config.keywords)
      : { todos: [], omitted: [] }
    const todos = tracking(scan.todos, await namedIssues(ports, scan.todos, settings))
    const threads = config.unresolvedThreads && merged ? threadsOfMerge(facts) : []
    // `when: merge` before the merge: everything is pending, nothing to look up.
    const creating = !closing && (merged || createsBeforeMerge(facts, config))
    const labels = [
      ...todos.filter((t) => t.tracks === null).map((t) => todoLabel(repo, t.path, t.text)),
      ...threads.filter(isOpen).map((t) => threadLabel(t.id))
    ]
    // Closed threads are looked up to be listed, never to be created.
    const listedOnly = threads.filter((t) => !isOpen(t)).map((t) => threadLabel(t.id))
    const notesDue = (merged || closing) && config.when === 'open' && config.todos
    const pr = prLabel(facts.pr.pr.htmlUrl)
    const unique = [...new Set([...labels, ...listedOnly, ...(notesDue ? [pr] : [])])]
    const lookingUp = (creating || closing) && unique.length > 0
    // On the close, every follow-up of the PR is wanted: the search for them all is the one search.
    const searched = closing
      ? await searchOfPr(ports, pr)
      : lookingUp
        ? await searchByLabels(ports, pr, unique)
        : []
    // What earlier runs created counts even when the search does not return it yet: the keys
    // the state remembers and the search did not return are read by key, when some label is
    // still without its issue (else they could only be issues found already; usually none are
    // left, and nothing is read). At the merge, `when: open`, every follow-up of the PR is
    // wanted, for its TODO may be gone; at a close without merging, to be told of it. Only this
    // PR's follow-ups count: the state is editable.
    const searchedKnown = byLabel(searched, unique)
    const wanting = notesDue || labels.some((l) => !searchedKnown[l])
    const unreturned =
      lookingUp && wanting ? notAmong(rememberedKeys(facts.previous, settings), searched) : []
    const read = unreturned.length > 0 ? await ports.jira.getIssues(unreturned, READ) : []
    const unseen = read.filter((issue) => issue.details?.labels.includes(pr))
    const known = unseen.length > 0 ? byLabel(withMissing(searched, unseen), unique) : searchedKnown

    // New TODOs the plan groups (planFollowUps decides the same way): into the PR's group issue
    // when it has one already.
    const newTodos = new Set(labels.filter((l) => isTodoLabel(l) && !known[l])).size
    const grouping =
      creating && newTodos > 0 && (config.grouping === 'pr' || newTodos > MAX_TODO_ISSUES)
    // Every follow-up of the PR carries its label: one search serves both.
    const ofPrIssues = closing
      ? withMissing(searched, unseen)
      : notesDue || grouping
        ? withMissing(await searchOfPr(ports, pr), unseen)
        : []

    // The TODO follow-ups' note indexes (a few at a time) and the group's, read together.
    const todoIssues = notesDue ? ofPrIssues.filter((i) => i.details?.labels.some(isTodoLabel)) : []
    const groupIssue = grouping ? findGroup(ofPrIssues, facts) : undefined
    const readNotes = async () => {
      const indexes: unknown[] = []
      for (const batch of chunks(todoIssues, PROPERTY_READS_AT_ONCE)) {
        indexes.push(
          ...(await settleAll(
            batch.map((issue) => ports.jira.getIssueProperty(issue.key, NOTES_PROPERTY))
          ))
        )
      }
      return indexes
    }
    const [notesIndexes, groupIndex] = await settleAll([
      readNotes(),
      groupIssue
        ? ports.jira.getIssueProperty(groupIssue.key, ADDED_PROPERTY)
        : Promise.resolve(undefined)
    ])
    const ofPr: FollowUpsFacts['ofPr'] = todoIssues.map((issue, i) => ({
      ...fromIssue(issue),
      notes: readCommentIndex(notesIndexes[i])
    }))
    const group: FollowUpsFacts['group'] = groupIssue
      ? { ...fromIssue(groupIssue), added: readCommentIndex(groupIndex) }
      : null

    const related = relatedKeys(facts.linked)
    // Nothing is linked on the close: the failed links are kept for a merge after a reopen.
    const relink = relinks(
      facts.previous.relink ?? [],
      closing ? [] : inHand({ known, ofPr, group }),
      pr,
      related
    )
    const linking =
      creating && related.length > 0 && (labels.some((l) => !known[l]) || relink.due.length > 0)
    // A new thread issue on a removed line links to it where the PR's diff has it.
    const onRemovedLine = threads.some(
      (t) => isOpen(t) && t.diffSide === 'LEFT' && t.line !== null && !known[threadLabel(t.id)]
    )
    const { baseSha, headSha } = facts.pr.pr
    const [linkType, mergeBase] = await settleAll([
      linking ? relatesType(ports) : Promise.resolve(undefined),
      onRemovedLine ? ports.github.getMergeBase(baseSha, headSha) : Promise.resolve(null)
    ])
    return {
      todos,
      omitted: scan.omitted,
      known,
      ofPr,
      group,
      linkType,
      relink,
      ...(mergeBase ? { mergeBase } : {})
    }
  },

  plan(facts: Facts, found: FollowUpsFacts, settings: Settings): RulePlan {
    return planFollowUps(facts, found, settings)
  }
}

/**
 * The PR's group issue among its follow-ups: the one with the group label; else one grouped before
 * the label existed (TODO labels and the group summary), the oldest first.
 */
function findGroup(issues: JiraIssue[], facts: Facts): JiraIssue | undefined {
  const label = groupLabel(facts.pr.pr.htmlUrl)
  const prefix = `TODOs of ${repoOf(facts)}#${facts.pr.pr.number}: `
  return (
    issues.find((i) => i.details?.labels.includes(label)) ??
    issues.find((i) => i.details?.labels.some(isTodoLabel) && i.summary.startsWith(prefix))
  )
}

const listed = (
  what: string,
  issue: KnownFollowUp,
  label: string,
  grouped: boolean
): ListedFollowUp => ({
  what,
  key: issue.key,
  url: issue.url,
  summary: issue.summary,
  label,
  grouped
})

const threadUrl = (thread: ReviewThread, pr: PrRef) => thread.comments[0]?.url ?? pr.url

/** Pure: the follow-ups' actions, notes and what the PR comment shows. */
export function planFollowUps(
  facts: Facts,
  found: FollowUpsFacts,
  settings: Settings
): RulePlan & { followUps: FollowUpsView } {
  const config = settings.rules.followUps
  const repo = repoOf(facts)
  const pr = prRef(facts, found.mergeBase)
  const merged = facts.event.merged // see gather
  const closing = isClosing(facts)
  const createTodos = !closing && (merged || createsBeforeMerge(facts, config))
  const project = config.project ?? facts.linked[0]?.issue.projectKey ?? null
  const view: FollowUpsView = {
    pr: pr.name,
    order: [],
    pending: [],
    noProject: project === null,
    found: [],
    adding: [],
    tracked: [],
    omitted: found.omitted,
    relink: found.relink.kept
  }
  const actions: Action[] = []
  const notes: Note[] = []
  // A project taken from a linked issue is no mistake of the file.
  const fromConfig: FromConfig = {
    issuetype: ['rules', 'follow-ups', 'issue-type'],
    ...(config.project === null ? {} : { project: ['rules', 'follow-ups', 'project'] })
  }
  const related = relatedKeys(facts.linked)
  const relatesTo =
    found.linkType && related.length > 0 ? { linkType: found.linkType, keys: related } : null
  const prL = prLabel(pr.url)
  const groupL = groupLabel(pr.url)
  const issue = (summary: string, description: NewIssue['description'], labels: string[]) =>
    ({
      projectKey: project!,
      issueType: config.issueType,
      summary,
      description,
      labels: [...new Set([...config.labels, prL, ...labels])]
    }) satisfies NewIssue

  // TODOs: one per fingerprint (the same text twice in a file is one TODO).
  const fresh: { todo: FoundTodo; label: string }[] = []
  const seen = new Set<string>()
  let todosWaiting = 0
  for (const todo of found.todos) {
    const what = `the ${todo.tag} at ${where(todo)}`
    if (todo.tracks !== null) {
      view.tracked.push({ what: `${todo.tag} at ${where(todo)}`, key: todo.tracks })
      continue
    }
    const label = todoLabel(repo, todo.path, todo.text)
    if (seen.has(label)) continue
    seen.add(label)
    view.order.push(label)
    const known = found.known[label]
    if (known) view.found.push(listed(what, known, label, known.labels.includes(groupL)))
    else if (createTodos && project !== null) fresh.push({ todo, label })
    else if (!closing) {
      todosWaiting++
      view.pending.push({
        what,
        summary: todoSummary(todo),
        url: `${pr.url}/files`
      })
    }
  }
  // Past MAX_TODO_ISSUES new TODOs (vendored or generated code, most likely), one issue for them.
  // One per PR: a later event's new TODOs join the group issue an earlier event made.
  const grouped = fresh.length > 0 && (config.grouping === 'pr' || fresh.length > MAX_TODO_ISSUES)
  const group = grouped ? found.group : null
  if (grouped && config.grouping !== 'pr') {
    notes.push({
      level: 'info',
      ...(group
        ? codeText`${fresh.length} new TODOs: more than ${MAX_TODO_ISSUES}, so they are added to ${group.key}, the follow-up issue that lists this PR's TODOs, instead of one issue each.`
        : codeText`${fresh.length} new TODOs: more than ${MAX_TODO_ISSUES}, so one follow-up issue lists them all instead of one issue each (\`grouping: pr\` always does this).`)
    })
  }
  if (group) {
    const todos = fresh.map((f) => f.todo)
    const labels = fresh.map((f) => f.label)
    const entry = additionEntry(pr.url, labels)
    actions.push({
      type: 'jira.addToIssue',
      rule: 'follow-ups',
      issueKey: group.key,
      what: `${todos.length} new TODO(s) of ${pr.name}`,
      body: groupAddition(todos, pr),
      commentId: group.added[entry] ?? null,
      index: { property: ADDED_PROPERTY, entry, known: group.added },
      // The group label too: a group made before it existed is found by it from now on.
      labels: [...new Set([...labels, ...(group.labels.includes(groupL) ? [] : [groupL])])]
    })
    for (const { todo, label } of fresh) {
      view.adding.push(listed(`the ${todo.tag} at ${where(todo)}`, group, label, true))
    }
  } else if (grouped) {
    const todos = fresh.map((f) => f.todo)
    actions.push({
      type: 'jira.createIssue',
      rule: 'follow-ups',
      what: groupWhat(todos.length, pr.name),
      issue: issue(groupSummary(todos, pr), groupDescription(todos, pr), [
        groupL,
        ...fresh.map((f) => f.label)
      ]),
      fromConfig,
      relatesTo,
      reply: null
    })
  } else {
    for (const { todo, label } of fresh) {
      actions.push({
        type: 'jira.createIssue',
        rule: 'follow-ups',
        what: `the ${todo.tag} at ${where(todo)}`,
        issue: issue(todoSummary(todo), todoDescription(todo, pr), [label]),
        fromConfig,
        relatesTo,
        reply: null
      })
    }
  }

  // Review threads: at the merge only.
  const threads = config.unresolvedThreads && merged ? threadsOfMerge(facts) : []
  for (const thread of threads) {
    const what = `the review thread at ${where(thread)}`
    const label = threadLabel(thread.id)
    view.order.push(label)
    const known = found.known[label]
    if (known) {
      view.found.push(listed(what, known, label, false))
      if (!isOpen(thread)) continue
      // The issue exists but the reply did not get through: answer now. The reply is looked for
      // among the latest comments; one that 50 later comments pushed out of them is answered
      // again, which brings the key back to where the discussion is.
      if (!thread.comments.some((c) => c.body.includes(known.key))) {
        actions.push({
          type: 'github.replyToThread',
          rule: 'follow-ups',
          threadId: thread.id,
          body: THREAD_REPLY.replace('{key}', known.key).replace('{url}', known.url)
        })
      }
    } else if (!isOpen(thread)) {
      continue
    } else if (project !== null) {
      actions.push({
        type: 'jira.createIssue',
        rule: 'follow-ups',
        what,
        issue: issue(threadSummary(thread), threadDescription(thread, pr), [label]),
        fromConfig,
        relatesTo,
        reply: { threadId: thread.id, body: THREAD_REPLY }
      })
    } else {
      view.pending.push({ what, summary: threadSummary(thread), url: threadUrl(thread, pr) })
    }
  }
  if (!merged && !closing && config.unresolvedThreads) {
    for (const thread of openThreads(facts.pr.threads)) {
      view.pending.push({
        what: `the review thread at ${where(thread)}`,
        summary: threadSummary(thread),
        url: threadUrl(thread, pr)
      })
    }
  }

  // "Relates to" links whose write failed on an earlier run, tried again (a few runs at most).
  // With no link type to make them with, they are dropped: the note below says why.
  if (found.linkType) {
    for (const { key, to, tries } of found.relink.due) {
      actions.push({
        type: 'jira.linkIssues',
        rule: 'follow-ups',
        issueKey: key,
        linkType: found.linkType,
        keys: to,
        attempt: tries + 1
      })
    }
  }

  // `when: open`: a follow-up whose TODO left the PR before the merge is told so, once; at a
  // close without merging, every follow-up is.
  if (closing) actions.push(...closedNotes(found.ofPr, pr, facts.pr.pr.baseRef))
  else {
    const current = new Set(
      found.todos.map((t) => (t.tracks === null ? todoLabel(repo, t.path, t.text) : ''))
    )
    actions.push(...goneNotes(found.ofPr, pr, current))
  }

  if (!merged && !closing && config.when === 'open' && !facts.author.trusted) {
    if (todosWaiting > 0) {
      notes.push({
        level: 'info',
        ...codeText`${whyNotTrusted(facts.author, facts.event)}: the TODOs of this PR become Jira issues at its merge (\`when: open\` creates them before the merge only on PRs by the repository's people).`
      })
    }
  }
  // From the first run that sees something to follow up, not only once the merge fails to.
  if (project === null && view.pending.length > 0) {
    notes.push({
      level: 'warning',
      ...codeText`Follow-ups need a Jira project: set \`rules.follow-ups.project\`, or link the PR to an issue.`
    })
  }
  // Only when it was looked up (there was something to link) and Jira has none.
  const toLink = actions.some((a) => a.type === 'jira.createIssue') || found.relink.due.length > 0
  if (found.linkType === null && facts.linked.length > 0 && toLink) {
    notes.push({
      level: 'warning',
      text: 'Jira has no "Relates" issue link type: follow-ups are not linked to the PR\'s issues.'
    })
  }
  const unrelated = unrelatedNote(facts.linked.length, related)
  if (relatesTo && actions.some((a) => a.type === 'jira.createIssue') && unrelated) {
    notes.push(unrelated)
  }
  return { actions, notes, followUps: view }
}
