/**
 * Text from Jira or from users, made inert where it lands. In markdown: no formatting, no HTML,
 * no math ($…$), no @-mentions, no #123 or GH-123 cross-references, no autolinked URLs, no table
 * breaks, and no bidi controls.
 */
import { ellipsized } from './text.js'

const ZERO_WIDTH_SPACE = '\u200b'

// Embeddings, overrides, isolates and marks: they can show text in an order other than the one
// it is read in (Trojan Source), so a TODO or a summary could say one thing and show another.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** The text in the order it is stored, whatever direction controls it carried. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '')
}

export function escapeMarkdown(text: string): string {
  return (
    withoutBidiControls(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_{}[\]()#+!|~$])/g, '\\$1')
      // A mention or a cross-reference notifies people; a zero-width space defuses both.
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
      .replace(/\\#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
      .replace(/\bGH-(?=\d)/gi, (gh) => `${gh.slice(0, 2)}${ZERO_WIDTH_SPACE}-`)
      // GitHub links a bare URL, and a URL of an issue or PR also mentions it there. An autolink
      // needs `://` or `www.` unbroken, so a zero-width space inside each leaves plain text.
      .replace(/:\/\//g, `:/${ZERO_WIDTH_SPACE}/`)
      .replace(/www\./gi, (www) => `${www.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
  )
}

/** One line of a markdown table cell, at most `max` characters. */
export function escapeCell(text: string, max = 200): string {
  return escapeMarkdown(ellipsized(text.replace(/\s+/g, ' ').trim(), max))
}
