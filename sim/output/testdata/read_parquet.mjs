// Reads a Parquet file with hyparquet (an independent JavaScript reader)
// and prints its column names and rows as JSON, 64-bit integers as numbers.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'

const file = await asyncBufferFromFile(process.argv[2])
const metadata = await parquetMetadataAsync(file)
const columns = parquetSchema(metadata).children.map(c => c.element.name)
const rows = await parquetReadObjects({ file })
console.log(JSON.stringify({ columns, rows }, (_, v) => typeof v === 'bigint' ? Number(v) : v))
