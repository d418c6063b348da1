/** Key-less auto-linking: rank Jira issues against a PR, with calibrated confidence. */
export { buildIndex, rank, rankCandidates, type CandidateIndex, type RankOptions } from './rank.js'
export { splitIdentifier, tokenize, tokenizePath } from './tokens.js'
export type { Candidate, PrText, Ranked } from './types.js'
