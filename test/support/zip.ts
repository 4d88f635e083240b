/** Test zips (hostile ones included) are written by the same small writer the package bench uses. */
export { writeZip, zipBuffer, type ZipEntry } from '../../scripts/lib/zip-writer.js';
