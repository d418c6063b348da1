/** Atlassian Document Format: building, checking (as Jira does) and flattening to text. */

export interface AdfNode {
  type: string
  text?: string
  attrs?: Record<string, unknown>
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
  content?: AdfNode[]
}

export interface AdfDoc extends AdfNode {
  type: 'doc'
  version: 1
  content: AdfNode[]
}

/** Jira's limit for a comment or a description, counted on the stored document. */
export const ADF_MAX_CHARS = 32_767

const NODES = new Set([
  'blockCard',
  'blockquote',
  'bulletList',
  'codeBlock',
  'date',
  'decisionItem',
  'decisionList',
  'embedCard',
  'emoji',
  'expand',
  'hardBreak',
  'heading',
  'inlineCard',
  'listItem',
  'media',
  'mediaGroup',
  'mediaInline',
  'mediaSingle',
  'mention',
  'nestedExpand',
  'orderedList',
  'panel',
  'paragraph',
  'placeholder',
  'rule',
  'status',
  'table',
  'tableCell',
  'tableHeader',
  'tableRow',
  'taskItem',
  'taskList',
  'text'
])
const MARKS = new Set([
  'backgroundColor',
  'code',
  'em',
  'link',
  'strike',
  'strong',
  'subsup',
  'textColor',
  'underline'
])

/** A document of plain-text paragraphs (blank lines separate them). */
export function adfFromText(text: string): AdfDoc {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '')
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: p.trim() }]
    }))
  }
}

/** Why a value is not an ADF document Jira accepts, or null when it is one. */
export function adfProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Operation value must be an Atlassian Document (see the Atlassian Document Format)'
  }
  const doc = value as Record<string, unknown>
  if (doc.type !== 'doc' || doc.version !== 1 || !Array.isArray(doc.content)) return 'INVALID_INPUT'
  const check = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false
    const n = node as AdfNode
    if (typeof n.type !== 'string' || !NODES.has(n.type)) return false
    if (n.type === 'text' && (typeof n.text !== 'string' || n.text.length === 0)) return false
    if (n.marks !== undefined) {
      if (!Array.isArray(n.marks)) return false
      for (const m of n.marks) {
        if (!m || !MARKS.has(m.type)) return false
        if (m.type === 'link' && typeof m.attrs?.href !== 'string') return false
      }
    }
    if (n.content !== undefined && (!Array.isArray(n.content) || !n.content.every(check)))
      return false
    return true
  }
  return (doc.content as unknown[]).every(check) ? null : 'INVALID_INPUT'
}

/** The text of a document, paragraphs on their own lines; a wiki-markup string (Data Center) as it is. */
export function adfToText(node: AdfNode | string | null | undefined): string {
  if (!node) return ''
  if (typeof node === 'string') return node
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  if (node.type === 'mention') return String(node.attrs?.text ?? '')
  if (node.type === 'inlineCard') return String(node.attrs?.url ?? '')
  const inner = (node.content ?? []).map(adfToText)
  const block = [
    'doc',
    'bulletList',
    'orderedList',
    'table',
    'tableRow',
    'blockquote',
    'panel',
    'expand',
    'taskList'
  ]
  return block.includes(node.type) ? inner.join('\n') : inner.join('')
}
