/** The follow-up issues' summaries and descriptions, as rich text (ADF on Cloud). */
import type { ReviewThread } from '../../github/port.js'
import {
  bullets,
  code,
  link,
  paragraph,
  text,
  type Block,
  type Inline,
  type RichDoc
} from '../../richtext/model.js'
import { halvedToFit, JIRA_TEXT_BUDGET, jiraTextSize } from '../../richtext/size.js'
import { ellipsized, headOf } from '../../util/text.js'
import { codeLanguageOf } from './languages.js'
import type { FoundTodo } from './todos.js'

/** Jira's limit for a summary. */
export const SUMMARY_MAX = 255
const REPLY_CHARS = 200
const BODY_CHARS = 4000
/** A TODO's text in a description (its summary is cut to SUMMARY_MAX). */
const TODO_TEXT_CHARS = 1000
/** A quoted line of code longer than this (minified code, a data line) is cut, saying so. */
const QUOTED_LINE_CHARS = 500

/** One line, at most `max` characters (an ellipsis marks a cut). */
export function oneLine(value: string, max = SUMMARY_MAX): string {
  return ellipsized(value.replace(/\s+/g, ' ').trim(), max)
}

function quotedLine(line: string): string {
  if (line.length <= QUOTED_LINE_CHARS) return line
  const kept = headOf(line, QUOTED_LINE_CHARS)
  return `${kept} … (${(line.length - kept.length).toLocaleString('en-US')} more characters cut)`
}

/** Where the PR lives: `https://github.com/acme/shop` from its html URL (GHES too). */
export function repoUrlOf(prUrl: string): string {
  return prUrl.replace(/\/pull\/\d+\/?$/, '')
}

export function permalink(prUrl: string, sha: string, path: string, line: number): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/')
  return `${repoUrlOf(prUrl)}/blob/${sha}/${encoded}#L${line}`
}

export interface PrRef {
  /** `owner/repo#42` */
  name: string
  url: string
  /** The commit permalinks point at: the merge commit once merged, else the head. */
  sha: string
  /**
   * The commit the PR's diff is taken against (its merge base, else its base commit): where a
   * line the PR removes is (the old side of its diff).
   */
  baseSha: string
}

export function todoSummary(todo: FoundTodo): string {
  return oneLine(todo.text || `${todo.tag} in ${todo.path}`)
}

function todoLine(todo: FoundTodo, pr: PrRef): Inline[] {
  const at = `${todo.path}:${todo.line}`
  return [
    text(`${todo.tag} `),
    link(at, permalink(pr.url, pr.sha, todo.path, todo.line)),
    text(todo.text ? `: ${ellipsized(todo.text, TODO_TEXT_CHARS)}` : '')
  ]
}

function todoBlocks(todo: FoundTodo, pr: PrRef): Block[] {
  return [
    paragraph(...todoLine(todo, pr)),
    {
      type: 'codeBlock',
      ...(codeLanguageOf(todo.path) ? { language: codeLanguageOf(todo.path) } : {}),
      text: todo.context.lines.map(quotedLine).join('\n')
    }
  ]
}

function origin(pr: PrRef, what: string): Block {
  return paragraph(text(`${what} `), link(pr.name, pr.url), text('.'))
}

/** Jira's 32,767-character limit on a description, with room to spare (richtext/size.ts). */
export const DESCRIPTION_BUDGET = JIRA_TEXT_BUDGET

/** The TODO with the lines around it; without them in the rare case they do not fit. */
export function todoDescription(todo: FoundTodo, pr: PrRef, budget = DESCRIPTION_BUDGET): RichDoc {
  const lead = origin(pr, 'Left as a TODO comment in')
  const doc = { blocks: [lead, ...todoBlocks(todo, pr)] }
  return jiraTextSize(doc) <= budget ? doc : { blocks: [lead, paragraph(...todoLine(todo, pr))] }
}

export function groupSummary(todos: FoundTodo[], pr: PrRef): string {
  const first = todos[0]
  const rest = todos.length > 1 ? ` (and ${todos.length - 1} more)` : ''
  return oneLine(`TODOs of ${pr.name}: ${first ? todoSummary(first) : ''}${rest}`)
}

/** What a group issue follows up, for people: "25 TODO(s) of acme/shop#42". */
export function groupWhat(count: number, prName: string): string {
  return `${count} TODO(s) of ${prName}`
}

/**
 * One issue for many TODOs: each with its code while the description fits Jira's limit, then
 * one line each, then a count of the rest.
 */
export function groupDescription(
  todos: FoundTodo[],
  pr: PrRef,
  budget = DESCRIPTION_BUDGET
): RichDoc {
  return listing(todos, pr, `${todos.length} TODO comment(s) left in`, budget)
}

/**
 * The comment that adds TODOs a later event found to the PR's group issue: the same listing as
 * its description, under the same limit (a comment's is Jira's description limit too).
 */
export function groupAddition(todos: FoundTodo[], pr: PrRef, budget = DESCRIPTION_BUDGET): RichDoc {
  return listing(todos, pr, `${todos.length} more TODO comment(s) left in`, budget)
}

function listing(todos: FoundTodo[], pr: PrRef, lead: string, budget: number): RichDoc {
  const build = (full: number, lines: number): RichDoc => {
    const rest = todos.length - full - lines
    return {
      blocks: [
        origin(pr, lead),
        ...todos.slice(0, full).flatMap((t) => todoBlocks(t, pr)),
        ...(lines > 0
          ? [bullets(todos.slice(full, full + lines).map((t) => todoLine(t, pr)))]
          : []),
        ...(rest > 0 ? [paragraph(text(`… and ${rest} more.`))] : [])
      ]
    }
  }
  // As many TODOs in full as fit, then as many of the rest as one line each.
  const full = halvedToFit(todos.length, (n) => build(n, todos.length - n), budget).n
  return halvedToFit(todos.length - full, (lines) => build(full, lines), budget).doc
}

export function threadSummary(thread: ReviewThread): string {
  const first = thread.comments[0]
  const line = first?.body.split('\n').find((l) => l.trim() !== '') ?? ''
  return oneLine(line || `Review comment on ${thread.path}`)
}

/**
 * The thread's first comment, where it is and the latest replies, as many of them as fit Jira's
 * limit. A thread on the old side of the diff (a line the PR removes, a file it deletes) links to
 * that line at the PR's base: the merged file no longer has it.
 */
export function threadDescription(
  thread: ReviewThread,
  pr: PrRef,
  budget = DESCRIPTION_BUDGET
): RichDoc {
  const [first, ...replies] = thread.comments
  const removed = thread.diffSide === 'LEFT'
  const at = thread.line === null ? thread.path : `${thread.path}:${thread.line}`
  const where: Inline =
    thread.line === null
      ? code(at)
      : link(at, permalink(pr.url, removed ? pr.baseSha : pr.sha, thread.path, thread.line))
  const opening: Block[] = [
    origin(pr, 'A review thread left unresolved at the merge of'),
    paragraph(
      text(`@${first?.author ?? 'ghost'} on `),
      where,
      text(removed ? ' as it was before the PR (' : ' ('),
      link('the thread', first?.url ?? pr.url),
      text('):')
    ),
    { type: 'blockquote', content: [paragraph(text(ellipsized(first?.body ?? '', BODY_CHARS)))] }
  ]
  const build = (shown: number): RichDoc => {
    if (replies.length === 0) return { blocks: opening }
    const latest = replies.slice(replies.length - shown)
    const unread = thread.commentCount - 1 - shown
    const earlier = unread === 1 ? '1 earlier one is' : `${unread} earlier ones are`
    const lead =
      shown === 0
        ? `${unread} ${unread === 1 ? 'reply is' : 'replies are'} only in the thread.`
        : unread > 0
          ? `The latest ${shown} replies (${earlier} only in the thread):`
          : 'Replies:'
    return {
      blocks: [
        ...opening,
        paragraph(text(lead)),
        ...(shown > 0
          ? [bullets(latest.map((r) => [text(`@${r.author}: ${oneLine(r.body, REPLY_CHARS)}`)]))]
          : [])
      ]
    }
  }
  return halvedToFit(replies.length, build, budget).doc
}

export function goneComment(pr: PrRef, todo: string): RichDoc {
  return {
    blocks: [
      paragraph(
        text(`The TODO this issue follows up ("${oneLine(todo, 200)}") is no longer in `),
        link(pr.name, pr.url),
        text(' as merged: it may have been done in the PR. Close this issue if nothing is left.')
      )
    ]
  }
}

/**
 * The note on a TODO follow-up of a PR closed without merging: its TODO never reached `base`.
 * `todos` is how many TODOs the issue follows up (a group issue lists several).
 */
export function closedComment(pr: PrRef, base: string, summary: string, todos: number): RichDoc {
  const what =
    todos > 1
      ? `the ${todos} TODOs this issue lists`
      : `the TODO this issue follows up ("${oneLine(summary, 200)}")`
  return {
    blocks: [
      paragraph(
        link(pr.name, pr.url),
        text(
          ` was closed without being merged, so ${what} never reached ${base}. Close this issue if the work is not needed; gitar-jira does not close or change it.`
        )
      )
    ]
  }
}

/** The reply in the review thread; `{key}` and `{url}` are filled in once the issue exists. */
export const THREAD_REPLY = 'Follow-up created in Jira: [{key}]({url}) (gitar-jira).'
