/**
 * Text the action writes that names code (a config key, `grouping: pr`) around values that are
 * someone else's words (Jira's project names, a user's keys). Written as a template, it comes out
 * twice: as plain text for annotations and logs, and as markdown for the PR comment and the job
 * summary, where the template's own backtick spans are code and every value is escaped (see
 * escape.ts), so a value can neither open code nor format, link or mention anything.
 */
import { escapeCell, escapeMarkdown, withoutBidiControls } from './escape.js'

export interface CodeText {
  text: string
  markdown: string
}

/** Each value at most this long in the markdown (a list of keys, a Jira name). */
const MAX_VALUE_CHARS = 300

export function codeText(strings: TemplateStringsArray, ...values: (string | number)[]): CodeText {
  let text = ''
  let markdown = ''
  let inCode = false
  strings.forEach((literal, i) => {
    text += literal
    // The template's backticks open and close code; what is between them is shown as written.
    literal.split('`').forEach((part, j) => {
      if (j > 0) {
        markdown += '`'
        inCode = !inCode
      }
      markdown += inCode ? part : escapeMarkdown(part)
    })
    if (i >= values.length) return
    const value = String(values[i])
    text += value
    // In code nothing is read as markdown; only a backtick of the value could end the code.
    markdown += inCode
      ? withoutBidiControls(value).replace(/`/g, "'").replace(/\s+/g, ' ')
      : escapeCell(value, MAX_VALUE_CHARS)
  })
  return { text, markdown }
}
