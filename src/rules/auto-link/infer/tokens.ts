/**
 * Words of PR and issue text as the ranker compares them: identifiers split (camelCase,
 * snake_case, kebab-case, dotted names, paths), lower-cased, stop words dropped, stemmed
 * (Porter, from `stemmer`). A compound identifier also stays whole (`commitLogCount` gives
 * `commit`, `log`, `count` and `commitlogcount`), since a rare identifier names a thing exactly;
 * so does a version (`2.3.2`).
 */
import { stemmer } from 'stemmer'
import { eng as englishStopWords } from 'stopword'

/** A word as the index sees it (its stem) and as a person wrote it, for "the words that matched". */
export interface Token {
  stem: string
  surface: string
}

/**
 * Words of PR titles, templates and commit logs that say nothing about which issue a PR works
 * on: verbs of change, template headings, trailers, hosting words.
 */
export const CODE_STOP_WORDS: readonly string[] = [
  'fix fixes fixed fixing update updates updated updating add adds added adding change',
  'changes changed make makes use uses using pr prs pull patch issue issues jira ticket bug',
  'feature minor small typo wip todo tbd refactor cleanup clean improve improvement',
  'improvements support merge merged branch master main commit commits rebase rebased',
  'review reviews comment comments please thanks description motivation context summary',
  'checklist tested testing type types related proposed what why how done n/a na none yes',
  'no signed off co authored cherry picked closes close resolves resolve refs see http',
  'https www com org github bump bumps version versions dependabot x e g eg ie etc also now',
  'new instead via get set'
]
  .join(' ')
  .split(' ')

/** Path segments every repository has: they say where code lives, not what it is about. */
export const PATH_STOP_WORDS: readonly string[] = [
  'src main test tests java kotlin scala resources lib libs pkg internal index org com net',
  'io apache impl util utils common core js ts tsx jsx py go rs rb c h cc cpp hpp cs md txt',
  'xml json yml yaml properties gradle html css sh cmd bat conf cfg ini mod sum lock dist',
  'build docs doc spec specs fixtures fixture mock mocks it unit e2e github workflows'
]
  .join(' ')
  .split(' ')

const STOP = new Set<string>([...englishStopWords, ...CODE_STOP_WORDS])
const PATH_STOP = new Set<string>([...STOP, ...PATH_STOP_WORDS])

/**
 * Splits one identifier into its words: `parseHTTPResponse2xx` → parse, HTTP, Response, 2xx;
 * `snake_case`, `kebab-case`, `dotted.name` and `a/path` at their separators.
 */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((part) =>
      part
        .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
        .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
        .replace(/(\p{L})(\p{N}+)$/u, '$1 $2')
        .split(' ')
    )
    .filter((word) => word.length > 0)
}

const STEMS = new Map<string, string>()

/** The stem of a lower-case word (memoised: a pool repeats its words). */
export function stem(word: string): string {
  let stemmed = STEMS.get(word)
  if (stemmed === undefined) {
    stemmed = word.length > 2 ? stemmer(word) : word
    if (STEMS.size > 200_000) STEMS.clear()
    STEMS.set(word, stemmed)
  }
  return stemmed
}

/** Lower case, accents dropped. */
export function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

function keep(word: string, stop: ReadonlySet<string>): boolean {
  if (word.length < 2 || word.length > 40 || stop.has(word)) return false
  return !/^\d+$/.test(word) // numbers, and the pieces of versions (4.17.21)
}

/** Tokens of free text (titles, bodies, commits, summaries, descriptions). */
export function tokenize(text: string, forPaths = false): Token[] {
  const stop = forPaths ? PATH_STOP : STOP
  const tokens: Token[] = []
  const chunks = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .match(/[\p{L}\p{N}_][\p{L}\p{N}_.\-/$]*/gu)
  for (const chunk of chunks ?? []) {
    // A version (`2.3.2`, `v4.17.21`) stays whole: it names a release exactly.
    const version = /^v?(\d+(?:\.\d+){1,3})[.-]?$/i.exec(chunk)?.[1]
    if (version) {
      tokens.push({ stem: version, surface: version })
      continue
    }
    for (const part of chunk.split(/[.\-/$]+/)) {
      if (/^(?=.*\d)[0-9a-f]{7,}$/i.test(part)) continue // a commit hash
      const words = splitIdentifier(part)
      for (const word of words) {
        const folded = fold(word)
        if (keep(folded, stop)) tokens.push({ stem: stem(folded), surface: word })
      }
      // A camelCase or snake_case identifier stays whole too (`commitLogCount`, `sync_limit`).
      const whole = fold(words.join(''))
      if (words.length > 1 && keep(whole, stop) && /\p{L}/u.test(whole)) {
        tokens.push({ stem: whole, surface: part })
      }
    }
  }
  return tokens
}

/**
 * Tokens of a changed path: the file's name, split like an identifier and whole
 * (`src/server/SyncRequestProcessor.java` → sync, request, processor, syncrequestprocessor).
 * Folder names were tried too: in real repositories they name modules many issues share, and
 * made the ranking worse.
 */
export function tokenizePath(path: string): Token[] {
  const name = path.split('/').pop() ?? ''
  return tokenize(name.replace(/\.[A-Za-z0-9]{1,6}$/, ''), true)
}
