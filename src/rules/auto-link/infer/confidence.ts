/**
 * Confidence: the probability that a ranked candidate is the issue the PR works on. A small
 * logistic model over features that mean the same thing in any project (how much of the PR's
 * own weight the issue matched, the margin over the best other candidate, how many signals
 * agree), fitted offline by `scripts/fit-link-confidence.ts` on the linkset data and committed
 * here as constants. The candidates of one PR exclude each other, so their confidences are
 * scaled down to sum to at most 1: two identical issues can never both be likely.
 */
import type { Scored } from './rank.js'

/** Per candidate, in this order: see FEATURE_NAMES. */
export type ConfidenceFeatures = number[]

export const FEATURE_NAMES = [
  'relative', // score / the PR's self-score, capped at 1.5
  'titleRelative', // the title's words matched, as a share of the title's self-score
  'margin', // (score - best other score) / score, in -1..1
  'gap', // (score - best other score) / the PR's self-score, in -1.5..1.5
  'ratio', // ln(score / best other score), in -3..3
  'signals', // how many signals agree: text, paths, author, history (0..4)
  'queryWords', // ln(1 + distinct words in the PR)
  'matchedWords', // ln(1 + distinct words of the PR's text the issue has)
  'top' // 1 for the first candidate
] as const

/** Intercept, then one weight per feature. Fitted by scripts/fit-link-confidence.ts. */
export const COEFFICIENTS: readonly number[] = [
  -3.767, 0.587, 0.691, 0.061, 1.736, 4.246, 0.191, 0.103, 0.53, 0.778
]

/** The most a candidate sharing a single word with the PR can get. */
export const ONE_WORD_CAP = 0.6

export function confidenceFeatures(
  scored: readonly Scored[],
  self: number,
  queryWords: number
): ConfidenceFeatures[] {
  return scored.map((s, i) => {
    const other = i === 0 ? (scored[1]?.score ?? 0) : (scored[0]?.score ?? 0)
    const margin = s.score > 0 ? Math.max(-1, (s.score - other) / s.score) : -1
    const signals =
      (s.text > 0 ? 1 : 0) + (s.paths > 0 ? 1 : 0) + (s.author ? 1 : 0) + (s.history > 0 ? 1 : 0)
    const clip = (x: number, bound: number) => Math.max(-bound, Math.min(bound, x))
    return [
      self > 0 ? Math.min(1.5, s.score / self) : 0,
      Math.min(1.5, s.title),
      margin,
      self > 0 ? clip((s.score - other) / self, 1.5) : 0,
      other > 0 ? clip(Math.log(s.score / other), 3) : 3,
      signals,
      Math.log(1 + queryWords),
      Math.log(1 + s.words),
      i === 0 ? 1 : 0
    ]
  })
}

export function logistic(
  features: readonly number[],
  coefficients: readonly number[] = COEFFICIENTS
): number {
  let z = coefficients[0] ?? 0
  features.forEach((x, i) => {
    z += x * (coefficients[i + 1] ?? 0)
  })
  return 1 / (1 + Math.exp(-z))
}

/**
 * The candidates' confidences, scaled to sum to at most 1; a candidate sharing one word with
 * the PR is capped at ONE_WORD_CAP.
 */
export function confidenceOf(
  features: readonly ConfidenceFeatures[],
  coefficients: readonly number[] = COEFFICIENTS
): number[] {
  const matched = FEATURE_NAMES.indexOf('matchedWords')
  const raw = features.map((f) => {
    const p = logistic(f, coefficients)
    // One shared word is never enough to link, however rare the word.
    return (f[matched] ?? 0) < Math.log(3) ? Math.min(p, ONE_WORD_CAP) : p
  })
  const total = raw.reduce((a, b) => a + b, 0)
  return total > 1 ? raw.map((p) => p / total) : raw
}
