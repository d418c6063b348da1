/**
 * The two sides of a unified diff, hunk by hunk: what the file holds around the PR's changes,
 * before (the old side: context and removed lines) and after (the new side: context and added
 * lines). GitHub's `patch` of a file is its hunks without the file header.
 */

export interface HunkLine {
  /** Line number in that side's version of the file. */
  line: number
  text: string
  /** Added by the PR (new side) or removed by it (old side); false for context. */
  changed: boolean
}

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/

/** Each hunk's new-side lines (context and added), with their line numbers. */
export function newSideHunks(patch: string): HunkLine[][] {
  return sideHunks(patch, '+')
}

/** Each hunk's old-side lines (context and removed), with their line numbers. */
export function oldSideHunks(patch: string): HunkLine[][] {
  return sideHunks(patch, '-')
}

function sideHunks(patch: string, side: '+' | '-'): HunkLine[][] {
  const other = side === '+' ? '-' : '+'
  const hunks: HunkLine[][] = []
  let current: HunkLine[] | null = null
  let next = 0
  for (const raw of patch.split('\n')) {
    const header = HUNK_HEADER.exec(raw)
    if (header) {
      current = []
      hunks.push(current)
      next = Number(header[side === '+' ? 2 : 1])
      continue
    }
    if (current === null) continue
    const mark = raw[0]
    // The other side's lines; '\': "No newline at end of file".
    if (mark === other || mark === '\\') continue
    const text = raw.replace(/\r$/, '')
    current.push({ line: next++, text: text.slice(1), changed: mark === side })
  }
  // A patch ends with a newline: the empty string after it is no line of the file.
  for (const hunk of hunks) {
    const last = hunk.at(-1)
    if (last && !last.changed && last.text === '' && patch.endsWith('\n')) hunk.pop()
  }
  return hunks
}
