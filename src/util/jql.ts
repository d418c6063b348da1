/**
 * Values in JQL. PR text never becomes JQL syntax: every value is a quoted string literal, and
 * words for a text search keep letters and digits only (Lucene reads `+ - & | ! ( ) { } [ ] ^ ~
 * * ? \ :` and AND/OR/NOT even inside quotes).
 */

/** A JQL string literal: `"…"` with `\` and `"` escaped, line breaks folded to spaces. */
export function jqlString(value: string): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ')
  return `"${oneLine.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** `text ~ "…"` for words, each reduced to letters and digits; null when no word is left. */
export function jqlTextSearch(field: string, words: readonly string[]): string | null {
  const clean = words
    .map((w) =>
      w
        .normalize('NFKC')
        // Lower case: Lucene's AND, OR and NOT are operators only in capitals.
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
    )
    .filter((w) => w !== '')
  if (clean.length === 0) return null
  return `${field} ~ ${jqlString(clean.join(' '))}`
}

/** `project in ("A", "B")`: the projects as JQL strings. */
export function projectIn(projects: readonly string[]): string {
  return `project in (${projects.map(jqlString).join(', ')})`
}
