import { trigramCosine, trigramsOf } from '../../../../../src/rules/auto-link/infer/trigrams.js'

const likeness = (a: string, b: string) => trigramCosine(trigramsOf(a), trigramsOf(b))

describe('trigramCosine of trigramsOf', () => {
  test('the same wording is 1, whatever the case, accents and punctuation', () => {
    expect(likeness('Update Java Version to 7', 'update java version to 7')).toBeCloseTo(1)
    expect(likeness('Café: résumé', 'cafe resume!')).toBeCloseTo(1)
  })

  test('nothing in common is 0, and an empty text is like nothing', () => {
    expect(likeness('quorum peer', 'hdfs sink')).toBe(0)
    expect(likeness('', 'hdfs sink')).toBe(0)
    expect(likeness('', '')).toBe(0)
  })

  test('words run together, split apart or misspelt stay alike', () => {
    const unrelated = likeness('stackoverflow in the parser', 'Rabbit sink routing key')
    expect(likeness('stackoverflow in the parser', 'Stack overflow in the parser')).toBeGreaterThan(
      0.5
    )
    expect(likeness('named chanels', 'named channels')).toBeGreaterThan(0.6)
    expect(unrelated).toBeLessThan(0.2)
  })

  test('camelCase identifiers read as their words', () => {
    expect(likeness('JobParameters', 'job parameters')).toBeCloseTo(1)
  })

  test('is symmetric', () => {
    const a = 'Add fixed delay triggers'
    const b = 'Add support for creating fixed delay / fixed rate triggers'
    expect(likeness(a, b)).toBeCloseTo(likeness(b, a), 12)
  })
})
