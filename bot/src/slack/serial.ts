/**
 * Runs tasks one after another. Decisions go through here: a double click, or two coordinators
 * clicking at once, would otherwise both read "not decided yet" and both append.
 */
export type Serial = <T>(task: () => Promise<T>) => Promise<T>;

export function serial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
