/** The candidate closest to a misspelt word, if one is close enough to be worth suggesting. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  // `minConfidence`, `min_confidence` and `Min-Confidence` all mean `min-confidence`.
  const normalize = (text: string): string => text.toLowerCase().replace(/[-_\s]/g, '')
  const target = normalize(word)
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(target, normalize(candidate))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= Math.max(1, Math.floor(target.length / 3)) ? best : undefined
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
