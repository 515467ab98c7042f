import { finding, type Rule } from './rule';

export const workerOwnersRule: Rule = (context) => {
  const owners = Number(context.values.worker_owners ?? NaN);
  const workers = Number(context.values.workers ?? NaN);
  if (!Number.isFinite(owners) || !Number.isFinite(workers) || owners <= workers) return [];
  return [finding(context, 'worker_owners', 'warning', 'worker_owners_exceed_workers',
    `There are more worker-owners (${owners}) than workers (${workers}). Check both numbers.`)];
};
