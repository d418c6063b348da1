/**
 * TODOs the PR adds: the new side of each hunk goes through leasot, the TODO parser, with the
 * file's comment syntax; a TODO counts when it sits on an added line, inside a comment, and its
 * keyword is written as configured (`TODO`, not `todo`, unless `todo` is a keyword). A TODO the
 * PR only moves (re-indented, within its file, with its code to another file) is not new: the
 * TODOs on removed lines say which (./moves.ts).
 *
 * Each hunk is parsed on its own (GitHub's hunks carry three lines of context), so a block
 * comment opened above the hunk's context is not seen: a TODO inside it is missed, never invented.
 */
import { isExtensionSupported, parse } from 'leasot'
import type { PrFile } from '../../github/port.js'
import { keysOfBrowseUrls, scanKeys } from '../auto-link/keys.js'
import { COMMENT_PARSERS } from './comment-parsers.js'
import { commentSyntaxOf, EXTRA_EXTENSIONS } from './languages.js'
import { neighboursOf, newTodos, type DiffTodo } from './moves.js'
import { newSideHunks, oldSideHunks, type HunkLine } from './patch.js'

export interface FoundTodo {
  path: string
  line: number
  /** The keyword as written in the file: TODO, FIXME, … */
  tag: string
  /** The text after the keyword (and after a reference in parentheses). */
  text: string
  /**
   * The issue keys the TODO names (`TODO(ABC-12)`, `TODO ABC-12: …`, a browse URL), as
   * candidates: `UTF-8` looks like a key too. Only Jira can say which is an issue.
   */
  names: string[]
  /** The issue the TODO names, as Jira confirmed it: it is tracked already. */
  tracks: string | null
  /** The new side around the TODO (at most 3 lines each way, within its hunk). */
  context: { start: number; lines: string[] }
}

/** A TODO as the patch shows it, before Jira says whether the keys it names are issues. */
export type ScannedTodo = Omit<FoundTodo, 'tracks'>

export interface TodoScan {
  todos: ScannedTodo[]
  /** Files whose patch GitHub left out (binary or too large): not read. */
  omitted: string[]
}

const CONTEXT_LINES = 3
/** `ABC-12: …`, `ABC-12 - …`, or the key alone: the text's first word, ended by a colon or dash. */
const LEADING_WORD = /^([^\s:–]+)(?:\s*[:\-–]|$)/

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The issue keys a TODO names: in its `(reference)`, as its first word, or in a browse URL. */
export function namedKeys(ref: string, text: string): string[] {
  const leading = LEADING_WORD.exec(text)?.[1] ?? ''
  const keys = [
    ...scanKeys(ref).map((k) => k.key),
    ...scanKeys(leading).map((k) => k.key),
    ...keysOfBrowseUrls(text),
    ...keysOfBrowseUrls(ref)
  ]
  return [...new Set(keys)]
}

/** The TODOs with the issue each names among `issues` (the keys Jira confirmed), if any. */
export function tracking(todos: ScannedTodo[], issues: ReadonlySet<string>): FoundTodo[] {
  return todos.map((todo) => ({ ...todo, tracks: todo.names.find((k) => issues.has(k)) ?? null }))
}

/** The keyword as configured when the line has it with that spelling, else null. */
function keywordAsWritten(line: string, tag: string, keywords: string[]): string | null {
  for (const keyword of keywords) {
    if (keyword.toUpperCase() !== tag) continue
    const written = new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(keyword)}(?![A-Za-z0-9_])`)
    if (written.test(line)) return keyword
  }
  return null
}

/** A TODO of one side of a hunk, with the lines that tell a move (see ./moves.ts). */
type HunkTodo = ScannedTodo & { neighbours: string[] }

/** The TODOs in one side of a hunk that sit on lines the PR changed (added or removed). */
async function todosOfHunk(
  path: string,
  extension: string,
  hunk: HunkLine[],
  keywords: string[]
): Promise<HunkTodo[]> {
  if (!hunk.some((l) => l.changed)) return []
  // leasot puts the keywords in a regular expression as they are: `C++` must be escaped.
  const customTags = keywords
    .filter((k) => !['todo', 'fixme'].includes(k.toLowerCase()))
    .map(escapeRegExp)
  const comments = await parse(hunk.map((l) => l.text).join('\n'), {
    extension,
    filename: path,
    customTags,
    customParsers: COMMENT_PARSERS,
    associateParser: EXTRA_EXTENSIONS
  })
  const found: HunkTodo[] = []
  for (const comment of comments) {
    const index = comment.line - 1
    const at = hunk[index]
    if (!at?.changed) continue
    const tag = keywordAsWritten(at.text, comment.tag, keywords)
    if (tag === null) continue
    // leasot reads `TODO(ref)` and a trailing ` /ref`; only the first is a reference here.
    const inParens = new RegExp(`${escapeRegExp(tag)}\\s*\\(`).test(at.text)
    const ref = inParens ? comment.ref : ''
    const text = !inParens && comment.ref ? `${comment.text} /${comment.ref}` : comment.text
    const from = Math.max(0, index - CONTEXT_LINES)
    found.push({
      path,
      line: at.line,
      tag,
      text,
      names: namedKeys(ref, text),
      context: {
        start: hunk[from]!.line,
        lines: hunk.slice(from, index + CONTEXT_LINES + 1).map((l) => l.text)
      },
      neighbours: neighboursOf(
        hunk.map((l) => l.text),
        index
      )
    })
  }
  return found
}

function supported(ext: string): boolean {
  return isExtensionSupported(ext) || Object.hasOwn(EXTRA_EXTENSIONS, ext)
}

/** The TODOs on the PR's added lines, file by file, in the order GitHub lists the files. */
export async function scanTodos(files: PrFile[], keywords: string[]): Promise<TodoScan> {
  const added: (HunkTodo & { file: number })[] = []
  const removed: DiffTodo[] = []
  const omitted: string[] = []
  for (const [index, file] of files.entries()) {
    if (file.patch === undefined) {
      // A pure rename has no patch either; anything else without one was left out by GitHub.
      if (file.status !== 'removed' && (file.status !== 'renamed' || file.additions > 0))
        omitted.push(file.path)
      continue
    }
    const extension = commentSyntaxOf(file.path, supported)
    if (extension !== null && file.status !== 'removed') {
      for (const hunk of newSideHunks(file.patch)) {
        for (const todo of await todosOfHunk(file.path, extension, hunk, keywords))
          added.push({ ...todo, file: index })
      }
    }
    const before = file.previousPath ?? file.path
    const oldExtension = commentSyntaxOf(before, supported)
    if (oldExtension !== null) {
      for (const hunk of oldSideHunks(file.patch)) {
        for (const todo of await todosOfHunk(before, oldExtension, hunk, keywords))
          removed.push({ ...todo, file: index })
      }
    }
  }
  const todos = newTodos(added, removed).map(
    ({ file: _, neighbours: __, ...todo }): ScannedTodo => todo
  )
  return { todos, omitted }
}
