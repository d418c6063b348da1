/**
 * The merge summary a Jira watcher reads in ten seconds, as flavour-neutral rich text: what was
 * merged (title, link, by whom, into which branch, merge commit), what changed (the PR body),
 * commits by kind, changed areas, tests touched, approvals and the follow-ups of the merge.
 * Long PRs are cut ("… and N more") until the rendering fits the budget; as a last resort the
 * summary is cut short, with a note that says so and points to the pull request.
 */
import type { PrFacts, PrReview } from '../../github/port.js'
import { fromMarkdownText } from '../../richtext/markdown.js'
import { JIRA_TEXT_BUDGET, jiraTextSize } from '../../richtext/size.js'
import { headOf } from '../../util/text.js'
import {
  bullets,
  code,
  heading,
  link,
  paragraph,
  strong,
  text,
  type Block,
  type Inline,
  type RichDoc
} from '../../richtext/model.js'
import type { Strength } from '../auto-link/keys.js'
import { changedAreas, testFiles } from './areas.js'
import { summarizeCommits, type CommitLine } from './commits.js'

/** Jira's limit on a comment, with room to spare (see richtext/size.ts). */
export const SUMMARY_BUDGET = JIRA_TEXT_BUDGET

/** The size the budget is measured in (see richtext/size.ts). */
export const summarySize = jiraTextSize

export interface FollowUp {
  key: string
  url: string
  summary: string
}

export interface SummaryInput {
  pr: PrFacts
  /** `owner/repo`. */
  repo: string
  /** How this PR relates to the issue the comment is on. */
  strength: Strength
  /** Issues the merge created (the follow-ups rule); null: not known (the rule is off), not shown. */
  followUps: FollowUp[] | null
}

/** How much of each list is shown; `fitSummary` lowers them until the summary fits. */
export interface Limits {
  /** Top-level blocks of the PR body. */
  body: number
  /** Characters of one text or code block of the body. */
  chars: number
  commits: number
  areas: number
  tests: number
  /** Follow-up issues listed (the rest are linked to the issue, and listed on the PR). */
  followUps: number
}

export const GENEROUS: Limits = {
  body: 60,
  chars: 3000,
  commits: 30,
  areas: 12,
  tests: 15,
  followUps: 50
}

/**
 * The summary at the largest limits that fit the budget (see `summarySize`). When even the
 * smallest limits do not fit (hundreds of follow-ups, enormous titles or paths), the summary is
 * cut short by `cutToFit`, so it always fits. A pure function of its input: a rerun renders the
 * same comment, which Data Center's unchanged-comment check relies on.
 */
export function fitSummary(input: SummaryInput, budget = SUMMARY_BUDGET): RichDoc {
  let limits: Limits | null = { ...GENEROUS }
  const body = fromMarkdownText(input.pr.pr.body) // parsed once, not once a round
  let doc = buildSummary(input, limits, body)
  while (summarySize(doc) > budget) {
    limits = smaller(limits)
    if (limits === null) return cutToFit(doc, budget, input.pr.pr.htmlUrl)
    doc = buildSummary(input, limits, body)
  }
  return doc
}

/**
 * One step down: the longest lists first, the description's length, then the description, then
 * the follow-ups. Null when nothing is left to lower. Every step lowers a limit, so it ends.
 */
function smaller(l: Limits): Limits | null {
  if (l.commits > 10) return { ...l, commits: Math.floor(l.commits / 2) }
  if (l.tests > 5 || l.areas > 6) {
    return { ...l, tests: Math.max(5, l.tests - 5), areas: Math.max(6, l.areas - 3) }
  }
  if (l.chars > 500) return { ...l, chars: Math.floor(l.chars / 2) }
  if (l.body > 4) return { ...l, body: Math.floor(l.body / 2) }
  if (l.commits > 3) return { ...l, commits: 3 }
  if (l.body > 0) return { ...l, body: 0 }
  if (l.tests > 1 || l.areas > 3 || l.commits > 1 || l.chars > 200)
    return { ...l, tests: 1, areas: 3, commits: 1, chars: 200 }
  if (l.followUps > 10) return { ...l, followUps: 10 }
  if (l.followUps > 0) return { ...l, followUps: 0 }
  return null
}

/** The note a summary cut short by `cutToFit` ends with. */
export const SHORTENED_NOTE = 'This summary was shortened to fit Jira’s comment size limit'

/**
 * The last resort: the title, then each block in order that still fits (as it is, its texts cut
 * to 300 characters, or for a list its first items), then a note that the summary was shortened
 * and that the pull request has it all, then the closing line; so it fits by construction. If
 * even that is too long (a budget far below Jira's), the title is cut, then the closing line
 * dropped, then the note stands alone (a few hundred characters: a GitHub PR URL is short).
 */
function cutToFit(doc: RichDoc, budget: number, prUrl: string): RichDoc {
  const [head, ...rest] = doc.blocks
  const foot = rest.pop()
  const note = paragraph(
    text(`${SHORTENED_NOTE}: the full details are in `, { type: 'em' }),
    link('the pull request', prUrl),
    text('.', { type: 'em' })
  )
  const outer = (middle: Block[]): RichDoc => ({
    blocks: [...(head ? [head] : []), ...middle, note, ...(foot ? [foot] : [])]
  })
  const fits = (d: RichDoc) => summarySize(d) <= budget
  const kept: Block[] = []
  for (const b of rest) {
    // As it is, or with its texts cut short, or (a list) as many of its first items as fit.
    const short = shorten(b, 300)
    const fit = [b, short].find((c) => fits(outer([...kept, c])))
    const part = fit ?? (isList(short) ? listPrefix(short, (p) => fits(outer([...kept, p]))) : null)
    if (part) kept.push(part)
  }
  // A section heading whose section was cut away entirely says nothing.
  const shown = kept.filter((b, i) => {
    if (b.type !== 'heading') return true
    const next = kept[i + 1]
    return next !== undefined && !(next.type === 'heading' && next.level <= b.level)
  })
  const fallbacks: RichDoc[] = [
    outer(shown),
    ...(head ? [{ blocks: [shorten(head, 200), note, ...(foot ? [foot] : [])] }] : []),
    ...(head ? [{ blocks: [shorten(head, 200), note] }] : [])
  ]
  return fallbacks.find(fits) ?? { blocks: [note] }
}

type List = Extract<Block, { type: 'bulletList' | 'orderedList' }>

const isList = (b: Block): b is List => b.type === 'bulletList' || b.type === 'orderedList'

/** The longest start of the list (one item at least) that `fits`, or null. */
function listPrefix(list: List, fits: (b: Block) => boolean): Block | null {
  const take = (n: number): Block => ({ ...list, items: list.items.slice(0, n) })
  let lo = 0
  let hi = list.items.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(take(mid))) lo = mid
    else hi = mid - 1
  }
  return lo > 0 ? take(lo) : null
}

export function buildSummary(
  input: SummaryInput,
  limits: Limits,
  body: RichDoc = fromMarkdownText(input.pr.pr.body)
): RichDoc {
  const { pr: facts, repo } = input
  const { pr } = facts
  const repoUrl = pr.htmlUrl.replace(/\/pull\/\d+\/?$/, '')
  const site = new URL(pr.htmlUrl).origin
  const pages = new Map(facts.reviews.flatMap((r) => (r.userUrl ? [[r.user, r.userUrl]] : [])))
  const user = (login: string, page = pages.get(login)) =>
    link(login, page ?? profileUrl(site, login))

  const merged: Inline[] = [text('Merged')]
  if (pr.mergedBy) merged.push(text(' by '), user(pr.mergedBy.login, pr.mergedBy.htmlUrl))
  merged.push(text(' into '), code(pr.baseRef))
  if (pr.mergeCommitSha) {
    merged.push(
      text(' as '),
      link(pr.mergeCommitSha.slice(0, 7), `${repoUrl}/commit/${pr.mergeCommitSha}`, {
        type: 'code'
      })
    )
  }
  if (pr.mergedAt) merged.push(text(` on ${pr.mergedAt.slice(0, 10)}`))
  merged.push(
    text(
      input.strength === 'resolves'
        ? '. This pull request resolves this issue.'
        : '. This pull request refers to this issue.'
    )
  )

  const approvers = approvedBy(facts.reviews)
  const approvals: Inline[] =
    approvers.length > 0
      ? [strong('Approved by '), ...joined(approvers.map((login) => user(login)))]
      : [strong('Approved by '), text('nobody: merged without an approving review.')]

  return {
    blocks: [
      heading(3, link(`${repo}#${pr.number}: ${pr.title}`, pr.htmlUrl)),
      paragraph(...merged),
      paragraph(...approvals),
      heading(4, text('What changed')),
      ...describe(body, limits, pr.htmlUrl),
      ...commitsSection(facts, limits, repoUrl),
      ...areasSection(facts, limits),
      ...testsSection(facts, limits),
      ...followUpsSection(input.followUps, limits, pr.htmlUrl),
      paragraph(
        text(
          `Written by gitar-jira when ${repo}#${pr.number} was merged; a rerun updates this comment.`,
          {
            type: 'em'
          }
        )
      )
    ]
  }
}

/**
 * An account's page where GitHub did not give one: a bot's login (`renovate[bot]`) has no
 * profile page, its app has one (`/apps/renovate`).
 */
export function profileUrl(site: string, login: string): string {
  const app = /^(.+)\[bot\]$/.exec(login)?.[1]
  return app ? `${site}/apps/${encodeURIComponent(app)}` : `${site}/${encodeURIComponent(login)}`
}

/** Reviewers whose latest decisive review approves. */
export function approvedBy(reviews: PrReview[]): string[] {
  const latest = new Map<string, string>()
  for (const r of reviews) {
    if (['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(r.state))
      latest.set(r.user, r.state)
  }
  return [...latest].filter(([, state]) => state === 'APPROVED').map(([user]) => user)
}

function joined(parts: Inline[]): Inline[] {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [text(', '), p]))
}

const more = (n: number, what: string): Inline => text(`… and ${n} more ${what}`, { type: 'em' })
const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
const lines = (f: { additions: number; deletions: number }) =>
  `+${f.additions.toLocaleString('en-US')} −${f.deletions.toLocaleString('en-US')}`

/** The PR body as rich text, its headings below the summary's own, cut to the limits. */
function describe(doc: RichDoc, limits: Limits, prUrl: string): Block[] {
  if (doc.blocks.length === 0) return [paragraph(text('No description.', { type: 'em' }))]
  const shown = doc.blocks.slice(0, limits.body).map((b) => shorten(demote(b), limits.chars))
  const left = doc.blocks.length - shown.length
  if (left > 0) {
    shown.push(
      paragraph(
        more(left, left === 1 ? 'block' : 'blocks'),
        text(' in '),
        link('the pull request', prUrl)
      )
    )
  }
  return shown
}

function demote(b: Block): Block {
  if (b.type === 'heading') return { ...b, level: Math.min(6, b.level + 4) as 5 | 6 }
  if (b.type === 'blockquote') return { ...b, content: b.content.map(demote) }
  return b
}

/** A code block or text longer than `max` characters is cut, with a word that it was. */
function shorten(b: Block, max: number): Block {
  switch (b.type) {
    case 'codeBlock': {
      if (b.text.length <= max) return b
      // Whole lines, as many as fit; a first line longer than `max` alone is cut, with a mark.
      const all = b.text.split('\n')
      const end = b.text.lastIndexOf('\n', max)
      const kept = end > 0 ? b.text.slice(0, end) : `${headOf(all[0]!, max)}…`
      const cut = all.length - (end > 0 ? kept.split('\n').length : 1)
      return cut > 0
        ? { ...b, text: `${kept}\n… (${count(cut, 'more line')})` }
        : { ...b, text: kept }
    }
    case 'paragraph':
    case 'heading':
      return { ...b, content: shortenInlines(b.content, max) }
    case 'bulletList':
    case 'orderedList':
      return {
        ...b,
        items: b.items.map((i) => ({ ...i, content: i.content.map((c) => shorten(c, max)) }))
      }
    case 'blockquote':
      return { ...b, content: b.content.map((c) => shorten(c, max)) }
    case 'table':
      return {
        ...b,
        rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => shortenInlines(c, max)) }))
      }
    case 'rule':
      return b
  }
}

function shortenInlines(list: Inline[], max: number): Inline[] {
  let left = max
  const out: Inline[] = []
  for (const i of list) {
    if (i.type !== 'text') {
      out.push(i)
      continue
    }
    if (left <= 0) break
    out.push(i.text.length <= left ? i : { ...i, text: `${i.text.slice(0, left)}…` })
    left -= i.text.length
  }
  return out
}

function followUpsSection(followUps: FollowUp[] | null, limits: Limits, prUrl: string): Block[] {
  if (followUps === null) return []
  const title = heading(4, text('Follow-ups'))
  if (followUps.length === 0) return [title, paragraph(text('None created by this merge.'))]
  const shown = followUps.slice(0, limits.followUps)
  const items = shown.map((f) => [link(f.key, f.url), text(` ${f.summary}`)])
  const left = followUps.length - shown.length
  if (left > 0) {
    const rest = [
      more(left, left === 1 ? 'follow-up' : 'follow-ups'),
      text(': see this issue’s links, or '),
      link('the pull request', prUrl)
    ]
    return shown.length > 0 ? [title, bullets([...items, rest])] : [title, paragraph(...rest)]
  }
  return [title, bullets(items)]
}

function commitLine(c: CommitLine, repoUrl: string): Inline[] {
  return [
    ...(c.scope ? [strong(`${c.scope}: `)] : []),
    c.subject === '' ? text('(no message)', { type: 'em' }) : text(c.subject),
    ...(c.breaking ? [strong(' (breaking)')] : []),
    text(' '),
    link(c.sha.slice(0, 7), `${repoUrl}/commit/${c.sha}`, { type: 'code' })
  ]
}

function commitsSection(facts: PrFacts, limits: Limits, repoUrl: string): Block[] {
  const summary = summarizeCommits(facts.commits)
  const total = summary.groups.reduce((n, g) => n + g.commits.length, 0)
  if (total === 0 && summary.merges === 0) return []
  // Only merge commits: no count of none, the note below says what there was.
  const counted = total > 0 ? ` (${total}${facts.commitsTruncated ? '+' : ''})` : ''
  const out: Block[] = [heading(4, text(`Commits${counted}`))]
  let budget = limits.commits
  let hidden = 0
  for (const group of summary.groups) {
    const shown = group.commits.slice(0, Math.max(0, budget))
    budget -= shown.length
    hidden += group.commits.length - shown.length
    if (shown.length === 0) continue
    if (summary.conventional)
      out.push(paragraph(strong(`${group.title} (${group.commits.length})`)))
    out.push(bullets(shown.map((c) => commitLine(c, repoUrl))))
  }
  const notes: Inline[] = []
  if (hidden > 0) notes.push(more(hidden, hidden === 1 ? 'commit' : 'commits'))
  if (facts.commitsTruncated)
    notes.push(text(`${notes.length ? '; ' : ''}GitHub lists the first 250 commits only`))
  if (summary.merges > 0)
    notes.push(
      text(`${notes.length ? '; ' : ''}${count(summary.merges, 'merge commit')} not listed`)
    )
  if (notes.length > 0) out.push(paragraph(...notes, text('.')))
  return out
}

function areasSection(facts: PrFacts, limits: Limits): Block[] {
  if (facts.files.length === 0) return []
  const areas = changedAreas(facts.files)
  const { totals } = facts
  const shown = areas.slice(0, limits.areas)
  const items = shown.map((a) => [code(a.name), text(` ${count(a.files, 'file')}, ${lines(a)}`)])
  const left = areas.length - shown.length
  if (left > 0) items.push([more(left, left === 1 ? 'area' : 'areas')])
  const title = heading(4, text(`Changed areas: ${count(totals.files, 'file')}, ${lines(totals)}`))
  if (!facts.filesTruncated) return [title, bullets(items)]
  // The totals are GitHub's own; the areas can only count the files GitHub lists.
  const first = `the first ${count(facts.files.length, 'file')}`
  const note = paragraph(text(`By area, ${first} (GitHub lists no more):`, { type: 'em' }))
  return [title, note, bullets(items)]
}

function testsSection(facts: PrFacts, limits: Limits): Block[] {
  const tests = testFiles(facts.files)
  const within = facts.filesTruncated ? ` in the first ${count(facts.files.length, 'file')}` : ''
  if (tests.length === 0)
    return [heading(4, text('Tests')), paragraph(text(`No test file changed${within}.`))]
  const shown = tests.slice(0, limits.tests)
  const items = shown.map((f) => [
    code(f.path),
    text(
      ` ${f.status === 'added' ? 'added, ' : f.status === 'removed' ? 'removed, ' : ''}${lines(f)}`
    )
  ])
  const left = tests.length - shown.length
  if (left > 0) items.push([more(left, left === 1 ? 'test file' : 'test files')])
  return [
    heading(4, text(`Tests: ${count(tests.length, 'file')} touched${within}`)),
    bullets(items)
  ]
}
