/**
 * Reads the text of `.github/gitar-jira.yml` into the file's layer of the settings. Every
 * problem becomes a `UserError` that names the file, the line and the key, so it can be shown
 * as an annotation on that line; all of them are reported at once (`UserErrors`).
 */
import * as core from '@actions/core'
import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  YAMLParseError,
  type Alias,
  type Document,
  type Node,
  type YAMLError
} from 'yaml'
import type { z } from 'zod'
import { getErrorMessage, UserError, UserErrors } from '../util/errors.js'
import { didYouMean } from './did-you-mean.js'
import { configSchema, knownKeys, type FileConfig } from './schema.js'

/** 1-based, as editors and annotations count. */
export interface Position {
  line: number
  column: number
}

/** A key as written in the file: kebab-case names, list indexes as numbers. */
export type KeyPath = readonly PropertyKey[]

export interface ParsedConfig {
  path: string
  /** What the file sets, camelCase; keys it leaves out are absent. */
  config: FileConfig
  /** Where the file writes `keyPath`, or its closest enclosing key; undefined if neither. */
  locate(keyPath: KeyPath): Position | undefined
}

const ERROR_TITLE = 'Invalid gitar-jira config'

/**
 * A config file is a few KiB. 512 KiB holds a users table of some 10,000 people and parses in
 * well under a second; it is also below the 1 MB up to which GitHub's contents API serves a file,
 * so a file too large gets this error, naming the file and the limit, rather than GitHub's.
 */
export const MAX_CONFIG_BYTES = 512 * 1024

/** The layer of a file that is missing or empty: it sets nothing. */
export function emptyConfig(path: string): ParsedConfig {
  return { path, config: {}, locate: () => undefined }
}

/** `rules.auto-link.min-confidence`, `rules.follow-ups.keywords[1]`, `…users["a.b@c.d"]`. */
export function formatKeyPath(keyPath: KeyPath): string {
  if (keyPath.length === 0) return 'the file'
  return keyPath
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`
      const name = String(segment)
      if (!/^[A-Za-z0-9_-]+$/.test(name)) return `[${JSON.stringify(name)}]`
      return index === 0 ? name : `.${name}`
    })
    .join('')
}

/** `.github/gitar-jira.yml:7: <text>`, placed on that line. */
export function configError(
  file: string,
  position: Position | undefined,
  text: string,
  cause?: unknown
): UserError {
  const where = position === undefined ? file : `${file}:${position.line}`
  return new UserError(`${where}: ${text}`, {
    title: ERROR_TITLE,
    file,
    line: position?.line,
    column: position?.column,
    cause
  })
}

/**
 * Where the quoted string a "Missing closing quote" error is about opens: the parser reports
 * the end of the file, which points nowhere near the mistake. The first line with an odd number
 * of that quote is the one (a quoted string spanning lines is legal YAML, but not a config's).
 */
function unclosedQuoteAt(text: string, error: { code: string; message: string }): number | null {
  if (error.code !== 'MISSING_CHAR' || !/closing .?quote/.test(error.message)) return null
  const mark = error.message.includes('"') ? '"' : "'"
  let offset = 0
  for (const line of text.split('\n')) {
    const code = line.replace(/\s#.*$/, '').replace(mark === '"' ? /\\./g : /''/g, '')
    if ((code.split(mark).length - 1) % 2 === 1) return offset + Math.max(0, line.indexOf(mark))
    offset += line.length + 1
  }
  return null
}

/**
 * Parses and validates the config file's text. An empty file (or one of comments only) sets
 * nothing. Throws `UserErrors` for YAML syntax errors, unknown keys, wrong types and bad values.
 */
export function parseConfigText(text: string, path: string): ParsedConfig {
  const size = Buffer.byteLength(text, 'utf8')
  if (size > MAX_CONFIG_BYTES) {
    throw new UserErrors([
      configError(
        path,
        undefined,
        `the file is ${size} bytes, over the ${MAX_CONFIG_BYTES / 1024} KiB a config file may have. ` +
          'Its largest part is usually rules.suggest-reviewers.users: it needs only the people whose Jira email GitHub does not know.'
      )
    ])
  }
  const lineCounter = new LineCounter()
  // yaml's own check of duplicate keys compares each key with all before it: duplicateKeys().
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }

  const problems = [...doc.errors, ...duplicateKeys(doc)].sort((a, b) => a.pos[0] - b.pos[0])
  if (problems.length > 0) {
    // One error per line: the first is the cause, the rest of that line are its echoes.
    const lines = new Set<number>()
    const errors: UserError[] = []
    for (const error of problems) {
      const position = at(unclosedQuoteAt(text, error) ?? error.pos[0])
      if (lines.has(position.line)) continue
      lines.add(position.line)
      const said =
        error.code === 'MULTIPLE_DOCS'
          ? 'the file must hold one document, but a second one starts here'
          : error.message
      errors.push(configError(path, position, `YAML syntax error: ${said}`, error))
    }
    throw new UserErrors(errors)
  }
  for (const warning of doc.warnings) {
    const { line, column } = at(warning.pos[0])
    core.warning(`${path}:${line}: ${warning.message}`, {
      title: 'gitar-jira config',
      file: path,
      startLine: line,
      startColumn: column
    })
  }

  const locate = (keyPath: KeyPath): Position | undefined => {
    const range = findNode(doc, keyPath)?.range
    return range ? at(range[0]) : undefined
  }

  let data: unknown
  try {
    data = doc.toJS()
  } catch (error) {
    // An alias to nothing, or an alias bomb (too many aliases).
    const alias = unresolvedAlias(doc)?.range
    const position = alias ? at(alias[0]) : undefined
    throw new UserErrors([
      configError(path, position, `YAML error: ${getErrorMessage(error)}`, error)
    ])
  }
  if (data === null || data === undefined) return { path, config: {}, locate }

  const result = configSchema.safeParse(data)
  if (!result.success) {
    const errors = result.error.issues.flatMap((issue) => issueErrors(issue, data, path, locate))
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    throw new UserErrors(errors)
  }
  return { path, config: result.data, locate }
}

function issueErrors(
  issue: z.core.$ZodIssue,
  data: unknown,
  file: string,
  locate: ParsedConfig['locate']
): UserError[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path)
    return issue.keys.map((key) => {
      const keyPath = [...issue.path, key]
      const hint = didYouMean(key, known)
      const help =
        hint === undefined ? `the keys here are ${known.join(', ')}` : `did you mean ${hint}?`
      return configError(
        file,
        locate(keyPath),
        `${formatKeyPath(keyPath)} is not a known key: ${help}`
      )
    })
  }
  if (issue.code === 'invalid_key') {
    // The key itself is wrong (an empty one): name the mapping, place it on the key's line.
    const message = issue.issues[0]?.message ?? issue.message
    return [
      configError(file, locate(issue.path), `${formatKeyPath(issue.path.slice(0, -1))} ${message}`)
    ]
  }
  // What the file says, before any trimming the schema did.
  const found = valueAt(data, issue.path)
  let text = `${formatKeyPath(issue.path)} ${issue.message}`
  if (found !== undefined) text += `, got ${describeValue(found)}`
  if (issue.code === 'invalid_value' && typeof found === 'string') {
    const hint = didYouMean(found, issue.values.map(String))
    if (hint !== undefined) text += ` (did you mean ${hint}?)`
  }
  return [configError(file, locate(issue.path), text)]
}

function valueAt(data: unknown, keyPath: KeyPath): unknown {
  let value = data
  for (const segment of keyPath) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[segment]
  }
  return value
}

/** How a value found in the file reads in a message. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  }
  if (value !== null && typeof value === 'object') return 'a mapping'
  return String(value)
}

/**
 * The node of the file that writes `keyPath`: the key of a mapping entry (the line that names
 * it), the item of a list. Where the path goes further than the file, the closest enclosing key.
 */
function findNode(doc: Document, keyPath: KeyPath): Node | undefined {
  let node: unknown = doc.contents
  if (keyPath.length === 0) return isNode(node) ? node : undefined
  let found: Node | undefined
  for (const segment of keyPath) {
    if (isAlias(node)) node = node.resolve(doc)
    if (isMap(node)) {
      const pair = node.items.find((item) => keyName(item.key) === String(segment))
      if (pair === undefined) break
      const keyNode = isNode(pair.key) ? pair.key : undefined
      found = keyNode ?? (isNode(pair.value) ? pair.value : found)
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment]
      if (!isNode(item)) break
      found = item
      node = item
    } else break
  }
  return found
}

/**
 * The keys a mapping repeats, as yaml's own check reports them ("Map keys must be unique"), found
 * with one set per mapping: yaml's check is quadratic, minutes for a users table of 30,000.
 */
function duplicateKeys(doc: Document): YAMLError[] {
  const found: YAMLError[] = []
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>()
      for (const { key } of map.items) {
        if (!isScalar(key)) continue
        if (seen.has(key.value) && key.range) {
          found.push(
            new YAMLParseError(
              [key.range[0], key.range[1]],
              'DUPLICATE_KEY',
              'Map keys must be unique'
            )
          )
        }
        seen.add(key.value)
      }
    }
  })
  return found
}

function unresolvedAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined
  visit(doc, {
    Alias(_key, alias) {
      if (alias.resolve(doc) !== undefined) return undefined
      found = alias
      return visit.BREAK
    }
  })
  return found
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key)
}
