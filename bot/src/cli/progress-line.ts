/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal, so cron logs and
 * `--json` output stay clean.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): {
  update: (label: string, done: number, total: number) => void;
  end: () => void;
} {
  const enabled = Boolean(stream.isTTY);
  let drawn = false;
  return {
    update(label, done, total) {
      if (!enabled) return;
      const width = 20;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      stream.write(`\r\x1b[2K${bar} ${done}/${total} ${label}`.slice(0, (stream.columns || 100) + 8));
      drawn = true;
    },
    end() {
      if (enabled && drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
