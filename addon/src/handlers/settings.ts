import { URL_ALLOWLIST } from '../core/allowlist';
import { FIELDS } from '../../../shared/schema';
import type { SettingsPayload } from '../core/payload';
import { parseSettings, readSettings, writeSettings } from '../core/settings';
import type { AddonContext } from './context';
import { headerTexts } from './setup';

export function showSettings(ctx: AddonContext): SettingsPayload {
  return settingsPayload(ctx, [], false);
}

/** Saves what the settings form sent, or sends the form back with the problems. */
export function saveSettings(ctx: AddonContext, input: unknown): SettingsPayload {
  const parsed = parseSettings(input);
  if (!parsed.settings) return settingsPayload(ctx, parsed.problems, false);
  writeSettings(ctx.props, parsed.settings);
  return settingsPayload(ctx, [], true);
}

function settingsPayload(ctx: AddonContext, problems: string[], saved: boolean): SettingsPayload {
  return {
    view: 'settings',
    settings: readSettings(ctx.props),
    fields: FIELDS.map((def) => ({ key: def.key, label: def.label })),
    allowedPrefixes: URL_ALLOWLIST,
    headers: headerTexts(ctx),
    problems,
    saved,
  };
}
