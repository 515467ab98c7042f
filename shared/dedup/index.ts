/**
 * Finds the same organization listed more than once, across sources, with no labelled data.
 * The Sheets add-on, the aggregation job, Slack alerts, `dcc dedupe` and the benches import this
 * file and nothing else under shared/dedup; keep it stable. Only the engine's own tests
 * (test/shared/dedup) reach into its modules.
 *
 *   const result = dedupe(records, { settings: { threshold: 0.5 }, decisions, onProgress });
 *
 * - `records`: `Record`s from shared/read (or validated ones: raw and normalized values both
 *   work). Ids must be unique. A `street` holding a whole one-line address is split.
 * - `decisions`: people's verdicts (`Decision`, shared/schema). A `merge` always joins its two
 *   records, a `not-duplicate` always keeps them apart, whatever the score; both also train
 *   the model. Decisions naming records absent from `records` are ignored (counted in stats).
 * - `onProgress(stage, done, total)`: stages are normalize, block, compare, train, cluster.
 *
 * The result (types.ts):
 * - `clusters`: every record is in exactly one `Cluster`; a record with no duplicate is a
 *   cluster of one. `Cluster.id` is derived from the smallest member id: same input, same ids,
 *   whatever the input order.
 * - `pairs`: compared pairs with probability ≥ `settings.reportPairsAbove`, and every decided
 *   pair, strongest first. A pair's `matchProbability` is the model's; when `decision` is set,
 *   the decision is what counts, and the pair should not be shown for review again. Rows whose
 *   match keys are identical are linked in a chain (row 1–row 2, row 2–row 3…).
 * - `explainPair(pair, result.model)`: per-comparison levels and weights, and `reasons` in
 *   plain words ("same phone", "similar name", "different city") for people.
 * - `bestMatchProbability`, `clusterOf`, `candidatePairsPerRecord`: per record id.
 *
 * The stages, one module each (Splink's vocabulary): features/ (match keys) → block/ → compare/ →
 * score/ (EM, predict) → cluster/ → decisions/ → explain/.
 */
export { dedupe, type DedupeOptions } from './dedupe';
export { compareDecisions, decisionsInForce } from './decisions/in-force';
export { explainPair, type FieldExplanation, type PairExplanation } from './explain/explain-pair';
export { DEFAULT_SETTINGS, type DedupSettings } from './settings';
export type { Cluster, DedupeResult, DedupeStats, ProgressFn, ScoredPair } from './types';
export type { Comparison, ComparisonLevel, Model } from './score/model';
export { DEFAULT_COMPARISONS, LEVELS, type ComparisonKind, type ComparisonSpec } from './compare/comparison-library';
export { DEFAULT_BLOCKING_RULES, type BlockingRuleName } from './block/blocking-rules';
// Building blocks other parts use too: the engine's seeded random (reproducible samples and
// fault injection) and its string similarities.
export { seededRandom } from './score/estimate-u';
export { jaroScratch, jaroWinkler, withinOneEdit, type JaroScratch } from './compare/string-similarity';
// Match keys, for callers that group records by exact key (tests' predictable deduper).
export { normalizeName } from './features/name';
export { cityKey, phoneKey, postal5, registrableDomain } from './features/contact';
