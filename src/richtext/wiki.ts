/**
 * RichDoc → Jira wiki markup (Jira Data Center, REST v2): the other rendering of the port's rich
 * text, for the Data Center adapter. Text is escaped so that it stays text: wiki markup's
 * formatting characters are backslash-escaped, and code goes into {noformat}, which renders its
 * content verbatim.
 */
import type { Block, Inline, ListItem, Mark, RichDoc } from './model.js'

export function toWiki(doc: RichDoc): string {
  return doc.blocks
    .map((b) => block(b, ''))
    .filter((s) => s !== '')
    .join('\n\n')
}

// Characters that start wiki formatting, links, macros or table cells.
const SPECIAL = /([\\*_+\-^~?{}[\]|!#])/g

function escapeWiki(text: string): string {
  return text.replace(SPECIAL, '\\$1')
}

/**
 * A link's URL as wiki markup may carry it: the characters that end a link or start markup
 * (`]`, `[`, `|`, `{`, `}`, `~`, `^`, `!`, `*`, whitespace) percent-encoded. A URL is parsed and
 * served the same with them encoded, and a PR body's link cannot close the link early and write
 * macros or `[~user]` mentions into a Data Center comment.
 */
function wikiHref(href: string): string {
  return href.replace(
    /[\][|{}~^!*\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

/**
 * Text that starts a line as `h1.`…`h6.` or `bq.` is a heading or a quote in wiki markup, though
 * none of its characters is special: the dot is escaped there.
 */
const LINE_START_MARKUP = /(^|\n)([ \t]*)(h[1-6]|bq)\./gi

function inlines(list: Inline[]): string {
  return list
    .map((i) => {
      if (i.type === 'hardBreak') return '\\\\\n'
      const marks = i.marks ?? []
      const href = marks.find((m) => m.type === 'link')
      const core = i.text.trim()
      const lead = i.text.slice(0, i.text.length - i.text.trimStart().length)
      const trail = i.text.slice(lead.length + core.length)
      const out = core === '' ? '' : marked(core, marks)
      const linked = href && out !== '' ? `[${out}|${wikiHref(href.href)}]` : out
      return `${plain(lead)}${linked}${plain(trail)}`
    })
    .join('')
    .replace(LINE_START_MARKUP, '$1$2$3\\.')
}

const plain = (text: string) => escapeWiki(text).replace(/\n/g, '\\\\\n')

/**
 * Text with its formatting marks, on text that neither starts nor ends with whitespace: wiki
 * markup renders `*bold*` but prints the asterisks of `*bold *` (a closing mark may not follow
 * whitespace, nor an opening one precede it), so `inlines` keeps edge whitespace outside.
 */
function marked(core: string, marks: Mark[]): string {
  // {{…}} is monospace but still formats: escape inside too.
  if (marks.some((m) => m.type === 'code')) return `{{${escapeWiki(core)}}}`
  let out = plain(core)
  for (const m of marks) {
    if (m.type === 'strong') out = `*${out}*`
    if (m.type === 'em') out = `_${out}_`
    if (m.type === 'strike') out = `-${out}-`
  }
  return out
}

function block(b: Block, prefix: string): string {
  switch (b.type) {
    case 'paragraph':
      return inlines(b.content)
    case 'heading':
      return `h${b.level}. ${inlines(b.content)}`
    case 'bulletList':
    case 'orderedList':
      return b.items
        .map((item) => listItem(item, prefix + (b.type === 'bulletList' ? '*' : '#')))
        .join('\n')
    case 'codeBlock':
      return `{noformat}\n${b.text.replace(/\{noformat\}/g, '{ noformat}')}\n{noformat}`
    case 'blockquote':
      return `{quote}\n${b.content.map((c) => block(c, '')).join('\n\n')}\n{quote}`
    case 'rule':
      return '----'
    case 'table':
      return b.rows
        .map((row) => {
          const sep = row.header ? '||' : '|'
          return `${sep}${row.cells.map((c) => inlines(c) || ' ').join(sep)}${sep}`
        })
        .join('\n')
  }
}

function listItem(item: ListItem, bullet: string): string {
  const [first, ...rest] = item.content
  const head =
    first && first.type === 'paragraph' ? inlines(first.content) : first ? block(first, bullet) : ''
  const tick = item.checked ? '(/) ' : ''
  const nested = rest.map((b) =>
    b.type === 'bulletList' || b.type === 'orderedList'
      ? block(b, bullet)
      : `${bullet} ${block(b, bullet)}`
  )
  return [`${bullet} ${tick}${head}`, ...nested].join('\n')
}
