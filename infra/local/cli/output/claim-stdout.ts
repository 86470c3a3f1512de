/**
 * Gives the CLI the only way to write to stdout: anything else in the process that writes to
 * process.stdout (the Lambda handlers' Powertools logs and metrics) goes to stderr, so stdout
 * holds the command's data and nothing else. The stages' worker processes write theirs to stderr
 * too (StageWorkerPool).
 */
export function claimStdout(): (text: string) => void {
  const stdout = process.stdout;
  const write = stdout.write.bind(stdout);
  stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write;
  return (text) => {
    write(text);
  };
}
