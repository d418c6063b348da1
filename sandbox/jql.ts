/**
 * A real subset of JQL: a tokenizer, a recursive-descent parser, a checker that refuses what Jira
 * refuses (unknown fields, operators a field does not support, values that do not exist) and an
 * evaluator. Error messages follow Jira's wording; they surface as 400 `{errorMessages, errors}`.
 */

export class JqlError extends Error {
  readonly messages: string[]

  constructor(messages: string[]) {
    super(messages.join(' '))
    this.messages = messages
  }
}

type TokenType = 'lparen' | 'rparen' | 'comma' | 'op' | 'word' | 'string' | 'eof'

interface Token {
  type: TokenType
  /** Decoded text: escapes resolved, quotes removed. */
  value: string
  /** Offset in the query, for "(line 1, character n)". */
  pos: number
}

export type Operator =
  '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<=' | 'in' | 'not in' | 'is' | 'is not'

export type Operand =
  | { kind: 'value'; value: string }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'empty' }

export type JqlNode =
  | { kind: 'and'; items: JqlNode[] }
  | { kind: 'or'; items: JqlNode[] }
  | { kind: 'not'; item: JqlNode }
  | { kind: 'clause'; field: string; op: Operator; operands: Operand[]; pos: number }

export interface JqlQuery {
  where: JqlNode | null
  orderBy: Array<{ field: string; direction: 'asc' | 'desc' }>
}

const RESERVED_CHARS = new Set([
  '+',
  ';',
  '?',
  '|',
  '*',
  '/',
  '%',
  '^',
  '$',
  '#',
  '@',
  '[',
  ']',
  '{',
  '}'
])
const DELIMITERS = new Set(['(', ')', ',', '=', '!', '<', '>', '~', '"', "'"])
const ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
  ' ': ' '
}
const OPERATORS = ['!=', '!~', '>=', '<=', '=', '~', '>', '<']

const where = (query: string, pos: number): string => {
  const before = query.slice(0, pos).split('\n')
  return `(line ${before.length}, character ${before[before.length - 1]!.length + 1})`
}

const jqlError = (query: string, pos: number, message: string): JqlError =>
  new JqlError([`Error in the JQL Query: ${message} ${where(query, pos)}`])

export function tokenize(query: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const readEscape = (): string => {
    const c = query[i + 1]
    if (c !== undefined && c in ESCAPES) {
      i += 2
      return ESCAPES[c]!
    }
    if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(query.slice(i + 2, i + 6))) {
      const ch = String.fromCharCode(parseInt(query.slice(i + 2, i + 6), 16))
      i += 6
      return ch
    }
    throw jqlError(
      query,
      i,
      `'\\${c ?? ''}' is an illegal JQL escape sequence. The valid escape sequences are \\', \\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.`
    )
  }
  while (i < query.length) {
    const c = query[i]!
    const start = i
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', value: c, pos: i })
      i++
    } else if (c === '&' && query[i + 1] === '&') {
      tokens.push({ type: 'word', value: 'AND', pos: i })
      i += 2
    } else if (c === '|' && query[i + 1] === '|') {
      tokens.push({ type: 'word', value: 'OR', pos: i })
      i += 2
    } else if (OPERATORS.some((op) => query.startsWith(op, i))) {
      const op = OPERATORS.find((o) => query.startsWith(o, i))!
      tokens.push({ type: 'op', value: op, pos: i })
      i += op.length
    } else if (c === '!') {
      tokens.push({ type: 'word', value: 'NOT', pos: i })
      i++
    } else if (c === '"' || c === "'") {
      let value = ''
      i++
      for (;;) {
        if (i >= query.length) {
          throw jqlError(query, start, `The quoted string '${value}' has not been completed.`)
        }
        const d = query[i]!
        if (d === c) break
        if (d === '\\') value += readEscape()
        else {
          value += d
          i++
        }
      }
      i++
      tokens.push({ type: 'string', value, pos: start })
    } else {
      let value = ''
      while (i < query.length && !/\s/.test(query[i]!) && !DELIMITERS.has(query[i]!)) {
        const d = query[i]!
        if (RESERVED_CHARS.has(d)) {
          const code = d.charCodeAt(0).toString(16).padStart(4, '0')
          throw jqlError(
            query,
            i,
            `The character '${d}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${code}' instead.`
          )
        }
        if (d === '\\') value += readEscape()
        else {
          value += d
          i++
        }
      }
      tokens.push({ type: 'word', value, pos: start })
    }
  }
  tokens.push({ type: 'eof', value: '', pos: query.length })
  return tokens
}

const OPERATOR_LIST =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'."

export function parseJql(query: string): JqlQuery {
  const tokens = tokenize(query)
  let at = 0
  const peek = (): Token => tokens[at]!
  const next = (): Token => tokens[at++]!
  const isWord = (t: Token, word: string): boolean =>
    t.type === 'word' && t.value.toUpperCase() === word
  const got = (t: Token): string => (t.type === 'eof' ? 'the end of the query' : `'${t.value}'`)
  const expect = (what: string): never => {
    const t = peek()
    const message =
      t.type === 'eof'
        ? `Expecting ${what} before the end of the query.`
        : `Expecting ${what} but got ${got(t)}.`
    throw jqlError(query, t.pos, message)
  }

  /** `operand (WORD operand)*`: OR over ANDs, AND over NOTs. */
  const parseJoined = (word: 'OR' | 'AND', operand: () => JqlNode) => (): JqlNode => {
    const items = [operand()]
    while (isWord(peek(), word)) {
      next()
      items.push(operand())
    }
    return items.length === 1 ? items[0]! : { kind: word === 'OR' ? 'or' : 'and', items }
  }
  const parseAnd = (): JqlNode => parseJoined('AND', parseNot)()
  const parseOr = parseJoined('OR', parseAnd)
  const parseNot = (): JqlNode => {
    if (isWord(peek(), 'NOT')) {
      next()
      return { kind: 'not', item: parseNot() }
    }
    if (peek().type === 'lparen') {
      next()
      const inner = parseOr()
      if (peek().type !== 'rparen') expect("either 'OR' or 'AND' or ')'")
      next()
      return inner
    }
    return parseClause()
  }
  const parseOperand = (): Operand => {
    const t = peek()
    if (t.type === 'string') {
      next()
      return { kind: 'value', value: t.value }
    }
    if (
      t.type !== 'word' ||
      ['AND', 'OR', 'NOT', 'ORDER', 'IN', 'IS'].includes(t.value.toUpperCase())
    ) {
      return expect('either a value, list or function')
    }
    next()
    if (['EMPTY', 'NULL'].includes(t.value.toUpperCase())) return { kind: 'empty' }
    if (peek().type === 'lparen') {
      next()
      const args: string[] = []
      while (peek().type !== 'rparen') {
        const a = next()
        if (a.type !== 'word' && a.type !== 'string') {
          at--
          expect("')'")
        }
        args.push(a.value)
        if (peek().type === 'comma') next()
      }
      next()
      return { kind: 'function', name: t.value, args }
    }
    return { kind: 'value', value: t.value }
  }
  const parseList = (): Operand[] => {
    if (peek().type !== 'lparen') return expect("'('")
    next()
    const items = [parseOperand()]
    while (peek().type === 'comma') {
      next()
      items.push(parseOperand())
    }
    if (peek().type !== 'rparen') expect("')'")
    next()
    return items
  }
  const parseClause = (): JqlNode => {
    const f = peek()
    if (f.type !== 'word' && f.type !== 'string') {
      const shown = got(f)
      const message =
        f.type === 'eof'
          ? 'Expecting a field name before the end of the query.'
          : `Expecting a field name but got ${shown}. You must surround ${shown} in quotation marks to use it as a field name.`
      throw jqlError(query, f.pos, message)
    }
    next()
    const field = f.value
    const o = peek()
    if (o.type === 'op') {
      next()
      return {
        kind: 'clause',
        field,
        op: o.value as Operator,
        operands: [parseOperand()],
        pos: f.pos
      }
    }
    if (isWord(o, 'IN')) {
      next()
      return { kind: 'clause', field, op: 'in', operands: parseList(), pos: f.pos }
    }
    if (isWord(o, 'NOT') && isWord(tokens[at + 1]!, 'IN')) {
      at += 2
      return { kind: 'clause', field, op: 'not in', operands: parseList(), pos: f.pos }
    }
    if (isWord(o, 'IS')) {
      next()
      const negated = isWord(peek(), 'NOT')
      if (negated) next()
      const operand = parseOperand()
      if (operand.kind !== 'empty')
        throw jqlError(query, o.pos, "The operator 'is' only supports EMPTY or NULL.")
      return {
        kind: 'clause',
        field,
        op: negated ? 'is not' : 'is',
        operands: [operand],
        pos: f.pos
      }
    }
    throw jqlError(query, o.pos, `Expecting operator but got ${got(o)}. ${OPERATOR_LIST}`)
  }

  let whereNode: JqlNode | null = null
  if (peek().type !== 'eof' && !isWord(peek(), 'ORDER')) whereNode = parseOr()
  const orderBy: JqlQuery['orderBy'] = []
  if (isWord(peek(), 'ORDER')) {
    next()
    if (!isWord(peek(), 'BY')) expect("'by'")
    next()
    do {
      if (peek().type === 'comma') next()
      const t = next()
      if (t.type !== 'word' && t.type !== 'string') {
        at--
        expect('a field name')
      }
      let direction: 'asc' | 'desc' = 'asc'
      if (isWord(peek(), 'ASC') || isWord(peek(), 'DESC'))
        direction = next().value.toLowerCase() as 'asc' | 'desc'
      orderBy.push({ field: t.value, direction })
    } while (peek().type === 'comma')
    if (orderBy.length > 7)
      throw new JqlError(['The ORDER BY clause can contain a maximum of 7 fields.'])
  }
  if (peek().type !== 'eof') expect("either 'OR' or 'AND'")
  return { where: whereNode, orderBy }
}

// ---------------------------------------------------------------------------------------------
// Checking and evaluating

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done'

/** What the evaluator needs to know about one issue. */
export interface JqlIssue {
  id: string
  key: string
  projectKey: string
  projectId: string
  projectName: string
  status: string
  statusCategory: StatusCategoryKey
  issueType: string
  assignee: string | null
  reporter: string | null
  labels: string[]
  components: string[]
  summary: string
  description: string
  comments: string[]
  created: number
  updated: number
}

export interface JqlEnv {
  /** accountId of the caller, null when anonymous. */
  currentUser: string | null
  now: number
  issues: JqlIssue[]
  statuses: string[]
  /** accountIds, with emails where visible (and Data Center usernames), for `assignee = ...`. */
  users: Array<{ accountId: string; email?: string; username?: string }>
  /** Data Center: a user is named by username (any case) or email; an accountId or key is unknown. */
  byUsername?: boolean
}

type FieldKind =
  | 'key'
  | 'project'
  | 'status'
  | 'category'
  | 'user'
  | 'labels'
  | 'text'
  | 'date'
  | 'type'
  | 'component'

const FIELDS: Record<string, FieldKind> = {
  key: 'key',
  issuekey: 'key',
  issue: 'key',
  id: 'key',
  project: 'project',
  status: 'status',
  statuscategory: 'category',
  assignee: 'user',
  reporter: 'user',
  labels: 'labels',
  text: 'text',
  summary: 'text',
  description: 'text',
  comment: 'text',
  updated: 'date',
  updateddate: 'date',
  created: 'date',
  createddate: 'date',
  issuetype: 'type',
  type: 'type',
  component: 'component'
}

const SUPPORTED: Record<FieldKind, Operator[]> = {
  key: ['=', '!=', 'in', 'not in', '>', '>=', '<', '<='],
  project: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  status: ['=', '!=', 'in', 'not in'],
  category: ['=', '!=', 'in', 'not in'],
  user: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  labels: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  text: ['~', '!~'],
  date: ['=', '!=', '>', '>=', '<', '<=', 'is', 'is not'],
  type: ['=', '!=', 'in', 'not in'],
  component: ['=', '!=', 'in', 'not in', 'is', 'is not']
}

const CATEGORY_NAMES: Record<string, StatusCategoryKey> = {
  'to do': 'new',
  new: 'new',
  '2': 'new',
  'in progress': 'indeterminate',
  indeterminate: 'indeterminate',
  '4': 'indeterminate',
  done: 'done',
  complete: 'done',
  '3': 'done'
}

const ORDERABLE = new Set([
  'key',
  'issuekey',
  'id',
  'created',
  'updated',
  'summary',
  'status',
  'priority',
  'rank',
  'project'
])

const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."

const KEY_FORMAT = /^[A-Z][A-Z0-9_]*-\d+$/i
const UNITS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 }

/** Epoch ms for a JQL date value, or null when it is not one. */
export function parseJqlDate(value: string, now: number): number | null {
  const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim())
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0))
  }
  const parts = value.trim().match(/^([-+]?)((?:\d+[wdhm]\s*)+)$/)
  if (!parts) return null
  let ms = 0
  for (const m of parts[2]!.matchAll(/(\d+)([wdhm])/g)) ms += Number(m[1]) * UNITS[m[2]!]!
  return parts[1] === '-' ? now - ms : now + ms
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'if',
  'in',
  'into',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'will',
  'with'
])

/** A very light stemmer: enough that share/shares/shared and round/rounding meet. */
const stem = (w: string): string => w.replace(/(?:ing|ed|es|s)$/u, '').replace(/e$/u, '') || w
const words = (text: string): string[] =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem)

/** Compiles a text query: words ANDed, trailing `*` as a prefix, a quoted phrase as a phrase. */
function textMatcher(query: string): (text: string) => boolean {
  const phrase = /^\s*"(.*)"\s*$/s.exec(query)
  if (phrase) {
    const needle = words(phrase[1]!).join(' ')
    return (text) => ` ${words(text).join(' ')} `.includes(` ${needle} `)
  }
  const terms = (query.toLowerCase().match(/[\p{L}\p{N}]+\*?/gu) ?? []).filter(
    (t) => !STOP_WORDS.has(t)
  )
  if (terms.length === 0) return () => false
  return (text) => {
    const have = new Set(words(text))
    const raw = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
    return terms.every((t) =>
      t.endsWith('*') ? raw.some((w) => w.startsWith(t.slice(0, -1))) : have.has(stem(t))
    )
  }
}

interface Resolved {
  /** Returns true when the issue matches this clause. */
  test(issue: JqlIssue): boolean
}

/** Checks the query against the data (as Jira does) and returns a predicate and a comparator. */
export function compileJql(query: JqlQuery, env: JqlEnv) {
  const errors: string[] = []
  const byKey = new Map(env.issues.map((i) => [i.key.toUpperCase(), i]))
  const byId = new Map(env.issues.map((i) => [i.id, i]))
  const projects = new Map<string, string>()
  for (const i of env.issues) {
    for (const alias of [i.projectKey, i.projectId, i.projectName])
      projects.set(alias.toLowerCase(), i.projectKey)
  }
  const statuses = new Set(env.statuses.map((s) => s.toLowerCase()))
  const types = new Set(env.issues.map((i) => i.issueType.toLowerCase()))

  /** The canonical value for a name the user gave, or undefined when it does not exist. */
  const resolveValue = (kind: FieldKind, v: string): string | undefined => {
    const lower = v.toLowerCase()
    switch (kind) {
      case 'project':
        return projects.get(lower)
      case 'status':
        return statuses.has(lower) ? lower : undefined
      case 'category':
        return CATEGORY_NAMES[lower]
      case 'user':
        return env.users.find(
          (u) =>
            (env.byUsername ? u.username?.toLowerCase() === lower : u.accountId === v) ||
            u.email?.toLowerCase() === lower
        )?.accountId
      default:
        return types.has(lower) ? lower : undefined
    }
  }

  const valuesOf = (field: string, kind: FieldKind, operands: Operand[]): Array<string | null> => {
    const out: Array<string | null> = []
    for (const operand of operands) {
      if (operand.kind === 'empty') {
        out.push(null)
        continue
      }
      if (operand.kind === 'function') {
        const fn = operand.name.toLowerCase()
        if (fn === 'currentuser' && kind === 'user') out.push(env.currentUser)
        else if (['now', 'startofday', 'endofday'].includes(fn) && kind === 'date') {
          const day = Date.UTC(
            new Date(env.now).getUTCFullYear(),
            new Date(env.now).getUTCMonth(),
            new Date(env.now).getUTCDate()
          )
          out.push(String(fn === 'now' ? env.now : fn === 'startofday' ? day : day + 86_399_999))
        } else
          errors.push(`Unable to find JQL function '${operand.name}(${operand.args.join(', ')})'.`)
        continue
      }
      const v = operand.value
      switch (kind) {
        case 'key': {
          const issue = /^\d+$/.test(v) ? byId.get(v) : byKey.get(v.toUpperCase())
          if (!/^\d+$/.test(v) && !KEY_FORMAT.test(v))
            errors.push(`The issue key '${v}' for field '${field}' is invalid.`)
          else if (!issue)
            errors.push(`An issue with key '${v}' does not exist for field '${field}'.`)
          else out.push(issue.key)
          break
        }
        case 'project':
        case 'status':
        case 'category':
        case 'user':
        case 'type': {
          const found = resolveValue(kind, v)
          if (found === undefined)
            errors.push(`The value '${v}' does not exist for the field '${field}'.`)
          else out.push(found)
          break
        }
        case 'date': {
          const t = parseJqlDate(v, env.now)
          if (t === null)
            errors.push(`Date value '${v}' for field '${field}' is invalid. ${DATE_FORMATS}`)
          else out.push(String(t))
          break
        }
        case 'text':
          if (v.trim() === '')
            errors.push(`The field '${field}' does not support searching for an empty string.`)
          out.push(v)
          break
        default:
          out.push(v.toLowerCase())
      }
    }
    return out
  }

  const fieldValues = (kind: FieldKind, field: string, issue: JqlIssue): Array<string | number> => {
    switch (kind) {
      case 'key':
        return [issue.key]
      case 'project':
        return [issue.projectKey]
      case 'status':
        return [issue.status.toLowerCase()]
      case 'category':
        return [issue.statusCategory]
      case 'user': {
        const v = field === 'reporter' ? issue.reporter : issue.assignee
        return v ? [v] : []
      }
      case 'labels':
        return issue.labels.map((l) => l.toLowerCase())
      case 'component':
        return issue.components.map((c) => c.toLowerCase())
      case 'type':
        return [issue.issueType.toLowerCase()]
      case 'date':
        return [field.startsWith('created') ? issue.created : issue.updated]
      case 'text':
        return []
    }
  }

  const textOf = (field: string, issue: JqlIssue): string =>
    field === 'summary'
      ? issue.summary
      : field === 'description'
        ? issue.description
        : field === 'comment'
          ? issue.comments.join('\n')
          : [issue.summary, issue.description, ...issue.comments].join('\n')

  const compileNode = (node: JqlNode): Resolved => {
    switch (node.kind) {
      case 'and': {
        const items = node.items.map(compileNode)
        return { test: (i) => items.every((r) => r.test(i)) }
      }
      case 'or': {
        const items = node.items.map(compileNode)
        return { test: (i) => items.some((r) => r.test(i)) }
      }
      case 'not': {
        const item = compileNode(node.item)
        return { test: (i) => !item.test(i) }
      }
      case 'clause':
        return compileClause(node)
    }
  }

  const compileClause = (clause: Extract<JqlNode, { kind: 'clause' }>): Resolved => {
    const field = clause.field.toLowerCase()
    const kind = FIELDS[field]
    if (!kind) {
      errors.push(
        `Field '${clause.field}' does not exist or you do not have permission to view it.`
      )
      return { test: () => false }
    }
    if (!SUPPORTED[kind].includes(clause.op)) {
      errors.push(`The operator '${clause.op}' is not supported by the '${clause.field}' field.`)
      return { test: () => false }
    }
    if (
      (clause.op === '>' || clause.op === '<' || clause.op === '>=' || clause.op === '<=') &&
      kind === 'key'
    ) {
      errors.push(`The operator '${clause.op}' is not supported by the '${clause.field}' field.`)
      return { test: () => false }
    }
    const values = valuesOf(clause.field, kind, clause.operands)
    if (kind === 'text') {
      const matchers = values.map((v) => textMatcher(v ?? ''))
      const hit = (i: JqlIssue) => matchers.every((m) => m(textOf(field, i)))
      return { test: (i) => (clause.op === '~' ? hit(i) : !hit(i)) }
    }
    const wanted = values.filter((v): v is string => v !== null)
    const wantsEmpty = values.includes(null)
    return {
      test: (issue) => {
        const have = fieldValues(kind, field, issue)
        const isEmpty = have.length === 0
        const contains = (v: string) => have.some((h) => String(h) === v)
        switch (clause.op) {
          case 'is':
            return isEmpty
          case 'is not':
            return !isEmpty
          case '=':
          case 'in':
            return (wantsEmpty && isEmpty) || wanted.some(contains)
          case '!=':
          case 'not in':
            // As in Jira: a negative clause never matches an issue whose field is empty.
            return !isEmpty && !wanted.some(contains)
          default: {
            const t = Number(have[0])
            const v = Number(wanted[0])
            if (isEmpty) return false
            return clause.op === '>'
              ? t > v
              : clause.op === '>='
                ? t >= v
                : clause.op === '<'
                  ? t < v
                  : t <= v
          }
        }
      }
    }
  }

  const predicate = query.where ? compileNode(query.where) : { test: () => true }
  for (const o of query.orderBy) {
    if (!FIELDS[o.field.toLowerCase()] && !ORDERABLE.has(o.field.toLowerCase())) {
      errors.push(`Not able to sort using field '${o.field}'.`)
    }
  }
  if (errors.length) throw new JqlError(errors)

  const sortValue = (issue: JqlIssue, field: string): string | number => {
    switch (field) {
      case 'created':
        return issue.created
      case 'updated':
        return issue.updated
      case 'summary':
        return issue.summary.toLowerCase()
      case 'status':
        return issue.status.toLowerCase()
      case 'project':
        return issue.projectKey
      case 'key':
      case 'issuekey':
        // Jira orders keys by project, then by number.
        return `${issue.projectKey}-${issue.key.split('-')[1]!.padStart(12, '0')}`
      case 'id':
        return Number(issue.id)
      default:
        return 0
    }
  }
  const order = query.orderBy.length ? query.orderBy : [{ field: 'id', direction: 'desc' as const }]
  const compare = (a: JqlIssue, b: JqlIssue): number => {
    for (const o of order) {
      const x = sortValue(a, o.field.toLowerCase())
      const y = sortValue(b, o.field.toLowerCase())
      if (x !== y) return (x < y ? -1 : 1) * (o.direction === 'desc' ? -1 : 1)
    }
    return 0
  }
  return { test: (i: JqlIssue) => predicate.test(i), compare }
}

/** Parses, checks and runs a query: the issues that match, in order. */
export function runJql(jql: string, env: JqlEnv): JqlIssue[] {
  const query = parseJql(jql)
  if (!query.where) {
    throw new JqlError([
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'
    ])
  }
  const { test, compare } = compileJql(query, env)
  return env.issues.filter(test).sort(compare)
}
