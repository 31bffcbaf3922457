/**
 * The file and Node arguments to start a worker whose entry sits beside `callerFile` as
 * `<name>.worker.ts|js`: from dist/ (built JavaScript) the `.js` file; from the TypeScript sources
 * (jest) the `.ts` file, with the same on-the-fly compiler and the `@trawl/*` paths of tsconfig.json.
 */
export function workerScript(callerDir: string, callerFile: string, name: string): { file: string; execArgv: string[] } {
  const fromSources = callerFile.endsWith('.ts');
  return {
    file: `${callerDir}/${name}.worker.${fromSources ? 'ts' : 'js'}`,
    execArgv: fromSources ? ['--require', '@swc-node/register'] : [],
  };
}
