/**
 * Bumped whenever the job would turn the same inputs into other outputs (validation,
 * normalization, matching or merging changed), so that an upgrade redoes every run-to-run
 * shortcut once: the idle-run check (idle-run.ts) and the validation cache (validation-cache.ts).
 */
export const JOB_VERSION = 2;
