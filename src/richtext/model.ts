/**
 * Rich text as it crosses the Jira port: one small, flavour-neutral tree. The rules build it (from
 * markdown with `fromMarkdown`, or by hand with the helpers below); each Jira adapter renders it in
 * its own format:
 *
 *   RichDoc ──▶ toAdf()   (richtext/adf.ts)   Jira Cloud, REST v3: Atlassian Document Format
 *           └─▶ toWiki()  (richtext/wiki.ts)  Jira Data Center, REST v2: wiki markup
 *
 * The tree holds only what both formats can say. Text is always data: a renderer escapes it for
 * its format, so nothing a PR author writes can become markup, a mention or a macro.
 */

export type Mark =
  | { type: 'strong' }
  | { type: 'em' }
  | { type: 'code' }
  | { type: 'strike' }
  /** Only http(s) URLs: `safeHref` is the gate every builder goes through. */
  | { type: 'link'; href: string }

export type Inline = { type: 'text'; text: string; marks?: Mark[] } | { type: 'hardBreak' }

export interface ListItem {
  content: Block[]
  /** A ticked task-list item (`- [x]`); unticked ones never reach the tree. */
  checked?: boolean
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; content: Inline[] }
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'bulletList'; items: ListItem[] }
  | { type: 'orderedList'; start?: number; items: ListItem[] }
  | { type: 'codeBlock'; language?: string; text: string }
  | { type: 'blockquote'; content: Block[] }
  | { type: 'rule' }
  | { type: 'table'; rows: TableRow[] }

export interface TableRow {
  header: boolean
  cells: Inline[][]
}

export interface RichDoc {
  blocks: Block[]
}

/** The URL when it is an absolute http(s) URL, else undefined: the only links rich text carries. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

// Builders: what rules use to write rich text by hand.

export function text(value: string, ...marks: Mark[]): Inline {
  return marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value }
}

/** A link when the URL is http(s), plain text otherwise. */
export function link(value: string, url: string, ...marks: Mark[]): Inline {
  const href = safeHref(url)
  return href ? text(value, ...marks, { type: 'link', href }) : text(value, ...marks)
}

export const strong = (value: string): Inline => text(value, { type: 'strong' })
export const code = (value: string): Inline => text(value, { type: 'code' })

export function paragraph(...content: Inline[]): Block {
  return { type: 'paragraph', content }
}

export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, ...content: Inline[]): Block {
  return { type: 'heading', level, content }
}

/** A bullet list of one-paragraph items. */
export function bullets(items: Inline[][]): Block {
  return {
    type: 'bulletList',
    items: items.map((inlines) => ({ content: [paragraph(...inlines)] }))
  }
}

/** The plain text of inline content (for measuring and for tests). */
export function plainOf(inlines: Inline[]): string {
  return inlines.map((i) => (i.type === 'text' ? i.text : '\n')).join('')
}
