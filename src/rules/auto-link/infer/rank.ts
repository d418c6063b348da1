/**
 * The ranker: a BM25F index of the candidate issues (summary, description, components, labels)
 * built once per pool, and a scorer for one PR at a time. Signals:
 * - text: the PR's title, branch, body and commits against the issue's fields (BM25F);
 * - paths: the words of the changed files' names against the same fields, a separate query;
 * - history: the changed paths against the paths of earlier PRs linked to the issue;
 * - people: the PR's author is the issue's assignee (or reporter);
 * - time: issues done, fixed in a release before the PR was opened, or created well after it,
 *   step back; recently touched issues step forward a little;
 * - second stage, over the best `rerank` of those: how much of the issue's summary the PR says
 *   (idf-weighted, the match read from the issue's side, which BM25 does not) and the title's
 *   pairs of adjacent words the summary repeats. Measured on the linkset: top-1 XD 55.4% → 57.6%,
 *   ZOOKEEPER 92.6% → 93.6%. Then how alike the title and the summary are letter by letter
 *   (./trigrams.ts): XD 58.9% → 60.2%, ZOOKEEPER 93.8% → 94.0%. Then how much of the
 *   description's rarest words the PR has (the summary's coverage, for what makes a description
 *   specific), and how the candidate ranks by each part of the PR alone (the whole, the title,
 *   the body and commits, the paths: reciprocal-rank fusion, k = 60), since a right issue tends
 *   to lead several of them: after refitting the confidence, XD's auto-link coverage 33.4% →
 *   35.6% at precision 95.1% (5-fold cross-validated 32.0% → 34.2%), recall@5 75.9% → 76.5%,
 *   top-1 60.2% → 59.8%; ZOOKEEPER's coverage 88.7% → 88.9%. Alone, neither did much
 *   (33.7% with the description's coverage only, 33.1% with the fusion only).
 *   (Scoring the description's best passage instead, or beside it, was tried: it lost top-1.)
 * Confidence comes from ./confidence.ts. Pure: no I/O, no clock (the PR's date is "now").
 */
import { assess, confidenceFeatures, standout } from './confidence.js'
import { MAX_SUGGESTIONS } from './thresholds.js'
import { fold, stem, tokenize, tokenizePath, type Token } from './tokens.js'
import { trigramCosine, trigramsOf, type Trigrams } from './trigrams.js'
import type { Candidate, PrText, Ranked } from './types.js'

type DocField = 'summary' | 'description' | 'components' | 'labels'
const FIELD_NAMES: readonly DocField[] = ['summary', 'description', 'components', 'labels']

/** The ranker's weights; the defaults are what `npm run eval:link` measures. */
export interface Weights {
  /** BM25 saturation. */
  k1: number
  /** Issue fields: weight and length normalisation (b). */
  summary: number
  summaryB: number
  description: number
  descriptionB: number
  components: number
  labels: number
  /** PR fields: the weight of a word found there. */
  title: number
  branch: number
  body: number
  commits: number
  /** The changed paths' words, relative to the text query. */
  paths: number
  /** Bonuses, as shares of the PR's self-score. */
  author: number
  history: number
  /**
   * Multipliers of the score: issue done; fixed in a release before the PR; created more than
   * CREATED_AFTER_GRACE after the PR was opened (rerun on an old PR: when the PR was opened the
   * issue did not exist); touched lately.
   */
  done: number
  fixedBefore: number
  createdAfter: number
  recent: number
  /**
   * Second stage, multipliers of the score: 1 + coverage × (the idf-weighted share of the
   * summary's words the PR has) + phrase × (title word pairs the summary repeats, as a share of 3)
   * + trigram × (the letter-trigram cosine of the title and the summary, see ./trigrams.ts).
   */
  coverage: number
  phrase: number
  trigram: number
  /**
   * Second stage, a multiplier 1 + descriptionCoverage × (the idf-weighted share of the
   * description's DESCRIPTION_WORDS rarest words the PR has): what the summary's coverage is for
   * the summary, for the words that make the description specific.
   */
  descriptionCoverage: number
  /**
   * Second stage, a multiplier 1 + fusion × (reciprocal-rank fusion of the candidate's ranks by
   * the whole PR, by its title, by its body and commits and by its paths, 1 when first in all).
   */
  fusion: number
  /** Reciprocal-rank fusion's k: a rank r counts (k + 1) / (k + r). */
  fusionK: number
  /** Multiplier 1 + copied for the one issue whose summary the title repeats (see copiedSummary). */
  copied: number
  /** How many first-stage candidates the second stage re-scores. */
  rerank: number
}

export const DEFAULT_WEIGHTS: Readonly<Weights> = {
  k1: 2,
  summary: 5,
  summaryB: 0.5,
  description: 0.9,
  descriptionB: 0.75,
  components: 2,
  labels: 2,
  title: 1.5,
  branch: 0.7,
  body: 0.5,
  commits: 0.45,
  paths: 0.3,
  author: 0.12,
  history: 0.1,
  done: 0.6,
  fixedBefore: 0.25,
  createdAfter: 0.25,
  recent: 1.05,
  coverage: 0.7,
  phrase: 0.2,
  trigram: 1,
  descriptionCoverage: 0.7,
  fusion: 1,
  fusionK: 60,
  copied: 1,
  rerank: 50
}

export interface RankOptions {
  /** How many candidates to return at most (best first). Default 10. */
  limit?: number
  /** Overrides of DEFAULT_WEIGHTS (for tuning; the defaults are the measured ones). */
  weights?: Partial<Weights>
}

/** How many of the description's words (the rarest) its coverage counts. */
const DESCRIPTION_WORDS = 10

const DAY = 86_400_000
/** A fix version released more than this before the PR was opened: fixed before. */
const FIXED_BEFORE_GRACE = 7 * DAY
/** An issue created more than this after the PR was opened: created after it. */
const CREATED_AFTER_GRACE = 7 * DAY

interface Posting {
  idf: number
  docs: Int32Array
  /** BM25F saturation of the term in each doc, 0..1. */
  weights: Float32Array
}

/** The candidate pool, indexed: build once, rank many PRs against it. */
export interface CandidateIndex {
  readonly candidates: readonly Candidate[]
  readonly postings: ReadonlyMap<string, Posting>
  /** IDF of a word no candidate has. */
  readonly unseenIdf: number
  /** The weights the index was built with (the PR side may override its own at rank time). */
  readonly weights: Readonly<Weights>
  /** Saturation of one occurrence in an average summary: what a perfect match scores. */
  readonly ideal: number
  readonly people: readonly (readonly string[])[]
  readonly history: readonly (ReadonlySet<string> | undefined)[]
  readonly fixedAt: readonly number[]
  readonly createdAt: readonly number[]
  readonly updatedAt: readonly number[]
  readonly done: readonly boolean[]
  /** Each summary's words (stems) in order. */
  readonly summaries: readonly (readonly string[])[]
  /** Each description's DESCRIPTION_WORDS rarest words (stems), with their idf. */
  readonly distinctive: readonly (readonly { term: string; idf: number }[])[]
  /** The docs of each summary as a phrase (see phraseOf), for copiedSummary. */
  readonly phrases: Readonly<PhraseIndex>
}

export function buildIndex(
  candidates: readonly Candidate[],
  options: RankOptions = {}
): CandidateIndex {
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...options.weights }
  const { k1 } = weights
  const fieldWeights: Record<DocField, { weight: number; b: number }> = {
    summary: { weight: weights.summary, b: weights.summaryB },
    description: { weight: weights.description, b: weights.descriptionB },
    components: { weight: weights.components, b: 0 },
    labels: { weight: weights.labels, b: 0 }
  }
  const docs = candidates.map((c) => ({
    summary: tokenize(c.summary),
    description: tokenize(c.description ?? ''),
    components: c.components.flatMap((x) => tokenize(x)),
    labels: c.labels.flatMap((x) => tokenize(x))
  }))
  const average = Object.fromEntries(
    FIELD_NAMES.map((f) => [
      f,
      Math.max(1, docs.reduce((sum, d) => sum + d[f].length, 0) / Math.max(1, docs.length))
    ])
  ) as Record<DocField, number>

  const lists = new Map<string, { docs: number[]; weights: number[] }>()
  docs.forEach((fields, id) => {
    const pseudo = new Map<string, number>()
    for (const f of FIELD_NAMES) {
      const { weight, b } = fieldWeights[f]
      const norm = 1 - b + (b * fields[f].length) / average[f]
      for (const token of fields[f]) {
        pseudo.set(token.stem, (pseudo.get(token.stem) ?? 0) + weight / norm)
      }
    }
    for (const [term, tf] of pseudo) {
      let list = lists.get(term)
      if (!list) lists.set(term, (list = { docs: [], weights: [] }))
      list.docs.push(id)
      list.weights.push(tf / (k1 + tf))
    }
  })
  const n = candidates.length
  const postings = new Map<string, Posting>()
  for (const [term, list] of lists) {
    postings.set(term, {
      idf: Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5)),
      docs: Int32Array.from(list.docs),
      weights: Float32Array.from(list.weights)
    })
  }
  const one = weights.summary
  return {
    candidates,
    postings,
    unseenIdf: Math.log(1 + (n + 0.5) / 0.5),
    weights,
    ideal: one / (k1 + one),
    people: candidates.map((c) =>
      [c.assigneeId, c.assigneeName].filter((x): x is string => !!x).map(person)
    ),
    history: candidates.map((c) =>
      c.linkedPaths && c.linkedPaths.length > 0
        ? new Set(c.linkedPaths.flatMap(pathKeys))
        : undefined
    ),
    fixedAt: candidates.map((c) => {
      const dates = (c.fixVersionDates ?? []).map(Date.parse).filter(Number.isFinite)
      return dates.length > 0 ? Math.min(...dates) : NaN
    }),
    createdAt: candidates.map((c) => Date.parse(c.created ?? '')),
    updatedAt: candidates.map((c) => Date.parse(c.updated ?? '')),
    done: candidates.map((c) => (c.statusCategory ?? '').toLowerCase() === 'done'),
    summaries: docs.map((d) => d.summary.map((t) => t.stem)),
    distinctive: docs.map((d) =>
      [...new Set(d.description.map((t) => t.stem))]
        .map((term) => ({ term, idf: postings.get(term)?.idf ?? 0 }))
        .sort((a, b) => b.idf - a.idf || (a.term < b.term ? -1 : 1))
        .slice(0, DESCRIPTION_WORDS)
    ),
    phrases: phraseIndex(candidates)
  }
}

/**
 * Text as a phrase: its words lower-cased and stemmed (`Upgrading` is `Upgrade`), punctuation
 * dropped, versions whole (`2.9.10.1` is not `2.9.10`). Stop words stay: "Add X" and "Remove X"
 * are different issues.
 */
export function phraseOf(text: string): string[] {
  return (fold(text).match(/\p{N}+(?:\.\p{N}+)+|[\p{L}\p{N}]+/gu) ?? []).map(stem)
}

/** Summaries as phrases: whole, and their long runs of words (see copiedSummary). */
interface PhraseIndex {
  whole: Map<string, number[]>
  runs: Map<string, number[]>
}

/** A run of words counts as the other text if it is this many words and share of it, at least. */
const COPIED_MIN_WORDS = 3
const COPIED_MIN_SHARE = 2 / 3

/** The lengths of the runs of an n-word text that count as it (shorter than n). */
function runLengths(n: number): number[] {
  const lengths: number[] = []
  for (let length = n - 1; length >= Math.max(COPIED_MIN_WORDS, COPIED_MIN_SHARE * n); length--) {
    lengths.push(length)
  }
  return lengths
}

function push(map: Map<string, number[]>, key: string, doc: number): void {
  const docs = map.get(key)
  if (!docs) map.set(key, [doc])
  else if (docs[docs.length - 1] !== doc) docs.push(doc)
}

function phraseIndex(candidates: readonly Candidate[]): PhraseIndex {
  const index: PhraseIndex = { whole: new Map(), runs: new Map() }
  candidates.forEach((c, doc) => {
    const words = phraseOf(c.summary)
    if (words.length === 0) return
    push(index.whole, words.join(' '), doc)
    for (const length of runLengths(words.length)) {
      for (let at = 0; at + length <= words.length; at++) {
        push(index.runs, words.slice(at, at + length).join(' '), doc)
      }
    }
  })
  return index
}

/**
 * The one issue whose summary the PR's title repeats: word for word, or as most of it (either
 * text is a run of at least COPIED_MIN_WORDS words and COPIED_MIN_SHARE of the other: `zkperl:
 * Add SASL support to Perl client`). The case bags of words miss: a key forgotten and the summary
 * copied, beside an issue whose summary differs by one word ("Upgrade jUnit in Recipes" / "… in
 * server"). On the linkset 14% (XD) and 61% (ZOOKEEPER) of the titles do, and name their issue
 * 96.8% and 100% of the time. Two issues that fit equally well: neither.
 */
function copiedSummary(index: CandidateIndex, title: string): number | undefined {
  const words = phraseOf(title)
  const unique = (docs: readonly number[]) => (docs.length === 1 ? docs[0] : undefined)
  const whole = index.phrases.whole.get(words.join(' '))
  if (whole) return unique(whole)
  const docs = new Set(index.phrases.runs.get(words.join(' ')) ?? [])
  for (const length of runLengths(words.length)) {
    for (let at = 0; at + length <= words.length; at++) {
      for (const doc of index.phrases.whole.get(words.slice(at, at + length).join(' ')) ?? []) {
        docs.add(doc)
      }
    }
    if (docs.size > 0) break
  }
  return unique([...docs])
}

/** A person's name or id, compared without case and accents. */
function person(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * A changed path as history compares it: the file itself. (Folders were tried: in the linkset
 * data, sharing a folder with an issue's earlier PR says little about the issue.)
 */
function pathKeys(path: string): string[] {
  return [path]
}

/** The PR as a weighted bag of words per signal. */
interface Query {
  text: Map<string, number>
  title: Set<string>
  paths: Map<string, number>
  surface: Map<string, string>
  /** The body's and commits' share of `text`: a ranking of its own for the fusion. */
  rest: Map<string, number>
  pathKeys: Set<string>
  people: string[]
  at: number
  /** The title's and branch's words in order, as pairs `a b`. */
  pairs: Set<string>
  titleTrigrams: Trigrams
}

function addField(
  query: Query,
  tokens: Token[],
  weight: number,
  isTitle: boolean,
  also?: Map<string, number>
): void {
  const counts = new Map<string, number>()
  for (const token of tokens) {
    counts.set(token.stem, (counts.get(token.stem) ?? 0) + 1)
    if (!query.surface.has(token.stem)) query.surface.set(token.stem, token.surface)
    if (isTitle) query.title.add(token.stem)
  }
  for (const [term, tf] of counts) {
    const w = weight * (1 + Math.log(tf))
    query.text.set(term, (query.text.get(term) ?? 0) + w)
    also?.set(term, (also.get(term) ?? 0) + w)
  }
}

/** Lines of the commits that the title or body already says, dropped: a PR says them once. */
function commitText(pr: PrText): string {
  const seen = new Set(
    [pr.title, ...(pr.body ?? '').split('\n')].map((l) => l.trim().toLowerCase()).filter(Boolean)
  )
  const lines: string[] = []
  for (const message of pr.commits) {
    for (const line of message.split('\n')) {
      const key = line.trim().toLowerCase()
      if (key && !seen.has(key) && !/^[\w-]+-by:|^co-authored-by:/i.test(key)) {
        seen.add(key)
        lines.push(line)
      }
    }
  }
  return lines.join('\n')
}

function buildQuery(pr: PrText, weights: Weights): Query {
  const query: Query = {
    text: new Map(),
    title: new Set(),
    paths: new Map(),
    surface: new Map(),
    rest: new Map(),
    pathKeys: new Set((pr.files ?? []).flatMap(pathKeys)),
    people: [pr.author?.jiraId, pr.author?.name, pr.author?.login]
      .filter((x): x is string => !!x)
      .map(person),
    at: Date.parse(pr.date ?? ''),
    pairs: new Set(
      [pr.title ?? '', pr.branch ?? ''].flatMap((t) => pairsOf(tokenize(t).map((x) => x.stem)))
    ),
    titleTrigrams: trigramsOf(pr.title ?? '')
  }
  addField(query, tokenize(pr.title ?? ''), weights.title, true)
  addField(query, tokenize(pr.branch ?? ''), weights.branch, true)
  addField(query, tokenize((pr.body ?? '').slice(0, 20_000)), weights.body, false, query.rest)
  addField(query, tokenize(commitText(pr).slice(0, 20_000)), weights.commits, false, query.rest)
  const files = pr.files ?? []
  for (const file of files) {
    const tokens = tokenizePath(file)
    for (const token of tokens) {
      if (!query.surface.has(token.stem)) query.surface.set(token.stem, token.surface)
    }
    for (const term of new Set(tokens.map((t) => t.stem))) {
      query.paths.set(term, (query.paths.get(term) ?? 0) + 1 / files.length)
    }
  }
  for (const [term, share] of query.paths) query.paths.set(term, weights.paths * Math.sqrt(share))
  return query
}

function pairsOf(stems: readonly string[]): string[] {
  const pairs: string[] = []
  for (let i = 1; i < stems.length; i++) pairs.push(`${stems[i - 1]} ${stems[i]}`)
  return pairs
}

/**
 * Second stage: how much of the summary the PR says, the title's phrases it repeats, and how
 * alike the title and the summary are worded.
 */
function summaryMatch(
  index: CandidateIndex,
  query: Query,
  doc: number
): { coverage: number; phrase: number; trigram: number } {
  const summary = index.summaries[doc] ?? []
  let total = 0
  let found = 0
  for (const term of new Set(summary)) {
    const idf = index.postings.get(term)?.idf ?? 0
    total += idf
    if (query.text.has(term) || query.paths.has(term)) found += idf
  }
  let phrase = 0
  for (const pair of new Set(pairsOf(summary))) if (query.pairs.has(pair)) phrase++
  return {
    coverage: total > 0 ? found / total : 0,
    phrase: Math.min(1, phrase / 3),
    trigram: trigramCosine(query.titleTrigrams, trigramsOf(index.candidates[doc]?.summary ?? ''))
  }
}

/** The idf-weighted share of the description's rarest words (index.distinctive) the PR has. */
function descriptionCoverage(index: CandidateIndex, query: Query, doc: number): number {
  let total = 0
  let found = 0
  for (const { term, idf } of index.distinctive[doc] ?? []) {
    total += idf
    if (query.text.has(term) || query.paths.has(term)) found += idf
  }
  return total > 0 ? found / total : 0
}

/**
 * Reciprocal-rank fusion of the head's ranks by several rankings of all the scored candidates
 * (each a score per doc): the mean over the rankings of (k + 1) / (k + rank), 1 for a candidate
 * first in all; a ranking that does not score the candidate adds 0.
 */
function fusionOf(
  rankings: readonly Float64Array[],
  all: readonly Scored[],
  head: readonly Scored[],
  k: number
): number[] {
  const fused = new Array<number>(head.length).fill(0)
  for (const ranking of rankings) {
    const sorted = Float64Array.from(all, (s) => ranking[s.doc] as number).sort()
    head.forEach((s, i) => {
      const value = ranking[s.doc] as number
      if (value <= 0) return
      // Candidates scoring higher: those after the last index holding a value <= this one.
      let lo = 0
      let hi = sorted.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((sorted[mid] as number) <= value) lo = mid + 1
        else hi = mid
      }
      const rank = sorted.length - lo + 1
      fused[i] = (fused[i] as number) + (k + 1) / (k + rank) / rankings.length
    })
  }
  return fused
}

/** One candidate's score, split by signal (for confidence and tests). */
export interface Scored {
  doc: number
  score: number
  /** The title's and branch's words that matched, as a share of their self-score. */
  title: number
  text: number
  paths: number
  author: boolean
  history: number
  /** How many distinct words of the PR's text the issue has. */
  words: number
  /** The idf-weighted share of the summary's words the PR has (second stage; else 0). */
  coverage: number
  /** Pairs of adjacent title words the summary repeats, as a share of 3 (second stage; else 0). */
  phrase: number
  /** Letter-trigram cosine of the title and the summary, 0..1 (second stage; else 0). */
  trigram: number
  /** The idf-weighted share of the description's rarest words the PR has (second stage; else 0). */
  descriptionCoverage: number
  /** Reciprocal-rank fusion of the rankings by the PR's parts, 0..1 (second stage; else 0). */
  fusion: number
  /** The title repeats the summary (see copiedSummary). */
  copied: boolean
}

function accumulate(
  index: CandidateIndex,
  terms: Map<string, number>,
  into: Float64Array,
  touched: number[],
  counts?: Uint16Array
): void {
  for (const [term, weight] of terms) {
    const posting = index.postings.get(term)
    if (!posting) continue
    const w = weight * posting.idf
    const { docs, weights } = posting
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as number
      if (into[doc] === 0) touched.push(doc)
      into[doc] = (into[doc] as number) + w * (weights[i] as number)
      if (counts) counts[doc] = (counts[doc] as number) + 1
    }
  }
}

/** The score of an ideal issue for this PR: every word of the PR once in its summary. */
export function selfScore(index: CandidateIndex, terms: Map<string, number>): number {
  let self = 0
  for (const [term, weight] of terms) {
    self += weight * (index.postings.get(term)?.idf ?? index.unseenIdf) * index.ideal
  }
  return self
}

function timeFactor(index: CandidateIndex, weights: Weights, doc: number, at: number): number {
  let factor = index.done[doc] ? weights.done : 1
  const fixed = index.fixedAt[doc] as number
  if (Number.isFinite(at) && Number.isFinite(fixed) && fixed < at - FIXED_BEFORE_GRACE) {
    factor *= weights.fixedBefore
  }
  const created = index.createdAt[doc] as number
  if (Number.isFinite(at) && Number.isFinite(created) && created > at + CREATED_AFTER_GRACE) {
    factor *= weights.createdAfter
  }
  const updated = index.updatedAt[doc] as number
  if (Number.isFinite(at) && Number.isFinite(updated) && Math.abs(at - updated) < 30 * DAY) {
    factor *= weights.recent
  }
  return factor
}

/** Scores every candidate sharing a word with the PR; returns them best first. */
export function scoreAll(
  index: CandidateIndex,
  pr: PrText,
  options: RankOptions = {}
): { query: Query; self: number; scored: Scored[] } {
  const weights: Weights = { ...index.weights, ...options.weights }
  const query = buildQuery(pr, weights)
  const n = index.candidates.length
  const text = new Float64Array(n)
  const paths = new Float64Array(n)
  const touched: number[] = []
  const words = new Uint16Array(n)
  accumulate(index, query.text, text, touched, words)
  accumulate(index, query.paths, paths, touched)
  const titleTerms = new Map([...query.title].map((term) => [term, query.text.get(term) ?? 0]))
  const title = new Float64Array(n)
  accumulate(index, titleTerms, title, [])
  const self = selfScore(index, query.text)
  const titleSelf = selfScore(index, titleTerms)

  const extra = new Set<number>()
  index.history.forEach((h, doc) => {
    if (h) extra.add(doc)
  })
  if (query.people.length > 0) {
    index.people.forEach((p, doc) => {
      if (p.some((x) => query.people.includes(x))) extra.add(doc)
    })
  }
  const copied = copiedSummary(index, pr.title ?? '')
  const docs = new Set([...touched, ...extra])
  const scored: Scored[] = []
  for (const doc of docs) {
    const author =
      query.people.length > 0 && (index.people[doc] ?? []).some((x) => query.people.includes(x))
    const history = historyOverlap(index.history[doc], query.pathKeys)
    const base = (text[doc] as number) + (paths[doc] as number)
    if (base <= 0 && history <= 0) continue
    const bonus = self * ((author ? weights.author : 0) + weights.history * history)
    const score =
      (base + bonus) *
      timeFactor(index, weights, doc, query.at) *
      (doc === copied ? 1 + weights.copied : 1)
    scored.push({
      doc,
      score,
      title: titleSelf > 0 ? (title[doc] as number) / titleSelf : 0,
      text: text[doc] as number,
      paths: paths[doc] as number,
      author,
      history,
      words: words[doc] as number,
      coverage: 0,
      phrase: 0,
      trigram: 0,
      descriptionCoverage: 0,
      fusion: 0,
      copied: doc === copied
    })
  }
  const byScore = (a: Scored, b: Scored) => b.score - a.score || compareKeys(index, a.doc, b.doc)
  scored.sort(byScore)
  const head = scored.slice(0, weights.rerank)
  const whole = new Float64Array(n)
  for (const s of scored) whole[s.doc] = s.score
  const rest = new Float64Array(n)
  accumulate(index, query.rest, rest, [])
  const fused = fusionOf([whole, title, rest, paths], scored, head, weights.fusionK)
  head.forEach((s, i) => {
    const m = summaryMatch(index, query, s.doc)
    s.coverage = m.coverage
    s.phrase = m.phrase
    s.trigram = m.trigram
    s.descriptionCoverage = descriptionCoverage(index, query, s.doc)
    s.fusion = fused[i] as number
    s.score *=
      1 +
      weights.coverage * m.coverage +
      weights.phrase * m.phrase +
      weights.trigram * m.trigram +
      weights.descriptionCoverage * s.descriptionCoverage +
      weights.fusion * s.fusion
  })
  scored.splice(0, head.length, ...head.sort(byScore))
  return { query, self, scored }
}

function compareKeys(index: CandidateIndex, a: number, b: number): number {
  const x = index.candidates[a]?.key ?? ''
  const y = index.candidates[b]?.key ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

/** Share of the PR's files and folders that earlier PRs of the issue touched. */
function historyOverlap(
  history: ReadonlySet<string> | undefined,
  keys: ReadonlySet<string>
): number {
  if (!history || keys.size === 0) return 0
  let shared = 0
  for (const key of keys) if (history.has(key)) shared++
  return shared / keys.size
}

function hasTerm(index: CandidateIndex, term: string, doc: number): boolean {
  const docs = index.postings.get(term)?.docs
  if (!docs) return false
  let lo = 0
  let hi = docs.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const value = docs[mid] as number
    if (value === doc) return true
    if (value < doc) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** Said among the words that matched when the PR changes files the earlier PRs changed. */
export const EARLIER_FILES = 'files of its earlier PRs'

/** The PR's words the issue has, most telling first (at most 7). */
function matchedWords(index: CandidateIndex, query: Query, doc: number): string[] {
  const words = [...new Set([...query.text.keys(), ...query.paths.keys()])]
    .filter((term) => hasTerm(index, term, doc))
    .map((term) => ({ term, idf: index.postings.get(term)?.idf ?? 0 }))
    .sort((a, b) => b.idf - a.idf || (a.term < b.term ? -1 : 1))
  return [...new Set(words.map((w) => query.surface.get(w.term) ?? w.term))].slice(0, 7)
}

/** Ranks the pool for one PR: best first, with calibrated confidence and the words that matched. */
export function rank(index: CandidateIndex, pr: PrText, options: RankOptions = {}): Ranked[] {
  const limit = options.limit ?? 10
  const { query, self, scored } = scoreAll(index, pr, options)
  // The list of MAX_SUGGESTIONS is scored whatever the limit: confidence does not depend on it.
  const head = scored.slice(0, Math.max(limit, MAX_SUGGESTIONS))
  const features = confidenceFeatures(head, self, query.text.size)
  const { probabilities, list, confidences } = assess(features, standout(scored))
  return head.slice(0, limit).map((s, i) => ({
    key: index.candidates[s.doc]?.key ?? '',
    score: round(s.score),
    confidence: round(confidences[i] ?? 0),
    // The files first: the comment shows only the first few.
    matched: [...(s.history > 0 ? [EARLIER_FILES] : []), ...matchedWords(index, query, s.doc)],
    probability: round(probabilities[i] ?? 0),
    ...(i < MAX_SUGGESTIONS ? { listConfidence: round(list) } : {})
  }))
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4
}

/** One-shot form: index the pool and rank it. Prefer buildIndex + rank across PRs. */
export function rankCandidates(
  pr: PrText,
  candidates: readonly Candidate[],
  options: RankOptions = {}
): Ranked[] {
  return rank(buildIndex(candidates, options), pr, options)
}
