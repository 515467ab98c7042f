/** Action and block ids: the contract between the messages the bot posts and the listeners that answer them. */
export const ACTION_IDS = {
  merge: 'dcc_review_merge',
  notDuplicate: 'dcc_review_not_duplicate',
  openInSheet: 'dcc_review_open',
} as const;

export const BLOCK_IDS = {
  records: 'dcc_review_records',
  reasons: 'dcc_review_reasons',
  actions: 'dcc_review_actions',
  outcome: 'dcc_review_outcome',
} as const;
