/**
 * Which TODOs on added lines the PR only moved: those are not new. The diff cannot say that a
 * line moved, only that one was removed and one added, so a removed TODO with the same text
 * (case, spacing and trailing punctuation aside: normalizeTodoText) accounts for one added TODO:
 * - in the same file, or the file it was renamed from: re-indented, moved within the file, the
 *   file renamed;
 * - in another file only together with the code beside it: the nearest line above or below the
 *   TODO with a letter or a digit in it (the code it is about, not a lone `}`) is the same on
 *   both sides, as when a function and its TODO move to another module.
 * So a TODO removed in one file (done) does not hide a new one with the same words elsewhere.
 */
import { normalizeTodoText } from './fingerprint.js'

/** A TODO on one side of the diff, as the matching reads it. */
export interface DiffTodo {
  /** The file's entry in the PR's list: a renamed file is one entry, under both names. */
  file: number
  text: string
  /** The nearest lines above and below with a letter or a digit, trimmed (within the hunk). */
  neighbours: string[]
}

/** The nearest line above and below `index` with a letter or a digit, trimmed. */
export function neighboursOf(lines: readonly string[], index: number): string[] {
  const meaningful = (line: string | undefined) => line !== undefined && /[\p{L}\p{N}]/u.test(line)
  const nearest = (step: -1 | 1) => {
    for (let i = index + step; i >= 0 && i < lines.length; i += step) {
      if (meaningful(lines[i])) return [lines[i]!.trim()]
    }
    return []
  }
  return [...nearest(-1), ...nearest(1)]
}

/** The added TODOs no removed one accounts for, in their order. */
export function newTodos<T extends DiffTodo>(
  added: readonly T[],
  removed: readonly DiffTodo[]
): T[] {
  const unused = removed.map((todo) => ({ ...todo, text: normalizeTodoText(todo.text) }))
  const take = (accounts: (r: DiffTodo) => boolean) => {
    const at = unused.findIndex(accounts)
    if (at < 0) return false
    unused.splice(at, 1)
    return true
  }
  const text = (todo: DiffTodo) => normalizeTodoText(todo.text)
  // The same file first: a move within a file is the likelier reading of a pair.
  const left = added.filter((todo) => !take((r) => r.file === todo.file && r.text === text(todo)))
  return left.filter(
    (todo) =>
      !take(
        (r) => r.text === text(todo) && r.neighbours.some((line) => todo.neighbours.includes(line))
      )
  )
}
