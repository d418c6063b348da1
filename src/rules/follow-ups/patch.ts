/**
 * The new side of a unified diff, hunk by hunk: what the file holds around the PR's additions.
 * GitHub's `patch` of a file is its hunks without the file header.
 */

export interface NewLine {
  /** Line number in the new version of the file. */
  line: number
  text: string
  added: boolean
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/

/** Each hunk's new-side lines (context and added), with their line numbers. */
export function newSideHunks(patch: string): NewLine[][] {
  const hunks: NewLine[][] = []
  let current: NewLine[] | null = null
  let next = 0
  for (const raw of patch.split('\n')) {
    const header = HUNK_HEADER.exec(raw)
    if (header) {
      current = []
      hunks.push(current)
      next = Number(header[1])
      continue
    }
    if (current === null) continue
    const mark = raw[0]
    // '-': only on the old side; '\': "No newline at end of file".
    if (mark === '-' || mark === '\\') continue
    const text = raw.replace(/\r$/, '')
    current.push({ line: next++, text: text.slice(1), added: mark === '+' })
  }
  // A patch ends with a newline: the empty string after it is no line of the file.
  for (const hunk of hunks) {
    const last = hunk.at(-1)
    if (last && !last.added && last.text === '' && patch.endsWith('\n')) hunk.pop()
  }
  return hunks
}
