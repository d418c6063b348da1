/**
 * RichDoc → Atlassian Document Format (Jira Cloud, REST v3). Text lands in `text` nodes, so it is
 * inert by construction; the renderer's job is ADF's nesting rules: a list item holds paragraphs,
 * lists and code blocks only, a blockquote no headings, `code` combines with `link` only, and no
 * text node is empty.
 */
import type { Block, Inline, ListItem, Mark, RichDoc } from './model.js'

export type AdfMark = {
  type: string
  attrs?: Record<string, unknown>
}

export type AdfNode = {
  type: string
  attrs?: Record<string, unknown>
  content?: AdfNode[]
  marks?: AdfMark[]
  text?: string
}

export type AdfDoc = {
  type: 'doc'
  version: 1
  content: AdfNode[]
}

/** Where a block lands decides what it may become. */
type Place = 'top' | 'listItem' | 'quote' | 'cell'

export function toAdf(doc: RichDoc): AdfDoc {
  return { type: 'doc', version: 1, content: blocks(doc.blocks, 'top') }
}

/** The size Jira counts against its 32,767-character limit: the stored JSON. */
export function adfSize(doc: RichDoc): number {
  return JSON.stringify(toAdf(doc)).length
}

function blocks(list: Block[], place: Place): AdfNode[] {
  return list.flatMap((b) => block(b, place))
}

function block(b: Block, place: Place): AdfNode[] {
  switch (b.type) {
    case 'paragraph':
      return [paragraphNode(b.content)]
    case 'heading':
      if (place === 'top')
        return [withContent({ type: 'heading', attrs: { level: b.level } }, b.content)]
      // Where ADF allows no heading, a bold line says the same.
      return [paragraphNode(b.content.map((i) => addMark(i, { type: 'strong' })))]
    case 'bulletList':
    case 'orderedList':
      return [listNode(b)]
    case 'codeBlock':
      return [
        {
          type: 'codeBlock',
          ...(b.language ? { attrs: { language: b.language } } : {}),
          ...(b.text === '' ? {} : { content: [{ type: 'text', text: b.text }] })
        }
      ]
    case 'blockquote':
      // ADF has no nested quotes and no quotes in list items: the content stands on its own.
      if (place !== 'top') return blocks(b.content, place)
      return [{ type: 'blockquote', content: nonEmpty(blocks(b.content, 'quote')) }]
    case 'rule':
      return place === 'top' ? [{ type: 'rule' }] : []
    case 'table':
      if (place !== 'top') {
        return b.rows.map((row) =>
          paragraphNode(
            row.cells.flatMap((c, i) =>
              i === 0 ? c : [{ type: 'text', text: ' | ' } as Inline, ...c]
            )
          )
        )
      }
      return [
        {
          type: 'table',
          content: b.rows.map((row) => ({
            type: 'tableRow',
            content: row.cells.map((cell) => ({
              type: row.header ? 'tableHeader' : 'tableCell',
              content: [paragraphNode(cell)]
            }))
          }))
        }
      ]
  }
}

function listNode(b: Extract<Block, { type: 'bulletList' | 'orderedList' }>): AdfNode {
  const node: AdfNode = { type: b.type, content: b.items.map(listItemNode) }
  if (b.type === 'orderedList' && b.start !== undefined && b.start !== 1) {
    node.attrs = { order: b.start }
  }
  return node
}

function listItemNode(item: ListItem): AdfNode {
  let content = blocks(item.content, 'listItem')
  // A list item starts with a paragraph (or a code block).
  if (content.length === 0 || !['paragraph', 'codeBlock'].includes(content[0]!.type)) {
    content = [{ type: 'paragraph' }, ...content]
  }
  if (item.checked) {
    const first = content[0]!
    if (first.type === 'paragraph') {
      content[0] = { ...first, content: [{ type: 'text', text: '☑ ' }, ...(first.content ?? [])] }
    }
  }
  return { type: 'listItem', content }
}

function nonEmpty(content: AdfNode[]): AdfNode[] {
  return content.length > 0 ? content : [{ type: 'paragraph' }]
}

function paragraphNode(content: Inline[]): AdfNode {
  return withContent({ type: 'paragraph' }, content)
}

function withContent(node: AdfNode, content: Inline[]): AdfNode {
  const inlines = content.flatMap(inline)
  return inlines.length > 0 ? { ...node, content: inlines } : node
}

function inline(i: Inline): AdfNode[] {
  if (i.type === 'hardBreak') return [{ type: 'hardBreak' }]
  const marks = adfMarks(i.marks ?? [])
  // A newline inside text is a line break in ADF; empty text nodes are invalid.
  return i.text.split('\n').flatMap((part, index) => {
    const nodes: AdfNode[] = index > 0 ? [{ type: 'hardBreak' }] : []
    if (part !== '')
      nodes.push(
        marks.length > 0 ? { type: 'text', text: part, marks } : { type: 'text', text: part }
      )
    return nodes
  })
}

function adfMarks(marks: Mark[]): AdfMark[] {
  const seen = new Set<string>()
  const unique = marks.filter((m) => !seen.has(m.type) && seen.add(m.type))
  // `code` combines with `link` only.
  const kept = unique.some((m) => m.type === 'code')
    ? unique.filter((m) => m.type === 'code' || m.type === 'link')
    : unique
  return kept.map((m) =>
    m.type === 'link' ? { type: 'link', attrs: { href: m.href } } : { type: m.type }
  )
}

function addMark(i: Inline, mark: Mark): Inline {
  return i.type === 'text' ? { ...i, marks: [...(i.marks ?? []), mark] } : i
}
