import { pathToFileURL } from 'node:url';
import { hashStaffPin, STAFF_PIN_PATTERN } from './pin-hash';

/**
 * `npm run staff-pin`: asks for the staff PIN (twice, without echo, on a terminal; one line when
 * piped: `echo 135790 | npm run --silent staff-pin`) and prints its hash for KIOSK_STAFF_PIN_HASH
 * (or `staff.pinHash` in the configuration file). The PIN itself is never written anywhere.
 */

/** PINs anyone would try first: one digit repeated, or a run up or down (1234, 9876…). */
export function weakPinReason(pin: string): string | null {
  if (/^(\d)\1+$/.test(pin)) return 'one digit repeated';
  const steps = new Set([...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10));
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'a run of consecutive digits';
  return null;
}

/** Reads one line from a terminal without showing it. */
function readHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

async function readPiped(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

export async function runStaffPinCli(
  io: { stdin: NodeJS.ReadStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream } = process,
): Promise<number> {
  let pin: string;
  if (io.stdin.isTTY) {
    pin = await readHidden('Staff PIN (4 to 8 digits): ', io.stdin, io.stderr);
    const again = await readHidden('The same PIN again: ', io.stdin, io.stderr);
    if (again !== pin) {
      io.stderr.write('The two PINs differ; nothing was made.\n');
      return 1;
    }
  } else {
    pin = (await readPiped(io.stdin)).trim();
  }
  if (!STAFF_PIN_PATTERN.test(pin)) {
    io.stderr.write('A staff PIN is 4 to 8 digits.\n');
    return 1;
  }
  const weak = weakPinReason(pin);
  if (weak) {
    io.stderr.write(`This PIN is too easy to guess (${weak}); choose another.\n`);
    return 1;
  }
  io.stdout.write(`${await hashStaffPin(pin)}\n`);
  io.stderr.write('Put this line in KIOSK_STAFF_PIN_HASH (or staff.pinHash in the configuration file).\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runStaffPinCli().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : 'failed'}\n`);
      process.exitCode = 1;
    },
  );
}
