/**
 * The action's one PR comment: found again by a hidden marker and edited in place. Rendered from
 * the applied plan, so a dry run shows what a real run would have done.
 */
import type { RunReport } from './model.js'
import { COMMENT_MARKER, writeState } from './state.js'
import { reportSections } from './sections.js'
import { summaryHoldsAll } from './summary.js'

export { COMMENT_MARKER }

/** GitHub refuses a comment body over 65,536 characters; this leaves room to spare. */
export const MAX_COMMENT_CHARS = 65_000

export function renderComment(report: RunReport): string {
  const content = ['### Jira', ...reportSections(report, 'comment')].join('\n\n')
  const tail = [
    `<sub>gitar-jira · updated for ${report.headSha.slice(0, 7)}</sub>`,
    writeState(report.state)
  ].join('\n\n')
  return [
    COMMENT_MARKER,
    fitContent(content, MAX_COMMENT_CHARS - COMMENT_MARKER.length - tail.length - 4, report),
    tail
  ].join('\n\n')
}

const cutNote = (summaryIsWhole: boolean) =>
  `_… cut here: a PR comment holds at most 65,536 characters. ${
    summaryIsWhole
      ? 'The job summary of this run has everything.'
      : "The job summary of this run has more (it too is cut, at GitHub's 1 MiB)."
  }_`

/**
 * The content, cut at a line when the comment would be too long: GitHub would refuse it whole,
 * and with it the hidden state the next run needs (the marker and the state always fit).
 */
function fitContent(content: string, room: number, report: RunReport): string {
  if (content.length <= room) return content
  const note = cutNote(summaryHoldsAll(report))
  const cut = content.lastIndexOf('\n', room - note.length - 2)
  return `${content.slice(0, Math.max(0, cut))}\n\n${note}`
}
