/**
 * Confidence. Three probabilities, all fitted offline by `scripts/fit-link-confidence.ts` on
 * the linkset data and committed here as constants:
 *
 * - A candidate's own **probability** of being the issue the PR works on: a small logistic
 *   model over features that mean the same thing in any project (how much of the PR's own
 *   weight the issue matched, how much of the summary the PR says, how alike the title
 *   and the summary are worded, the margin over the best other candidate, how many signals
 *   agree). The candidates of one PR exclude each other, so their probabilities are scaled
 *   down to sum to at most 1.
 * - The top candidate's **link probability**: its own probability recalibrated by how far its
 *   score stands out of the best STANDOUT_POOL's (a z-score: a right issue tends to stand out
 *   of the pack, a wrong one to lead a crowd of near-equals; the margin over the runner-up sees
 *   only one of them), and shifted (LINK_SHIFT) so that at 0.8 a link is right at least 95% of
 *   the time even where PRs word things independently of the issue: above 0.8 it errs on the
 *   side of under-confidence. On the linkset it raised XD's auto-link coverage from 31.3% to
 *   33.4% at the same precision (95.2%), ZooKeeper's from 87.7% to 88.7%.
 * - The **list probability**: that the right issue is among the top MAX_SUGGESTIONS candidates,
 *   the list a maintainer scans. It is the sum of their probabilities, recalibrated (Platt).
 *
 * A ranked candidate's `confidence`, which the thresholds compare, is its own probability (the
 * top's: its link probability), or,
 * if larger, the list probability capped at 1/2 (LIST_CAP), for the candidates of that list
 * that are at least MIN_LENT likely on their own when the top is a sure link (SURE_LINK), and for
 * all of them otherwise (an uncertain PR shows its whole list, a sure link no near-zero noise):
 * "worth showing" means the list it is part of probably holds the issue, since being in the
 * list matters more than its order. The cap keeps the meanings apart: a candidate reaches
 * min-confidence (above 1/2) only by its own probability, and any candidate below the top has
 * an own probability of at most 1/2, since it is no likelier than the top and they exclude each
 * other. Hence: `confidence >= min-confidence` → linked, right ≥ 95% of the time;
 * `confidence >= suggest-confidence` (≤ 1/2) → shown, in a list that holds the issue with at
 * least that probability.
 */
import type { Scored } from './rank.js'
import { MAX_SUGGESTIONS } from './thresholds.js'

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
  'top', // 1 for the first candidate
  'coverage', // the idf-weighted share of the summary's words the PR has, 0..1
  'phrase', // pairs of adjacent title words the summary repeats, as a share of 3, 0..1
  'copied', // 1 if the title repeats the summary (rank.ts, copiedSummary)
  'trigram' // letter-trigram cosine of the title and the summary, 0..1 (./trigrams.ts)
] as const

/** Intercept, then one weight per feature. Fitted by scripts/fit-link-confidence.ts. */
export const COEFFICIENTS: readonly number[] = [
  -4.949, 0.643, -0.883, 0.338, 0.661, 1.867, 0.129, 0.162, 0.545, 0.57, 1.47, -0.423, 0.586, 2.131
]

/**
 * The top's link probability: logistic(a + b · logit(its own probability) + c · standout), in
 * this order. Fitted by scripts/fit-link-confidence.ts.
 */
export const TOP_COEFFICIENTS: readonly number[] = [-2.532, 0.859, 0.634]

/** Added to the log-odds of the link probability: the shift that makes 0.8 mean "right ≥ 95%". */
export const LINK_SHIFT = -0.2

/** The candidates whose scores `standout` compares the top's with: those the second stage re-scores. */
export const STANDOUT_POOL = 50

/** Platt scaling of the list probability: a + b · logit(sum of the list's probabilities). */
export const LIST_COEFFICIENTS: readonly [number, number] = [0.403, 0.502]

/** The most the list probability lends a candidate (see the module comment). */
export const LIST_CAP = 0.5

/**
 * Beside a sure link (the top's own probability at least SURE_LINK), a candidate of the list
 * whose own probability is below this is not lent the list's: not worth a line (without it, four
 * unlikely alternatives would stand beside nearly every sure link). When the top is not sure, the
 * whole list is lent it: there the list, not its order, is what helps the maintainer.
 */
export const MIN_LENT = 0.01

/** The own probability at which the top counts as a sure link: the point the shift calibrates. */
export const SURE_LINK = 0.8

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
      i === 0 ? 1 : 0,
      s.coverage,
      s.phrase,
      s.copied ? 1 : 0,
      s.trigram
    ]
  })
}

export function logistic(
  features: readonly number[],
  coefficients: readonly number[] = COEFFICIENTS,
  shift = 0
): number {
  let z = (coefficients[0] ?? 0) + shift
  features.forEach((x, i) => {
    z += x * (coefficients[i + 1] ?? 0)
  })
  return 1 / (1 + Math.exp(-z))
}

/**
 * The candidates' own probabilities, best first: scaled so that those of the list (the first
 * MAX_SUGGESTIONS) sum to at most 1; a candidate sharing one word with the PR is capped at
 * ONE_WORD_CAP.
 */
export function confidenceOf(
  features: readonly ConfidenceFeatures[],
  coefficients: readonly number[] = COEFFICIENTS
): number[] {
  const raw = features.map((f) => capped(f, logistic(f, coefficients)))
  const total = raw.slice(0, MAX_SUGGESTIONS).reduce((a, b) => a + b, 0)
  return total > 1 ? raw.map((p) => p / total) : raw
}

/** The log-odds of a probability, kept finite at 0 and 1. */
export function logOdds(p: number): number {
  return Math.log((p + 1e-4) / (1 - p + 1e-4))
}

/** One shared word is never enough to link, however rare the word. */
function capped(features: ConfidenceFeatures, p: number): number {
  const matched = features[FEATURE_NAMES.indexOf('matchedWords')] ?? 0
  return matched < Math.log(3) ? Math.min(p, ONE_WORD_CAP) : p
}

/**
 * How far the top's score stands out of the best STANDOUT_POOL's: (top − mean) / standard
 * deviation, 0..7 (a z-score; unitless, so it means the same in any project). Issues that share
 * no word with the PR are not scored: they count as scores of 0, so a small pool or a rare
 * vocabulary is not taken for a crowd.
 */
export function standout(scored: readonly Scored[]): number {
  const scores = scored.slice(0, STANDOUT_POOL).map((s) => s.score)
  const top = scores[0]
  if (top === undefined || top <= 0) return 0
  const n = STANDOUT_POOL
  const mean = scores.reduce((sum, x) => sum + x, 0) / n
  const variance = scores.reduce((sum, x) => sum + (x - mean) ** 2, 0) / n
  const sd = Math.sqrt(variance + ((n - scores.length) * mean ** 2) / n)
  return sd > 0 ? Math.min(7, (top - mean) / sd) : 0
}

/**
 * The own probabilities with the top's replaced by its link probability (see the module
 * comment); the ONE_WORD_CAP still holds.
 */
export function withLinkProbability(
  probabilities: readonly number[],
  features: readonly ConfidenceFeatures[],
  standoutOfTop: number,
  coefficients: readonly number[] = TOP_COEFFICIENTS,
  shift = LINK_SHIFT
): number[] {
  const [own, ...rest] = probabilities
  const first = features[0]
  if (own === undefined || first === undefined) return [...probabilities]
  const link = logistic([logOdds(own), standoutOfTop], coefficients, shift)
  return [capped(first, link), ...rest]
}

/** The probability that the right issue is among the list (the first MAX_SUGGESTIONS). */
export function listProbability(
  probabilities: readonly number[],
  coefficients: readonly [number, number] = LIST_COEFFICIENTS
): number {
  if (probabilities.length === 0) return 0
  const sum = Math.min(
    0.999,
    probabilities.slice(0, MAX_SUGGESTIONS).reduce((a, b) => a + b, 0)
  )
  const z = coefficients[0] + coefficients[1] * logOdds(sum)
  return 1 / (1 + Math.exp(-z))
}

/**
 * What the thresholds compare, per candidate (see the module comment): the own probability,
 * raised for the list's candidates to the list probability capped at LIST_CAP (beside a sure
 * link, only for those at least MIN_LENT likely); below the top, the own probability is capped at
 * LIST_CAP too, so only the top can be linked.
 */
export function decisionConfidence(probabilities: readonly number[], list: number): number[] {
  const lent = Math.min(LIST_CAP, list)
  const floor = (probabilities[0] ?? 0) >= SURE_LINK ? MIN_LENT : 0
  return probabilities.map((p, i) => {
    const own = i === 0 ? p : Math.min(LIST_CAP, p)
    return i < MAX_SUGGESTIONS && p >= floor ? Math.max(own, lent) : own
  })
}

/** The fitted constants of this module, as scripts/fit-link-confidence.ts fits them. */
export interface ConfidenceModel {
  coefficients: readonly number[]
  list: readonly [number, number]
  top: readonly number[]
  shift: number
}

export const SHIPPED_MODEL: ConfidenceModel = {
  coefficients: COEFFICIENTS,
  list: LIST_COEFFICIENTS,
  top: TOP_COEFFICIENTS,
  shift: LINK_SHIFT
}

/**
 * One PR's candidates, best first, under a model: their probabilities (the top's is its link
 * probability), the list probability, and the confidences the thresholds compare.
 */
export function assess(
  features: readonly ConfidenceFeatures[],
  standoutOfTop: number,
  model: ConfidenceModel = SHIPPED_MODEL
): { probabilities: number[]; list: number; confidences: number[] } {
  const own = confidenceOf(features, model.coefficients)
  const list = listProbability(own, model.list)
  const probabilities = withLinkProbability(own, features, standoutOfTop, model.top, model.shift)
  return { probabilities, list, confidences: decisionConfidence(probabilities, list) }
}
