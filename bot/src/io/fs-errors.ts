/** A file-system error as one plain line a coordinator can act on, instead of Node's `EACCES: permission denied, open '…'`. */
export function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return `${path}: no such file`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied (the bot's user cannot read it)`;
    case 'EISDIR': return `${path} is a folder, not a file`;
    case 'ELOOP': return `${path}: too many symbolic links`;
    case 'EMFILE':
    case 'ENFILE': return `${path}: too many open files; try again`;
    case 'EIO': return `${path}: the disk could not be read (I/O error)`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return `${path}: ${(message.split('\n')[0] ?? '').replace(/^[A-Z]+: /, '')}`;
    }
  }
}
