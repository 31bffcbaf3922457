import type { Model } from 'mongoose';

interface WriteErrorLike {
  index?: number;
  code?: number;
  err?: { index?: number; code?: number };
}

/**
 * Inserts `docs` in one unordered round trip and returns the `_id`s that were already there (a
 * duplicate key; the rest are written). Any other failure throws. This spares the caller a read of
 * which documents exist, a read that FerretDB answers by scanning the collection (see findByIds).
 */
export async function insertNew<D extends { _id: string }>(model: Model<D>, docs: readonly D[]): Promise<Set<string>> {
  const existing = new Set<string>();
  if (docs.length === 0) return existing;
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
  } catch (error) {
    const writeErrors = writeErrorsOf(error, docs.length);
    if (writeErrors.length === 0 || !writeErrors.every((e) => (e.code ?? e.err?.code) === 11000)) throw error;
    for (const e of writeErrors) {
      const index = e.index ?? e.err?.index;
      if (index === undefined) throw error;
      existing.add(docs[index]._id);
    }
  }
  return existing;
}

function writeErrorsOf(error: unknown, inserted: number): WriteErrorLike[] {
  const writeErrors = (error as { writeErrors?: WriteErrorLike | WriteErrorLike[] }).writeErrors;
  if (Array.isArray(writeErrors)) return writeErrors;
  if (writeErrors) return [writeErrors];
  // A single-document insert fails with the duplicate key error itself.
  return inserted === 1 && (error as { code?: number }).code === 11000 ? [{ index: 0, code: 11000 }] : [];
}
