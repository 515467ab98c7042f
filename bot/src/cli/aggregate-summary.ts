/** The human summary of an aggregation run: what was read, held back, merged, new and stale. */
import type { AggregateResult } from '../jobs/aggregate';
import { plural } from '../../../shared/format/counts';


export function formatAggregateSummary(result: AggregateResult): string {
  const lines: string[] = [];
  const { run } = result;
  lines.push(`${result.dryRun ? 'Dry run (nothing written)' : `Run ${run.run_id}`}: ${run.status}`);
  for (const problem of result.registryProblems) {
    lines.push(`  registry row ${problem.row}${problem.key ? ` (${problem.key})` : ''}: ${problem.message}`);
  }
  lines.push('Sources:');
  const width = Math.max(12, ...result.sources.map((source) => source.key.length + 2));
  for (const source of result.sources) {
    const counts = source.state === 'inactive' ? '' : `${plural(source.records, 'record')} read, ${source.heldBack} held back`;
    const unpublished = source.published || source.state === 'inactive' ? '' : `; not published (agreement ${source.agreement})`;
    lines.push(`  ${source.key.padEnd(width)}${source.state.padEnd(11)}${counts}${unpublished}`);
    if (source.message) lines.push(`      ${source.message}`);
    for (const problem of source.problems) lines.push(`      ${problem}`);
  }
  lines.push(`Master: ${plural(result.masterRows, 'row')} (${result.newRows} new, ${plural(result.mergedRecords, 'record')} merged into others, `
    + `${result.removed} removed, ${result.carried} carried over unchanged); ${result.published} published.`);
  if (result.heldBackSources.length) {
    lines.push(`Held back from publishing (agreement not signed): ${result.heldBackSources.join(', ')}.`);
  }
  if (result.staleSources.length) {
    lines.push(`Stale (earlier rows kept because the source failed): ${result.staleSources.join(', ')}.`);
  }
  lines.push(`Review: ${plural(result.reviewOpen, 'probable duplicate')} awaiting a person.`);
  lines.push(`Map: ${result.geocoded} placed by ZIP code; ${result.unplaced.length} without a location${
    result.unplaced.length ? `: ${result.unplaced.slice(0, 5).map((row) => `${row.name || '(no name)'} (${row.dcc_id})`).join(', ')}${result.unplaced.length > 5 ? ', …' : ''}` : ''}.`);
  const alerts = result.alerts?.result;
  if (alerts) {
    const where = alerts.destination === 'slack' ? 'posted to Slack' : 'written to alerts.jsonl (no Slack token)';
    lines.push(`Alerts: ${plural(alerts.posted, 'new pair')} ${where}${alerts.skipped ? `, ${alerts.skipped} left for the next run` : ''}.`);
  }
  if (result.alerts?.problem) lines.push(`  ${result.alerts.problem}`);
  if (result.files) {
    const murmurations = result.files.murmurations;
    lines.push(`Published: ${result.files.csv}, ${result.files.geojson}, ${result.files.json}`);
    lines.push(`Murmurations: ${plural(murmurations.profiles, 'profile')} in ${murmurations.dir} (${murmurations.written} new or changed, ${murmurations.removed} removed).`);
  }
  const capacity = result.capacity;
  lines.push(`Workbook: ${result.workbook}${capacity ? ` (${capacity.cells.toLocaleString('en-US')} of its ${capacity.limit.toLocaleString('en-US')} cells used, `
    + `${((100 * capacity.cells) / capacity.limit).toFixed(1)}%)` : ''}`);
  return `${lines.join('\n')}\n`;
}
