/**
 * `npm run eval:link -- <dir> [--json] [--min-confidence X] [--suggest-confidence Y]`: ranks every
 * PR of a linkset folder against its pool and prints, per project, what key-less auto-linking
 * would do at the shipped thresholds (or the ones given):
 * top-1, recall@5, the coverage and precision of auto-links (confidence >= min-confidence),
 * the share of records whose right issue is among the suggestions (confidence >=
 * suggest-confidence, at most 5) and the ranking time per PR.
 */
import { performance } from 'node:perf_hooks'

await import(new URL('./ts-resolve.ts', import.meta.url).href)
const { commandLine, refuse } = await import('./cli.js')
const { loadProjects } = await import('./linkset.js')
const { buildIndex, rank } = await import('../src/rules/auto-link/infer/index.js')
const { MAX_SUGGESTIONS } = await import('../src/rules/auto-link/infer/thresholds.js')
const { defaultSettings } = await import('../src/config/defaults.js')
const defaults = defaultSettings().rules.autoLink

interface Figures {
  records: number
  top1: number
  recall5: number
  autoCoverage: number
  autoPrecision: number
  suggestRecall: number
  msPerPr: number
}

const USAGE =
  'usage: npm run eval:link -- <dir> [--json] [--min-confidence <0..1>] [--suggest-confidence <0..1>]'

function usage(problem?: string): never {
  return refuse(USAGE, problem)
}

const { values, positionals } = commandLine(USAGE, {
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    'min-confidence': { type: 'string' },
    'suggest-confidence': { type: 'string' }
  }
})

/** A threshold given on the command line, else the shipped default. */
function threshold(given: string | undefined, name: string, shipped: number): number {
  if (given === undefined) return shipped
  const value = Number(given)
  if (given.trim() === '' || !(value >= 0 && value <= 1)) {
    usage(`--${name} must be a number from 0 to 1, not "${given}"`)
  }
  return value
}

const json = values.json
const dir = positionals[0]
if (!dir) usage()
const MIN_CONFIDENCE = threshold(values['min-confidence'], 'min-confidence', defaults.minConfidence)
const SUGGEST_CONFIDENCE = threshold(
  values['suggest-confidence'],
  'suggest-confidence',
  defaults.suggestConfidence
)

const projects: Record<string, Figures> = {}
/** Ranking time against a pool of 10,000: the project's pool repeated under other keys. */
const large: Record<string, number> = {}
for (const project of loadProjects(dir)) {
  const copies = Array.from(
    { length: Math.ceil(10_000 / Math.max(1, project.candidates.length)) },
    (_, i) => project.candidates.map((c) => ({ ...c, key: `${c.key}~${i}` }))
  )
  const bigIndex = buildIndex(copies.flat().slice(0, 10_000))
  const sample = project.records.slice(0, 200)
  const bigStarted = performance.now()
  for (const record of sample) rank(bigIndex, record.pr, { limit: MAX_SUGGESTIONS })
  large[project.name] = (performance.now() - bigStarted) / Math.max(1, sample.length)

  const index = buildIndex(project.candidates)
  let top1 = 0
  let recall5 = 0
  let auto = 0
  let autoRight = 0
  let suggested = 0
  let ms = 0
  for (const record of project.records) {
    const started = performance.now()
    const ranked = rank(index, record.pr, { limit: MAX_SUGGESTIONS })
    ms += performance.now() - started
    const right = (key: string | undefined) => key !== undefined && record.keys.includes(key)
    if (right(ranked[0]?.key)) top1++
    if (ranked.slice(0, 5).some((r) => right(r.key))) recall5++
    if ((ranked[0]?.confidence ?? 0) >= MIN_CONFIDENCE) {
      auto++
      if (right(ranked[0]?.key)) autoRight++
    }
    const suggestions = ranked
      .filter((r) => r.confidence >= SUGGEST_CONFIDENCE)
      .slice(0, MAX_SUGGESTIONS)
    if (suggestions.some((r) => right(r.key))) suggested++
  }
  const n = project.records.length
  projects[project.name] = {
    records: n,
    top1: top1 / n,
    recall5: recall5 / n,
    autoCoverage: auto / n,
    autoPrecision: auto > 0 ? autoRight / auto : 1,
    suggestRecall: suggested / n,
    msPerPr: ms / n
  }
}

if (json) {
  console.log(JSON.stringify({ projects }))
} else {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`
  console.log(
    `min-confidence ${MIN_CONFIDENCE}, suggest-confidence ${SUGGEST_CONFIDENCE} (at most ${MAX_SUGGESTIONS} suggestions)`
  )
  for (const [name, f] of Object.entries(projects)) {
    console.log(
      [
        `${name}: ${f.records} records`,
        `  top-1 ${pct(f.top1)}, recall@5 ${pct(f.recall5)}`,
        `  auto-links: coverage ${pct(f.autoCoverage)}, precision ${pct(f.autoPrecision)}`,
        `  right issue among suggestions (or auto-linked): ${pct(f.suggestRecall)}`,
        `  ${f.msPerPr.toFixed(2)} ms per PR (${(large[name] ?? 0).toFixed(2)} ms against 10,000 candidates)`
      ].join('\n')
    )
  }
}
