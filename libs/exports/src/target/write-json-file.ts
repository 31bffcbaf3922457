import type { ExportTarget, ExportedFile } from './export-target';
import { endStream, openOutputFile, writeWithBackpressure } from './output-file';

/** Writes a small JSON document (an index, a manifest) as one file of the export. */
export async function writeJsonFile(target: ExportTarget, name: string, document: unknown): Promise<ExportedFile> {
  const output = openOutputFile(target, name, 'application/json');
  try {
    await writeWithBackpressure(output.input, `${JSON.stringify(document, null, 2)}\n`);
    await endStream(output.input);
    return await output.finished();
  } catch (error) {
    await output.abort(error as Error);
    throw error;
  }
}
