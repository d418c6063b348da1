/**
 * TODOs the PR adds: the new side of each hunk goes through leasot, the TODO parser, with the
 * file's comment syntax; a TODO counts when it sits on an added line, inside a comment, and its
 * keyword is written as configured (`TODO`, not `todo`, unless `todo` is a keyword).
 *
 * Each hunk is parsed on its own (GitHub's hunks carry three lines of context), so a block
 * comment opened above the hunk's context is not seen: a TODO inside it is missed, never invented.
 */
import { getRegex, isExtensionSupported, parse, prepareComment } from 'leasot'
import type { PrFile } from '../../github/port.js'
import { commentSyntaxOf, EXTRA_EXTENSIONS } from './languages.js'
import { newSideHunks, type NewLine } from './patch.js'

type Parser = NonNullable<Parameters<typeof parse>[1]['customParsers']>[string]

export interface FoundTodo {
  path: string
  line: number
  /** The keyword as written in the file: TODO, FIXME, … */
  tag: string
  /** The text after the keyword (and after a reference in parentheses). */
  text: string
  /** The issue key the TODO names, when it is tracked already. */
  tracks: string | null
  /** The new side around the TODO (at most 3 lines each way, within its hunk). */
  context: { start: number; lines: string[] }
}

export interface TodoScan {
  todos: FoundTodo[]
  /** Files whose patch GitHub left out (binary or too large): not read. */
  omitted: string[]
}

const CONTEXT_LINES = 3
const KEY = '[A-Z][A-Z0-9_]+-[1-9][0-9]*'
const KEY_ANYWHERE = new RegExp(`(?<![A-Za-z0-9_-])(${KEY})(?![A-Za-z0-9_-])`)
/** `TODO ABC-12: …`, `TODO ABC-12 - …`, or the key alone. */
const LEADING_KEY = new RegExp(`^(${KEY})(?:\\s*[:\\-–]|$)`)
const BROWSE_URL = new RegExp(`https?://\\S+/browse/(${KEY})(?![A-Za-z0-9_-])`)

/**
 * Python docstrings: the lines of a `"""…"""` or `'''…'''` block, read with leasot's own
 * TODO pattern (leasot's Python parser sees one-line docstrings only).
 */
const docstringParser: Parser = ({ customTags }) => {
  const inner = new RegExp(`^(?:"""|''')?${getRegex(customTags)}(?:"""|''')?$`, 'i')
  return (contents, file) => {
    const found: ReturnType<ReturnType<Parser>> = []
    let open: string | null = null
    contents.split('\n').forEach((line, index) => {
      const trimmed = line.trim()
      if (open !== null || /^("""|''')/.test(trimmed)) {
        const match = inner.exec(trimmed)
        const comment = match ? prepareComment(match, index + 1, file) : null
        if (comment) found.push(comment)
      }
      for (const q of line.match(/"""|'''/g) ?? []) {
        if (open === null) open = q
        else if (open === q) open = null
      }
    })
    return found
  }
}

const CUSTOM_PARSERS = { docstringParser }

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The issue a TODO names: `TODO(ABC-12)`, `TODO ABC-12: …`, or a Jira browse URL. */
export function trackedKey(ref: string, text: string): string | null {
  return (
    KEY_ANYWHERE.exec(ref)?.[1] ??
    LEADING_KEY.exec(text)?.[1] ??
    BROWSE_URL.exec(text)?.[1] ??
    BROWSE_URL.exec(ref)?.[1] ??
    null
  )
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

/** The TODOs in one hunk's new side that sit on added lines. */
async function todosOfHunk(
  path: string,
  extension: string,
  hunk: NewLine[],
  keywords: string[]
): Promise<FoundTodo[]> {
  if (!hunk.some((l) => l.added)) return []
  const customTags = keywords.filter((k) => !['todo', 'fixme'].includes(k.toLowerCase()))
  const comments = await parse(hunk.map((l) => l.text).join('\n'), {
    extension,
    filename: path,
    customTags,
    customParsers: CUSTOM_PARSERS,
    associateParser: EXTRA_EXTENSIONS
  })
  const found: FoundTodo[] = []
  for (const comment of comments) {
    const index = comment.line - 1
    const at = hunk[index]
    if (!at?.added) continue
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
      tracks: trackedKey(ref, text),
      context: {
        start: hunk[from]!.line,
        lines: hunk.slice(from, index + CONTEXT_LINES + 1).map((l) => l.text)
      }
    })
  }
  return found
}

function supported(ext: string): boolean {
  return isExtensionSupported(ext) || Object.hasOwn(EXTRA_EXTENSIONS, ext)
}

/** The TODOs on the PR's added lines, file by file, in the order GitHub lists the files. */
export async function scanTodos(files: PrFile[], keywords: string[]): Promise<TodoScan> {
  const todos: FoundTodo[] = []
  const omitted: string[] = []
  for (const file of files) {
    if (file.status === 'removed') continue
    if (file.patch === undefined) {
      // A pure rename has no patch either; anything else without one was left out by GitHub.
      if (file.status !== 'renamed' || file.additions > 0) omitted.push(file.path)
      continue
    }
    const extension = commentSyntaxOf(file.path, supported)
    if (extension === null) continue
    for (const hunk of newSideHunks(file.patch)) {
      todos.push(...(await todosOfHunk(file.path, extension, hunk, keywords)))
    }
  }
  return { todos, omitted }
}
