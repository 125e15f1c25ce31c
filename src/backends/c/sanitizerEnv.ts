/**
 * The environment of a sanitizer build's driver. Memory errors exit 1 after the death callback
 * flushed the transcript; UBSan aborts (its runtime skips the death callback, the driver's
 * SIGABRT handler flushes instead); leaks are checked by the driver itself, after each batch
 * trace and at exit, so that they get their own status (EXIT_LEAK). An inherited LSAN_OPTIONS
 * would override the exit status of every report, so it is cleared.
 * @internal
 */
export function sanitizerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LSAN_OPTIONS;
  env.ASAN_OPTIONS = 'detect_leaks=1:exitcode=1:abort_on_error=0:handle_abort=0:print_summary=1';
  env.UBSAN_OPTIONS = 'halt_on_error=1:abort_on_error=1:print_stacktrace=1';
  return env;
}
