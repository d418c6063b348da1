/**
 * Texts as bags of letter trigrams, compared by cosine: a likeness of wording that survives
 * what word matching misses — inflections the stemmer leaves apart (`Pluralize` / `pluralized`),
 * words run together or split (`stackoverflow` / `stack overflow`, `JobParameters` /
 * `Job parameters`) and typos (`chanels`). Stop words stay: they are part of the wording.
 */
import { fold } from './tokens.js'

/** Trigram counts and the vector's length. */
export interface Trigrams {
  counts: ReadonlyMap<string, number>
  norm: number
}

export function trigramsOf(text: string): Trigrams {
  const words = fold(text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')).match(/[\p{L}\p{N}]+/gu) ?? []
  const counts = new Map<string, number>()
  for (const word of words) {
    const padded = ` ${word} `
    for (let i = 0; i + 3 <= padded.length; i++) {
      const gram = padded.slice(i, i + 3)
      counts.set(gram, (counts.get(gram) ?? 0) + 1)
    }
  }
  let squares = 0
  for (const count of counts.values()) squares += count * count
  return { counts, norm: Math.sqrt(squares) }
}

/** Cosine of two bags of trigrams, 0..1 (0 when either is empty). */
export function trigramCosine(a: Trigrams, b: Trigrams): number {
  if (a.norm === 0 || b.norm === 0) return 0
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a]
  let dot = 0
  for (const [gram, count] of small.counts) dot += count * (large.counts.get(gram) ?? 0)
  return dot / (a.norm * b.norm)
}
