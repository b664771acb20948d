import { type Config, ConfigError, getConfig } from './config';
import { createLogger, type Logger } from './logger';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown> | unknown;
}

/** Runs the steps in order (a script's end: close what its context opened). */
export async function runSteps(steps: readonly ShutdownStep[]): Promise<void> {
  for (const step of steps) await step.run();
}

/**
 * One shutdown routine for the API and the workers: on SIGTERM/SIGINT run each step in order
 * (stop accepting, close HTTP, close workers, close queues, disconnect), then exit. A timer forces
 * the exit if a step hangs.
 */
export function registerShutdown(
  steps: ShutdownStep[],
  options: { logger: Logger; timeoutMs: number; exit?: (code: number) => void },
): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | undefined;

  const shutdown = (signal: string): Promise<void> => {
    running ??= (async () => {
      options.logger.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out, forcing exit');
        exit(1);
      }, options.timeoutMs);
      timer.unref();
      let code = 0;
      for (const step of steps) {
        try {
          await step.run();
          options.logger.debug({ step: step.name }, 'shutdown step done');
        } catch (err) {
          code = 1;
          options.logger.error({ err, step: step.name }, 'shutdown step failed');
        }
      }
      clearTimeout(timer);
      options.logger.info({ code }, 'stopped');
      exit(code);
    })();
    return running;
  };

  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return () => shutdown('manual');
}

/**
 * The entry of a long-running process (API or workers): read config, start, register the shutdown
 * routine, and exit 1 with a logged reason if starting fails.
 */
export function runProcess(
  name: string,
  start: (config: Readonly<Config>, logger: Logger) => Promise<{ shutdownSteps: ShutdownStep[] }>,
): void {
  let config: Readonly<Config>;
  try {
    config = getConfig();
  } catch (err) {
    // A readable message, not a stack trace: the operator has a variable to fix.
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const logger = createLogger(config.log.level, { process: name });
  start(config, logger)
    .then((running) =>
      registerShutdown(running.shutdownSteps, { logger, timeoutMs: config.shutdownTimeoutMs }),
    )
    .catch((err) => {
      logger.fatal({ err }, `${name} failed to start`);
      process.exit(1);
    });
}
