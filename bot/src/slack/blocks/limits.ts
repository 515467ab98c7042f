/**
 * Block Kit limits (Slack's Block Kit reference; see platform-notes §4.3). Builders clip to these
 * so an unusually long sheet cell shortens a message instead of making Slack refuse it.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  headerText: 150,
  contextText: 3000,
  /** `text` beside blocks is the notification and fallback; Slack advises at most 4,000. */
  messageText: 4000,
} as const;
