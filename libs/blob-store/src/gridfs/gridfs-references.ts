import type { Connection } from 'mongoose';

type Db = NonNullable<Connection['db']>;

/** One per named reference, `_id` = the name: setting it again replaces the target. */
interface BlobReferenceDoc {
  _id: string;
  sha256: string;
  updatedAt: Date;
}

/** Named references of a GridFS blob store, in `<bucket>.refs` (FerretDB-compatible: a plain upsert). */
export class GridFsReferences {
  constructor(
    private readonly db: () => Db,
    private readonly bucketName: string,
  ) {}

  async set(name: string, sha256: string): Promise<void> {
    await this.collection().replaceOne({ _id: name }, { sha256, updatedAt: new Date() }, { upsert: true });
  }

  async get(name: string): Promise<string | null> {
    const doc = await this.collection().findOne({ _id: name });
    return doc?.sha256 ?? null;
  }

  private collection() {
    return this.db().collection<BlobReferenceDoc>(`${this.bucketName}.refs`);
  }
}
