// How guessable a password is, estimated by zxcvbn-ts (common and breached-style passwords,
// dictionary words, keyboard walks, repeats, sequences, dates, l33t): a length rule alone lets
// "password123" and "1234567890" through.
import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";

/** zxcvbn's scale: 0 too guessable ... 4 very unguessable. 3 resists an offline attack on a slow hash. */
export const MIN_PASSWORD_SCORE = 3;
/** Only the start is estimated: the estimate's cost grows with length, and a longer password is no weaker. */
const ESTIMATED_LENGTH = 100;

let estimator: Promise<ZxcvbnFactory> | undefined;

/** Loaded on first use (or by warmPasswordEstimator when the server starts): a few MB only sign-up needs. */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
      // Levenshtein matching against every dictionary costs up to seconds per password.
      useLevenshteinDistance: false,
    });
  })();
  return estimator;
}

/**
 * Builds the estimator and runs it once. Its first check ranks the dictionaries, about 0.6 s
 * of one synchronous block on the event loop: done before the server listens, the first
 * sign-up does not stall every request in flight.
 */
export async function warmPasswordEstimator(): Promise<void> {
  (await loadEstimator()).check("warm up the estimator");
}

export interface PasswordStrength {
  score: ZxcvbnResult["score"];
  /** zxcvbn's advice, in English: what makes it weak and what would help. */
  warning: string | null;
  suggestions: string[];
}

/** `userInputs` (email, name) count as known words: a password made of them is guessable. */
export async function estimatePassword(password: string, userInputs: string[] = []): Promise<PasswordStrength> {
  const result = (await loadEstimator()).check(password.slice(0, ESTIMATED_LENGTH), userInputs);
  return { score: result.score, warning: result.feedback.warning || null, suggestions: result.feedback.suggestions };
}
