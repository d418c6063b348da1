/**
 * Values only Jira can judge (a project, an issue type, the role a comment is restricted to): the
 * schema accepts a typo in them and Jira refuses it mid-run. Where the file writes them is kept
 * with the settings, so that such a refusal is reported as a config error: the key, the file and
 * the line, annotated on that line.
 */
import { formatKeyPath, type KeyPath, type ParsedConfig, type Position } from './load.js'
import type { FileConfig } from './schema.js'
import type { Settings } from './settings.js'

const JUDGED: readonly (readonly [KeyPath, (file: FileConfig) => unknown])[] = [
  [['jira', 'projects'], (file) => file.jira?.projects],
  [['rules', 'auto-link', 'candidate-jql'], (file) => file.rules?.autoLink?.candidateJql],
  [['rules', 'follow-ups', 'project'], (file) => file.rules?.followUps?.project],
  [['rules', 'follow-ups', 'issue-type'], (file) => file.rules?.followUps?.issueType],
  [['rules', 'merge-summary', 'visibility'], (file) => file.rules?.mergeSummary?.visibility]
]

/** Where the file writes each value Jira judges (a list item by item), by formatted key path. */
export function judgedPositions(parsed: ParsedConfig): Record<string, Position> {
  const at: Record<string, Position> = {}
  const note = (path: KeyPath) => {
    const position = parsed.locate(path)
    if (position) at[formatKeyPath(path)] = position
  }
  for (const [path, valueOf] of JUDGED) {
    const value = valueOf(parsed.config)
    if (value === undefined || value === null) continue
    note(path)
    if (Array.isArray(value)) value.forEach((_, index) => note([...path, index]))
  }
  return at
}

/**
 * How a failure names the key whose value Jira refused: `jira.projects in .github/gitar-jira.yml
 * (line 3)`, and where to annotate it. A list item (`jira.projects[1]`) is named by its list and
 * placed on its own line.
 */
export function settingPointer(
  setting: KeyPath,
  source: Settings['source']
): { where: string; at?: { file: string } & Position } {
  const named = setting.filter((segment) => typeof segment !== 'number')
  const key = formatKeyPath(named)
  const position = source.at?.[formatKeyPath(setting)] ?? source.at?.[key]
  if (!position) return { where: `${key} (not set in ${source.path}: the built-in default)` }
  return {
    where: `${key} in ${source.path} (line ${position.line})`,
    at: { file: source.path, ...position }
  }
}
