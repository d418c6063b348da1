/**
 * Comment parsers handed to leasot: they replace its own of the same names, and add Python
 * docstrings. leasot takes a block comment wherever it sits, in a string (`'/* FIXME *\/'`) or
 * after code (`x = 1 /* TODO *\/`); these read whole-line comments only, and blocks that open at
 * the start of a line and close at the end of one, where no string can hide them. Each comment
 * line is matched with leasot's own TODO pattern (getRegex), so tag, reference and text are read
 * as leasot reads them.
 */
import { getRegex, prepareComment, type parse } from 'leasot'

type Parser = NonNullable<Parameters<typeof parse>[1]['customParsers']>[string]
type TodoComment = ReturnType<ReturnType<Parser>>[number]

/** A block comment's syntax, as regular expression sources. */
interface BlockSyntax {
  open: string
  close: string
  /** What may stand before the opening and after the closing on their lines (JSX's braces). */
  before?: string
  after?: string
  /** What may start a line inside the block (` * ` in C). */
  margin?: string
}

const C_BLOCK: BlockSyntax = {
  open: String.raw`\/\*`,
  close: String.raw`\*\/`,
  before: String.raw`\{?\s*`,
  after: String.raw`\s*\}?`,
  margin: String.raw`\**!?`
}
// `--[[ … ]]`, also closed as `--]]`.
const LUA_BLOCK: BlockSyntax = { open: String.raw`--\[\[`, close: String.raw`(?:--)?\]\]` }
const HTML_BLOCK: BlockSyntax = { open: '<!--', close: '-->' }
const TWIG_BLOCK: BlockSyntax = { open: '\\{#', close: '#\\}' }

/** The TODO `pattern` reads in `text` (on `line`), if any. */
function todoIn(pattern: RegExp, text: string, line: number, file: string): TodoComment | null {
  const match = pattern.exec(text)
  // prepareComment reads leasot's groups: tag, reference, text, trailing reference.
  return match ? (prepareComment(match, line, file) ?? null) : null
}

/** TODOs in whole-line comments: `marker` (a regular expression source) first on the line. */
function lineComments(contents: string, marker: string, tags: string, file: string) {
  const comment = new RegExp(`^\\s*${marker}${tags}$`, 'i')
  const found: TodoComment[] = []
  contents.split('\n').forEach((line, index) => {
    const todo = todoIn(comment, line, index + 1, file)
    if (todo) found.push(todo)
  })
  return found
}

/**
 * TODOs in block comments that fill their lines: the opening first on its line, the closing last
 * on its own. A block that closes before more code on its line is no such block: none of it is
 * read. A block still open at the end of the text (the end of a hunk) is read as far as it goes.
 */
function blockComments(contents: string, syntax: BlockSyntax, tags: string, file: string) {
  const opening = new RegExp(`^\\s*${syntax.before ?? ''}${syntax.open}`)
  const closing = new RegExp(syntax.close)
  const closesLine = new RegExp(`^${syntax.close}${syntax.after ?? ''}\\s*$`)
  const todo = new RegExp(`^${syntax.margin ?? ''}${tags}$`, 'i')
  const lines = contents.split('\n')
  const found: TodoComment[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = opening.exec(lines[index]!)
    if (!open) continue
    const inside: { index: number; text: string }[] = []
    let rest = lines[index]!.slice(open[0].length)
    let whole = true
    for (;;) {
      const close = closing.exec(rest)
      if (close) {
        whole = closesLine.test(rest.slice(close.index))
        inside.push({ index, text: rest.slice(0, close.index) })
        break
      }
      inside.push({ index, text: rest })
      if (index + 1 >= lines.length) break
      rest = lines[++index]!
    }
    if (!whole) continue
    for (const line of inside) {
      const comment = todoIn(todo, line.text.trim(), line.index + 1, file)
      if (comment) found.push(comment)
    }
  }
  return found
}

/** C-style: `//` (and Rust's `///` and `//!` doc comments) and `/* … *\/`. */
const defaultParser: Parser = ({ customTags }) => {
  const tags = getRegex(customTags)
  return (contents, file) => [
    ...lineComments(contents, String.raw`\/\/[/!]?`, tags, file),
    ...blockComments(contents, C_BLOCK, tags, file)
  ]
}

/** Lua: `--` and `--[[ … ]]`. */
const luaParser: Parser = ({ customTags }) => {
  const tags = getRegex(customTags)
  return (contents, file) => [
    ...lineComments(contents, '--', tags, file),
    ...blockComments(contents, LUA_BLOCK, tags, file)
  ]
}

/** HTML, Markdown, templates: `<!-- … -->` and Twig's `{# … #}`. */
const twigParser: Parser = ({ customTags }) => {
  const tags = getRegex(customTags)
  return (contents, file) => [
    ...blockComments(contents, HTML_BLOCK, tags, file),
    ...blockComments(contents, TWIG_BLOCK, tags, file)
  ]
}

const TRIPLE_QUOTE = /"""|'''/g

/**
 * Python docstrings: the lines of a `"""…"""` or `'''…'''` string that opens a line (a string
 * statement, as a docstring is), read with leasot's TODO pattern; leasot's Python parser sees
 * one-line docstrings only. A triple-quoted string after code (`HELP = """`) is a value: not read.
 */
const docstringParser: Parser = ({ customTags }) => {
  const inner = new RegExp(`^(?:"""|''')?${getRegex(customTags)}(?:"""|''')?$`, 'i')
  return (contents, file) => {
    const found: TodoComment[] = []
    let open: string | null = null
    let docstring = false
    contents.split('\n').forEach((line, index) => {
      const quotes = [...line.matchAll(TRIPLE_QUOTE)]
      const opensLine = open === null && isStatementStart(line, quotes[0]?.index)
      if ((open !== null && docstring) || opensLine) {
        const comment = todoIn(inner, line.trim(), index + 1, file)
        if (comment) found.push(comment)
      }
      for (const [q] of quotes) {
        if (open === null) {
          open = q
          docstring = opensLine
        } else if (open === q) open = null
      }
    })
    return found
  }
}

/** Whether the quote at `at` starts the line's statement (a string prefix such as `r` aside). */
function isStatementStart(line: string, at: number | undefined): boolean {
  return at !== undefined && /^\s*[rRuU]?$/.test(line.slice(0, at))
}

export const COMMENT_PARSERS = { defaultParser, luaParser, twigParser, docstringParser }
