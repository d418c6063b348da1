/** At most this many possible matches are listed in the PR comment. */
export const MAX_SUGGESTIONS = 5
