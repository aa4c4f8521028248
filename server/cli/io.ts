/** Reads all of standard input (for passwords and files piped in); refuses an interactive terminal. */
export async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) throw new CliError(`Pipe the ${what} on standard input, e.g.: printf '%s' "$PASSWORD" | npx tansiq …`);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** An error the CLI prints as one line (no stack) before exiting with status 1. */
export class CliError extends Error {}
