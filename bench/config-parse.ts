/**
 * How long the config file takes to read as it grows toward the 512 KiB limit: `users` tables of
 * growing size (the part of a config that grows). Reading time should grow with the size, not
 * its square (yaml's own duplicate-key check, which the loader replaces, is quadratic).
 */
import { parseConfigText } from '../src/config/index.js'

export interface ConfigParseFigure {
  entries: number
  bytes: number
  ms: number
}

const SIZES = [2_750, 5_500, 11_000]

function usersConfig(entries: number): string {
  const rows = ['rules:', '  suggest-reviewers:', '    users:']
  for (let i = 0; i < entries; i++) rows.push(`      person${i}@example.com: login${i}`)
  return `${rows.join('\n')}\n`
}

/** Median of `runs` reads per size, after one read to warm up. */
export function configParse(runs = 3): ConfigParseFigure[] {
  parseConfigText(usersConfig(SIZES[0] ?? 1), 'warm-up.yml')
  return SIZES.map((entries) => {
    const text = usersConfig(entries)
    const times = Array.from({ length: runs }, () => {
      const start = performance.now()
      parseConfigText(text, '.github/gitar-jira.yml')
      return performance.now() - start
    }).sort((a, b) => a - b)
    const ms = times[Math.floor(times.length / 2)] ?? 0
    return { entries, bytes: Buffer.byteLength(text), ms: Math.round(ms) }
  })
}
