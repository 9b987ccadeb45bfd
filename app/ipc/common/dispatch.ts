/**
 * Runs one request through the contract: validate the input, run the handler, validate the output, and
 * turn every failure into a `Result` so nothing is ever thrown across the IPC boundary.
 */
import { AppError, type Result } from './app-error';
import { isRequestChannel, type RequestChannel } from './channels';
import { requests, type HandlerInput, type RequestOutput } from './contract';

/** One handler per request channel. */
export type Handlers = { readonly [C in RequestChannel]: (input: HandlerInput<C>) => Promise<RequestOutput<C>> };

/** Where dispatch reports unexpected errors (never with payloads: they may hold secrets). */
export type DispatchLogger = (line: string) => void;

/** Validates and runs one request. Never throws. */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  log: DispatchLogger = () => undefined,
): Promise<Result<unknown>> {
  if (!isRequestChannel(channel)) {
    return fail(new AppError('unknown-channel', `No such request channel: ${String(channel).slice(0, 60)}`));
  }
  const spec = requests[channel];
  const parsed = spec.input.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return fail(new AppError('invalid-input', `${where}${issue?.message ?? 'Invalid input.'}`));
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    // Parsing the output strips any field the schema does not name: a secret added to a record by
    // mistake is dropped here rather than sent to the renderer.
    return { ok: true, value: spec.output.parse(value) };
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    log(`[dispatch] ${channel} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return fail(new AppError('internal', 'Something went wrong inside Mailroom. The details are in the log.'));
  }
}

function fail(error: AppError): Result<never> {
  return { ok: false, error: error.toWire() };
}
