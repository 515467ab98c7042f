/** The register run for people: one summary line, then one line per profile that needs someone. */
import type { RegisterResult } from './register';

const count = (result: RegisterResult, test: (outcome: RegisterResult['outcomes'][number]) => boolean): number =>
  result.outcomes.filter(test).length;

const VERDICT: { readonly [result: string]: string } = {
  rejected: 'rejected by the index',
  'not-served': 'not posted',
  'delete-refused': 'not deleted',
  failed: 'not registered',
  waiting: 'still being validated by the index (checked again next run)',
};

export function formatRegisterReport(result: RegisterResult): string {
  const lines = [
    `Murmurations index ${result.index}: ${count(result, (o) => o.change === 'new')} new, ${count(result, (o) => o.change === 'changed')} changed, `
    + `${count(result, (o) => o.change === 'unchanged')} unchanged, ${count(result, (o) => o.change === 'removed')} removed.`,
    `  posted ${count(result, (o) => o.result === 'posted')}, deleted ${count(result, (o) => o.result === 'deleted')}, `
    + `rejected ${count(result, (o) => o.result === 'rejected')}, waiting ${count(result, (o) => o.result === 'waiting')}, `
    + `other problems ${count(result, (o) => ['not-served', 'delete-refused', 'failed'].includes(o.result))}.`,
  ];
  for (const outcome of result.outcomes) {
    const verdict = VERDICT[outcome.result];
    if (!verdict) continue;
    const who = outcome.name ? `${outcome.name} (${outcome.dcc_id})` : outcome.dcc_id;
    lines.push(`${who}: ${verdict}${outcome.problems.length ? `: ${outcome.problems.join('; ')}` : ''}`);
    if (outcome.result === 'rejected' || outcome.result === 'not-served') lines.push(`  profile: ${outcome.profile_url}`);
  }
  return `${lines.join('\n')}\n`;
}
