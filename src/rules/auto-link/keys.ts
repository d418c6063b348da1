/**
 * Finds Jira issue keys (ABC-123) and browse URLs in PR text, with the strength of each mention:
 * `resolves` (title, branch, or after a closing word) or `references` (anywhere else, or after a
 * referencing word). Pure: which candidates really are issues is Jira's to say.
 */
import type { KeySource } from '../../config/settings.js'

export type Strength = 'resolves' | 'references'

export interface KeyMention {
  key: string
  strength: Strength
  sources: KeySource[]
}

export interface KeyTexts {
  title: string
  branch: string
  body: string
  commits: string[]
}

/**
 * A key stands alone: no letter or digit right before it or right after its number, so `XABC-1`
 * is a candidate of project XABC (not ABC), `ABC-12x` and `ABC-1٢` are no keys at all. Nor is a
 * key beside an invisible format character (a zero-width joiner or space, a bidi mark):
 * `ABC-1\u200D2` reads as ABC-12 and must not link ABC-1. After the number a combining mark
 * changes how the last digit looks, so it ends no key either. Scripts written without spaces
 * between words (Chinese, Japanese, Thai, …) run into keys (`修复SHOP-12的问题`): their letters
 * are boundaries, not part of a word.
 */
const UNSPACED = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}`
const BEFORE_KEY = String.raw`(?<![[\p{L}\p{N}\p{Cf}]--[${UNSPACED}]])`
const AFTER_KEY = String.raw`(?![[\p{L}\p{N}\p{M}\p{Cf}]--[${UNSPACED}]])`
/**
 * A project key is at most 50 characters here (Jira's default limit is 10): bounded, so a long
 * run of `a_a_a_…` costs time in proportion to its length, not its square.
 */
const KEY = new RegExp(
  BEFORE_KEY + String.raw`([A-Za-z][A-Za-z0-9_]{1,49})-([1-9][0-9]{0,9})` + AFTER_KEY,
  'gv'
)

/** Whether `key` (as written, e.g. `SHOP-12`) stands in `text` as a key (see KEY). */
export function standsAsKey(key: string, text: string): boolean {
  const escaped = key.replace(/[^A-Za-z0-9_-]/g, '')
  return new RegExp(BEFORE_KEY + escaped + AFTER_KEY, 'v').test(text)
}

// What may stand between a magic word and its key: a colon, a markdown link's `[`, a browse URL.
const LEAD = String.raw`\s*:?\s*(?:\[|\(|https?://[^\s/]+(?:/[^\s]*)?/browse/)?`
const CLOSING = new RegExp(
  String.raw`\b(?:close[sd]?|closing|fix(?:e[sd])?|fixing|resolve[sd]?|resolving|implement(?:s|ed|ing)?)` +
    LEAD +
    '$',
  'i'
)
const REFERENCING = new RegExp(
  String.raw`\b(?:relate[sd]?\s+to|relating\s+to|refs?|references?|referencing|part\s+of|see(?:\s+also)?|towards|contributes?\s+to)` +
    LEAD +
    '$',
  'i'
)

/** Keys separated by commas, `and`, `&` or spaces after one magic word share its strength. */
const LIST_GLUE = /^[\s,&;\])]*(?:(?:and|or)\s+)?[\s[(]*$/i
/**
 * Longer text between two keys is no list glue, and is not tested: LIST_GLUE's runs of
 * whitespace backtrack, in time that grows with the square of the gap (40,000 spaces: 5 s).
 */
const MAX_GLUE = 40

function magicWordBefore(before: string): Strength | null {
  if (REFERENCING.test(before)) return 'references'
  if (CLOSING.test(before)) return 'resolves'
  return null
}

interface Found {
  key: string
  context: Strength | null
}

/**
 * Every key candidate of one text, in order, with the magic word that governs it (if any).
 * `FEATURE_ABC-12` yields FEATURE_ABC-12 and ABC-12: underscores join words in branch names
 * as well as in project keys, and only Jira knows which project exists.
 */
export function scanKeys(text: string): Found[] {
  const found: Found[] = []
  let lastEnd = 0
  let carried: Strength | null = null
  for (const match of text.matchAll(KEY)) {
    const start = match.index
    const own = magicWordBefore(text.slice(Math.max(0, start - 80), start))
    const inList =
      found.length > 0 && start - lastEnd <= MAX_GLUE && LIST_GLUE.test(text.slice(lastEnd, start))
    const context: Strength | null = own ?? (inList ? carried : null)
    const project = match[1]!.toUpperCase()
    const projects = [
      project,
      ...project
        .split('_')
        .slice(1)
        .map((_, i, parts) => parts.slice(i).join('_'))
    ]
    for (const p of projects)
      if (/^[A-Z][A-Z0-9_]+$/.test(p)) found.push({ key: `${p}-${match[2]}`, context })
    carried = context
    lastEnd = start + match[0].length
  }
  return found
}

/**
 * A browse URL: a host and at most 8 path segments before `/browse/` (Jira's context path), each
 * bounded, so a long token of `http://` look-alikes takes time in proportion to its length.
 */
const BROWSE_URL = new RegExp(
  String.raw`https?://[^\s\/]{1,255}(?:/[^\s\/]{0,255}){0,8}?/browse/` +
    KEY.source +
    String.raw`\S*`,
  'gv'
)

/** The keys of the Jira browse URLs in a text (`https://acme.atlassian.net/browse/ABC-12`). */
export function keysOfBrowseUrls(text: string): string[] {
  return [...text.matchAll(BROWSE_URL)].map(
    ([, project, number]) => `${project!.toUpperCase()}-${number}`
  )
}

/** The projects of the keys written in capitals (`SHOP-12`) in these texts. */
export function projectsWrittenAsKeys(texts: readonly string[]): Set<string> {
  const projects = new Set<string>()
  for (const text of texts) {
    for (const [, project] of text.matchAll(KEY)) {
      if (project && project === project.toUpperCase()) projects.add(project)
    }
  }
  return projects
}

/**
 * The text without its issue keys and Jira browse URLs: the key-less ranker reads what a person
 * wrote about the change, not the letters of a key, which would match the issues whose text
 * names that project. A key is one written in capitals (`SHOP-12`, of any project), or in any
 * case of a project in `projects` (`feature/shop-12-retry`); other look-alikes stay, as words
 * of the change (`node-24`, `python-3`).
 */
export function withoutKeys(text: string, projects: ReadonlySet<string>): string {
  return text
    .replace(BROWSE_URL, ' ')
    .replace(KEY, (match, project: string) =>
      project === project.toUpperCase() || projects.has(project.toUpperCase()) ? ' ' : match
    )
}

/** PR templates hide their placeholders in HTML comments: `<!-- e.g. ABC-123 -->` is no mention. */
export function stripHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
}

export function findKeyMentions(texts: KeyTexts, sources: readonly KeySource[]): KeyMention[] {
  const byKey = new Map<string, KeyMention>()
  const note = (key: string, strength: Strength, source: KeySource): void => {
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, { key, strength, sources: [source] })
      return
    }
    if (strength === 'resolves') seen.strength = 'resolves'
    if (!seen.sources.includes(source)) seen.sources.push(source)
  }
  const read = (source: KeySource, text: string, strong: boolean): void => {
    for (const { key, context } of scanKeys(text)) {
      // A referencing word wins even in the title ("Part of ABC-1: …"), as Linear does.
      const strength: Strength =
        context === 'references'
          ? 'references'
          : strong || context === 'resolves'
            ? 'resolves'
            : 'references'
      note(key, strength, source)
    }
  }
  for (const source of sources) {
    if (source === 'title') read('title', texts.title, true)
    if (source === 'branch') read('branch', texts.branch, true)
    if (source === 'body') read('body', stripHtmlComments(texts.body), false)
    if (source === 'commits') for (const message of texts.commits) read('commits', message, false)
  }
  return [...byKey.values()]
}
