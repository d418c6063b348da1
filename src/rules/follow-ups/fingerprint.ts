/**
 * Exactly once: every follow-up issue carries labels a JQL search finds again, whatever happened
 * to the PR comment. A TODO is known by its repository, file and text (not its line, so a TODO a
 * later push moved is the same TODO); a review thread by its id; the PR by its URL (and the issue
 * that groups the PR's TODOs, by the PR's URL too). A TODO's follow-up carries both its label and
 * the PR's, and is looked up by both: the same text added to the same file by a later PR is that
 * PR's TODO, with a follow-up of its own.
 */
import { createHash } from 'node:crypto'

const hash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16)

/** The TODO's text as the fingerprint reads it: case, spacing and trailing punctuation aside. */
export function normalizeTodoText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.:;,!]+$/, '')
    .trim()
}

export function todoLabel(repo: string, path: string, text: string): string {
  return `gitar-jira-todo-${hash(`${repo.toLowerCase()}\n${path}\n${normalizeTodoText(text)}`)}`
}

export function threadLabel(threadId: string): string {
  return `gitar-jira-thread-${hash(threadId)}`
}

/** On every follow-up of a PR: finds them all again (a TODO gone by the merge). */
export function prLabel(prUrl: string): string {
  return `gitar-jira-pr-${hash(prUrl)}`
}

/**
 * On the one issue that lists a PR's TODOs together (`grouping: pr`, or more than 20 new on one
 * run): later events find it by this and add their new TODOs to it instead of making another.
 */
export function groupLabel(prUrl: string): string {
  return `gitar-jira-group-${hash(prUrl)}`
}

/**
 * Which TODOs one event added to a PR's group issue (their labels, in any order): the key of the
 * comment listing them in the issue's index, so a rerun that must retry edits that comment.
 */
export function additionEntry(prUrl: string, labels: string[]): string {
  return `${prUrl}#${hash([...labels].sort().join('\n'))}`
}

export const isTodoLabel = (label: string) => label.startsWith('gitar-jira-todo-')
export const isGroupLabel = (label: string) => label.startsWith('gitar-jira-group-')
