/**
 * What a 2xx answer must be before the adapters read it. A page from a proxy, a firewall or a
 * single sign-on gateway in front of Jira also answers 200; read as Jira's JSON, its missing
 * `issues` would be "these issues don't exist", and the next run would unlink them all. So an
 * answer that is not Jira's JSON, or lacks the list a read is about, is a failure, never "none".
 */
import { ellipsized } from '../util/text.js'

/** A 2xx answer that is not what Jira answers. */
export class UnexpectedAnswerError extends Error {
  /** What came instead, to follow "with": "an HTML page (“Sign in”) instead of Jira's JSON". */
  readonly found: string
  /** The request ("POST /rest/api/3/issue/bulkfetch"), when known. */
  readonly what?: string

  constructor(found: string, what?: string) {
    super(`${what ?? 'The request'} was answered with ${found}.`)
    this.name = 'UnexpectedAnswerError'
    this.found = found
    this.what = what
  }
}

export function isUnexpectedAnswer(error: unknown): error is UnexpectedAnswerError {
  return error instanceof UnexpectedAnswerError
}

const TITLE = /<title[^>]*>([^<]*)<\/title>/i

/** A body that is not JSON, as the message names it: an HTML page (with its title) or text. */
export function notJson(text: string, contentType: string | null): string {
  const html = /html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body)\b/i.test(text)
  if (!html) return "text instead of Jira's JSON"
  const title = (TITLE.exec(text)?.[1] ?? '').replace(/[\s\p{Cc}]+/gu, ' ').trim()
  return `an HTML page${title ? ` (“${ellipsized(title, 80)}”)` : ''} instead of Jira's JSON`
}

/** A JSON value read as an object where a missing or odd one means "nothing there". */
export function asObject(json: unknown): Record<string, unknown> {
  return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {}
}

/** The answer as a JSON object; anything else (no body, a list, a string) is unexpected. */
export function objectAnswer(json: unknown): Record<string, unknown> {
  if (json === undefined || json === null) {
    throw new UnexpectedAnswerError("no body instead of Jira's JSON")
  }
  if (typeof json !== 'object' || Array.isArray(json)) {
    throw new UnexpectedAnswerError('JSON that is not the object Jira answers')
  }
  return json as Record<string, unknown>
}

/** The list `field` of an answer; Jira always sends it, empty or not, so a missing one fails. */
export function listIn(json: unknown, field: string): unknown[] {
  const list = objectAnswer(json)[field]
  if (!Array.isArray(list)) throw new UnexpectedAnswerError(`JSON without Jira's '${field}' list`)
  return list
}

/** An answer that is a list itself (remote links). */
export function listAnswer(json: unknown): unknown[] {
  if (!Array.isArray(json))
    throw new UnexpectedAnswerError('JSON that is not the list Jira answers')
  return json
}

/** An issue property's `value` (Jira always sends it): null for a stored null. */
export function valueIn(json: unknown): unknown {
  const property = objectAnswer(json)
  if (!('value' in property)) throw new UnexpectedAnswerError("JSON without the property's 'value'")
  return property.value ?? null
}
