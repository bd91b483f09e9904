// A C interface over Apache Arrow's Parquet reader and writer (libparquet, libarrow from the pyarrow wheel),
// built only when scripts/setup-parquet has installed them (see Package.swift).
#ifndef STEDI_PARQUET_H
#define STEDI_PARQUET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Called with each row as one JSON object (UTF-8, no line ending); returns 0 to go on, any
/// other value to stop.
typedef int (*stedi_parquet_row_fn)(void *context, const char *json, size_t length);

/// Reads every row of a Parquet file in order, calling `row` with it as a JSON object: the
/// columns in file order as keys; strings, integers, floating-point numbers, booleans, nulls;
/// timestamps as epoch milliseconds; dates as ISO date strings (`"1973-06-14"`). Returns the number of rows read, -1 on error (with a
/// one-line reason in `error`, never a value of the file), or -2 if `row` stopped the reading.
int64_t stedi_parquet_read_rows(const char *path, stedi_parquet_row_fn row, void *context,
                                char *error, size_t error_size);

/// The column types of a written table.
enum stedi_parquet_type { STEDI_PARQUET_STRING = 0, STEDI_PARQUET_INT64 = 1, STEDI_PARQUET_DOUBLE = 2 };

/// Writes the JSON-lines file at `jsonl` (one flat object per line, exactly the columns named)
/// as the Parquet file `parquet`: `count` columns of the names and types given, all nullable,
/// Snappy-compressed, streamed in blocks (memory does not grow with the file). Returns the
/// number of rows written, or -1 on error with a one-line reason in `error` (never a value).
int64_t stedi_parquet_write_jsonl(const char *jsonl, const char *parquet, const char *const *names,
                                  const int *types, size_t count, char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
