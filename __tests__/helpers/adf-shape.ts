/**
 * A stricter check of an ADF document than the sandbox's (which checks node and mark names, as
 * Jira's first pass does): the nesting rules of the ADF JSON schema for the nodes the action
 * writes. Returns the problems found, each with its path; [] for a valid document.
 */
import { adfProblem } from '../../sandbox/adf.js'

type Json = { type?: unknown; content?: unknown; marks?: unknown; attrs?: unknown; text?: unknown }

const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status'])
const TOP = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'codeBlock',
  'blockquote',
  'rule',
  'table',
  'panel',
  'expand'
])
const LIST_ITEM_FIRST = new Set(['paragraph', 'codeBlock', 'mediaSingle'])
const LIST_ITEM_REST = new Set([
  'paragraph',
  'bulletList',
  'orderedList',
  'codeBlock',
  'mediaSingle'
])
const QUOTE = new Set([
  'paragraph',
  'bulletList',
  'orderedList',
  'codeBlock',
  'mediaGroup',
  'mediaSingle'
])
const CELL = new Set([...TOP].filter((t) => t !== 'table' && t !== 'expand'))

export function adfShapeProblems(doc: unknown): string[] {
  const problems: string[] = []
  const first = adfProblem(doc)
  if (first) problems.push(`sandbox: ${first}`)
  const d = doc as Json
  if (d?.type !== 'doc') return [...problems, 'root is not a doc']
  children(d, '$', TOP, problems, { min: 0 })
  return problems
}

function children(
  node: Json,
  path: string,
  allowed: Set<string>,
  problems: string[],
  { min = 1, first }: { min?: number; first?: Set<string> } = {}
): void {
  const content = (node.content ?? []) as Json[]
  if (!Array.isArray(content)) return void problems.push(`${path}: content is not an array`)
  if (content.length < min) problems.push(`${path}: ${String(node.type)} needs content`)
  content.forEach((child, i) => {
    const where = `${path}/${i}:${String(child.type)}`
    const ok = i === 0 && first ? first : allowed
    if (!ok.has(String(child.type))) problems.push(`${where}: not allowed in ${String(node.type)}`)
    check(child, where, problems)
  })
}

function check(node: Json, path: string, problems: string[]): void {
  switch (node.type) {
    case 'paragraph':
      return children(node, path, INLINE, problems, { min: 0 })
    case 'heading': {
      const level = (node.attrs as { level?: unknown } | undefined)?.level
      if (typeof level !== 'number' || level < 1 || level > 6)
        problems.push(`${path}: heading level ${String(level)}`)
      return children(node, path, INLINE, problems, { min: 0 })
    }
    case 'bulletList':
    case 'orderedList':
      return children(node, path, new Set(['listItem']), problems)
    case 'listItem':
      return children(node, path, LIST_ITEM_REST, problems, { first: LIST_ITEM_FIRST })
    case 'codeBlock': {
      for (const t of (node.content ?? []) as Json[]) {
        if (t.type !== 'text' || t.marks !== undefined)
          problems.push(`${path}: code block holds marked or non-text content`)
      }
      return
    }
    case 'blockquote':
      return children(node, path, QUOTE, problems)
    case 'table':
      return children(node, path, new Set(['tableRow']), problems)
    case 'tableRow':
      return children(node, path, new Set(['tableHeader', 'tableCell']), problems)
    case 'tableHeader':
    case 'tableCell':
      return children(node, path, CELL, problems)
    case 'rule':
    case 'hardBreak':
      if (node.content !== undefined) problems.push(`${path}: ${node.type} has content`)
      return
    case 'text': {
      if (typeof node.text !== 'string' || node.text === '') problems.push(`${path}: empty text`)
      const marks = ((node.marks ?? []) as { type: string; attrs?: { href?: unknown } }[]).map(
        (m) => m
      )
      const types = marks.map((m) => m.type)
      if (new Set(types).size !== types.length) problems.push(`${path}: repeated mark`)
      if (types.includes('code') && types.some((t) => t !== 'code' && t !== 'link')) {
        problems.push(`${path}: code mark combined with ${types.join(',')}`)
      }
      for (const m of marks) {
        if (m.type === 'link' && !/^https?:\/\//.test(String(m.attrs?.href))) {
          problems.push(`${path}: link to ${String(m.attrs?.href)}`)
        }
      }
      return
    }
    default:
      return
  }
}
