/**
 * What every normalizer returns. `value` is what the master stores: the normalized value when
 * the input made sense, otherwise the cleaned input (so nothing the member typed is lost).
 * `problem` explains, in a member's words, why the value could not be used as it is;
 * `corrected` flags a value that was understood but is not written the template's way, which the
 * add-on offers to fix with one click.
 */
import type { FindingCode } from '../schema/finding-codes';

export interface Problem {
  readonly code: FindingCode;
  readonly message: string;
  /** A value the member can accept with one click, when there is a likely one. */
  readonly fix?: string;
}

export interface Normalized {
  readonly value: string;
  readonly problem?: Problem;
  readonly corrected?: { readonly code: FindingCode; readonly message: string };
}

export const ok = (value: string): Normalized => ({ value });

export const corrected = (value: string, code: FindingCode, message: string): Normalized => ({
  value,
  corrected: { code, message },
});

export const invalid = (value: string, code: FindingCode, message: string, fix?: string): Normalized => ({
  value,
  problem: fix === undefined ? { code, message } : { code, message, fix },
});
