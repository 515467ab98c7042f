/**
 * Who may decide duplicates: Slack user ids listed in the configuration, and members of one
 * user group. Fails closed: with neither configured, or when the group cannot be read, nobody may.
 */
import type { WebClient } from '@slack/web-api';
import type { SlackConfig } from './config';

export interface CoordinatorCheck {
  isCoordinator(userId: string, client: WebClient): Promise<boolean>;
}

export interface CoordinatorCheckOptions {
  /** How long a user group's member list is trusted; a removed member loses access after at most this. */
  readonly cacheMs?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export function coordinatorCheck(
  config: Pick<SlackConfig, 'coordinators' | 'coordinatorGroup'>,
  options: CoordinatorCheckOptions = {},
): CoordinatorCheck {
  const allowed = new Set(config.coordinators);
  const group = config.coordinatorGroup;
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: { readonly users: ReadonlySet<string>; readonly at: number } | undefined;

  const groupMembers = async (client: WebClient): Promise<ReadonlySet<string>> => {
    if (!group) return new Set();
    if (cached && now() - cached.at < cacheMs) return cached.users;
    try {
      const response = await client.usergroups.users.list({ usergroup: group });
      cached = { users: new Set(response.users ?? []), at: now() };
      return cached.users;
    } catch (error) {
      options.onError?.(error);
      return new Set();
    }
  };

  return {
    async isCoordinator(userId: string, client: WebClient): Promise<boolean> {
      if (userId === '') return false;
      if (allowed.has(userId)) return true;
      return (await groupMembers(client)).has(userId);
    },
  };
}
