/** Test helper: zips a folder in memory (yazl), as GroupLens does, under one top-level folder. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';

/** The bytes of a zip holding every file of `dir` as `<topFolder>/<name>`. */
export async function zipFolder(dir: string, topFolder: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of readdirSync(dir).sort()) zip.addFile(join(dir, name), `${topFolder}/${name}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
