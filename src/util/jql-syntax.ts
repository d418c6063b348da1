/**
 * A user's JQL (`candidate-jql`) read as tokens, for the two things the action must know of it
 * without a parser: whether it stays inside the parentheses it is put in, and whether it
 * restricts the field `project`. Quoted strings are one token each: what they hold is a value,
 * never syntax (`status != "Project Review (old)"`).
 */

export interface JqlToken {
  kind: 'word' | 'string' | 'operator' | '(' | ')' | ','
  text: string
  /** 0-based offset of the token in the query. */
  at: number
  /** A quoted string whose closing quote never comes. */
  open?: boolean
}

const OPERATOR = /^(?:!=|!~|>=|<=|=|~|<|>)/
const WORD_END = /[\s"'(),=!~<>]/
/** The words that begin an operator: `in`, `not in`, `is`, `is not`, `was…`, `changed`. */
const OPERATOR_WORDS = new Set(['in', 'not', 'is', 'was', 'changed'])

export function jqlTokens(jql: string): JqlToken[] {
  const tokens: JqlToken[] = []
  let i = 0
  while (i < jql.length) {
    const c = jql[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '"' || c === "'") {
      let j = i + 1
      while (j < jql.length && jql[j] !== c) j += jql[j] === '\\' ? 2 : 1
      const open = j >= jql.length
      tokens.push({ kind: 'string', text: jql.slice(i + 1, j), at: i, ...(open ? { open } : {}) })
      i = j + 1
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, at: i })
      i++
    } else {
      const operator = OPERATOR.exec(jql.slice(i))?.[0]
      if (operator) {
        tokens.push({ kind: 'operator', text: operator, at: i })
        i += operator.length
        continue
      }
      let j = i
      // A backslash escapes the next character, but never hides a parenthesis from the count.
      while (j < jql.length && !WORD_END.test(jql[j]!)) {
        j += jql[j] === '\\' && j + 1 < jql.length && !'()'.includes(jql[j + 1]!) ? 2 : 1
      }
      // A character that ends words but starts no operator (a lone `!`) is a word of its own:
      // the tokens always move on.
      if (j === i) j = i + 1
      tokens.push({ kind: 'word', text: jql.slice(i, j), at: i })
      i = j
    }
  }
  return tokens
}

/**
 * Why the query would not stay inside the parentheses the action puts it in (`AND (…)`), or
 * null: a `)` that closes more than it opened, a `(` never closed, a quoted string never closed.
 */
export function jqlNestingProblem(jql: string): string | null {
  const opened: number[] = []
  for (const token of jqlTokens(jql)) {
    if (token.open) {
      return `the ${jql[token.at]} at character ${token.at + 1} opens a quoted string that is never closed`
    }
    if (token.kind === '(') opened.push(token.at)
    if (token.kind === ')' && opened.pop() === undefined) {
      return `the ")" at character ${token.at + 1} closes a parenthesis that was never opened`
    }
  }
  const unclosed = opened[0]
  return unclosed === undefined ? null : `the "(" at character ${unclosed + 1} is never closed`
}

/**
 * Whether the query restricts the field `field` (`project = ABC`, `project in (…)`, `project is
 * not EMPTY`): the field's name, alone or quoted, followed by an operator. A value or another
 * field that contains the word (`labels = project-x`, `status = "Project Review"`,
 * `projectType = software`, `ORDER BY project`) does not.
 */
export function jqlUsesField(jql: string, field: string): boolean {
  const tokens = jqlTokens(jql)
  return tokens.some((token, i) => {
    if (token.kind !== 'word' && token.kind !== 'string') return false
    if (token.text.toLowerCase() !== field.toLowerCase()) return false
    const next = tokens[i + 1]
    if (next?.kind === 'operator') return true
    return next?.kind === 'word' && OPERATOR_WORDS.has(next.text.toLowerCase())
  })
}
