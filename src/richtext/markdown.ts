/**
 * GitHub markdown → RichDoc. Parsing is micromark's (CommonMark + GFM: tables, task lists,
 * strikethrough, autolinks), through `mdast-util-from-markdown`; this module only maps the mdast
 * tree to rich text, and tidies what a PR template leaves behind:
 *  - HTML comments (template hints) are dropped; other HTML tags are dropped, their text kept;
 *  - unticked task-list items (`- [ ] Docs updated`) are dropped, ticked ones kept;
 *  - a heading whose section ends up empty (a template section nobody filled) is dropped;
 *  - links and images keep their URL only when it is http(s); otherwise their text stays.
 */
import type {
  Definition,
  List,
  ListItem as MdListItem,
  Nodes,
  PhrasingContent,
  RootContent,
  Table
} from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import {
  safeHref,
  type Block,
  type Inline,
  type ListItem,
  type Mark,
  type RichDoc,
  type TableRow
} from './model.js'

export function fromMarkdownText(markdown: string): RichDoc {
  const tree = fromMarkdown(markdown, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()]
  })
  const definitions = new Map<string, Definition>()
  const collect = (node: Nodes): void => {
    if (node.type === 'definition') definitions.set(node.identifier, node)
    if ('children' in node) (node.children as Nodes[]).forEach(collect)
  }
  collect(tree)
  const blocks = new Converter(definitions).blocks(tree.children)
  return { blocks: dropEmptySections(blocks) }
}

const COMMENT = /<!--[\s\S]*?(-->|$)/g
const TAG = /<\/?[A-Za-z][^>]*>/g
const BREAK_TAG = /^<br\s*\/?>$/i

class Converter {
  private readonly definitions: Map<string, Definition>
  constructor(definitions: Map<string, Definition>) {
    this.definitions = definitions
  }

  blocks(nodes: RootContent[]): Block[] {
    return nodes.flatMap((n) => this.block(n))
  }

  private block(node: RootContent): Block[] {
    switch (node.type) {
      case 'paragraph': {
        const content = trimInlines(this.inlines(node.children))
        return content.length > 0 ? [{ type: 'paragraph', content }] : []
      }
      case 'heading': {
        const content = trimInlines(this.inlines(node.children))
        return content.length > 0 ? [{ type: 'heading', level: node.depth, content }] : []
      }
      case 'list':
        return this.list(node)
      case 'code':
        return [
          { type: 'codeBlock', text: node.value, ...(node.lang ? { language: node.lang } : {}) }
        ]
      case 'blockquote': {
        const content = this.blocks(node.children)
        return content.length > 0 ? [{ type: 'blockquote', content }] : []
      }
      case 'thematicBreak':
        return [{ type: 'rule' }]
      case 'table':
        return [this.table(node)]
      case 'html': {
        // Template hints and other raw HTML: the words stay, the markup goes.
        const words = node.value.replace(COMMENT, '').replace(TAG, '').trim()
        return words === '' ? [] : [{ type: 'paragraph', content: [{ type: 'text', text: words }] }]
      }
      case 'footnoteDefinition':
        return this.blocks(node.children)
      default:
        // definition, yaml and the like: nothing a reader sees.
        return []
    }
  }

  private list(node: List): Block[] {
    const items = node.children
      .filter((item) => item.checked !== false)
      .map((item) => this.listItem(item))
      .filter((item): item is ListItem => item !== null)
    if (items.length === 0) return []
    if (node.ordered) {
      return [{ type: 'orderedList', items, ...(node.start != null ? { start: node.start } : {}) }]
    }
    return [{ type: 'bulletList', items }]
  }

  private listItem(item: MdListItem): ListItem | null {
    const content = this.blocks(item.children)
    if (content.length === 0) return null
    return item.checked === true ? { content, checked: true } : { content }
  }

  private table(node: Table): Block {
    const rows: TableRow[] = node.children.map((row, index) => ({
      header: index === 0,
      cells: row.children.map((cell) => trimInlines(this.inlines(cell.children)))
    }))
    return { type: 'table', rows }
  }

  private inlines(nodes: PhrasingContent[], marks: Mark[] = []): Inline[] {
    return nodes.flatMap((n) => this.inline(n, marks))
  }

  private inline(node: PhrasingContent, marks: Mark[]): Inline[] {
    switch (node.type) {
      case 'text':
        return [textOf(node.value, marks)]
      case 'strong':
        return this.inlines(node.children, [...marks, { type: 'strong' }])
      case 'emphasis':
        return this.inlines(node.children, [...marks, { type: 'em' }])
      case 'delete':
        return this.inlines(node.children, [...marks, { type: 'strike' }])
      case 'inlineCode':
        return [textOf(node.value, [...marks, { type: 'code' }])]
      case 'break':
        return [{ type: 'hardBreak' }]
      case 'link':
        return this.inlines(node.children, withLink(marks, node.url))
      case 'linkReference': {
        const target = this.definitions.get(node.identifier)
        return this.inlines(node.children, target ? withLink(marks, target.url) : marks)
      }
      case 'image':
        return [textOf(node.alt || 'image', withLink(marks, node.url))]
      case 'imageReference': {
        const target = this.definitions.get(node.identifier)
        return [textOf(node.alt || 'image', target ? withLink(marks, target.url) : marks)]
      }
      case 'html':
        if (BREAK_TAG.test(node.value.trim())) return [{ type: 'hardBreak' }]
        return [] // a tag or a comment: the text around it is its own node
      case 'footnoteReference':
        return [textOf(`[${node.label ?? node.identifier}]`, marks)]
      default:
        return []
    }
  }
}

function textOf(value: string, marks: Mark[]): Inline {
  return marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value }
}

function withLink(marks: Mark[], url: string): Mark[] {
  const href = safeHref(url)
  return href ? [...marks.filter((m) => m.type !== 'link'), { type: 'link', href }] : marks
}

/** Without leading/trailing breaks and blank text: what is left of a line once comments went. */
function trimInlines(list: Inline[]): Inline[] {
  const out = list.filter((i) => i.type === 'hardBreak' || i.text !== '')
  while (out.length > 0 && isBlank(out[0]!)) out.shift()
  while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop()
  return out
}

function isBlank(i: Inline): boolean {
  return (
    i.type === 'hardBreak' ||
    (i.text.trim() === '' && !(i.marks ?? []).some((m) => m.type === 'code'))
  )
}

/** Drops headings whose section is empty: followed by nothing, or by a heading of the same or a higher rank. */
export function dropEmptySections(blocks: Block[]): Block[] {
  let current = blocks
  for (;;) {
    const next = current.filter((b, i) => {
      if (b.type !== 'heading') return true
      const after = current[i + 1]
      return after !== undefined && !(after.type === 'heading' && after.level <= b.level)
    })
    if (next.length === current.length) return next
    current = next
  }
}
