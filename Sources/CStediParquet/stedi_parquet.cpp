// Parquet rows as JSON objects, for stedi-audit's JSON-lines decoders (one definition of every
// landing rule: a Parquet row is decoded exactly as the same row written as JSON).
#include "stedi_parquet.h"

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <arrow/json/reader.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/writer.h>
#include <parquet/exception.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace {

void set_error(char *error, size_t size, const std::string &message) {
  if (error == nullptr || size == 0) return;
  size_t count = message.size() < size - 1 ? message.size() : size - 1;
  std::memcpy(error, message.data(), count);
  error[count] = '\0';
}

void append_string(std::string &out, std::string_view text) {
  out.push_back('"');
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

template <typename T>
void append_integer(std::string &out, T value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_double(std::string &out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // Shortest round trip.
  std::string_view text(buffer, result.ptr - buffer);
  out += text;
  // An integral double stays a float in JSON (`1.0`), as Spark writes it.
  if (text.find_first_of(".eEn") == std::string_view::npos) out += ".0";
}

int64_t to_milliseconds(int64_t value, arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND: return value * 1000;
    case arrow::TimeUnit::MILLI: return value;
    case arrow::TimeUnit::MICRO: return value / 1000;
    case arrow::TimeUnit::NANO: return value / 1000000;
  }
  return value;
}

/// A day number since 1970-01-01 as an ISO date string (`"1973-06-14"`), civil calendar.
void append_date(std::string &out, int32_t days) {
  // Howard Hinnant's days_from_civil, inverted.
  int64_t z = static_cast<int64_t>(days) + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "\"%04lld-%02lld-%02lld\"", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  out += buffer;
}

/// Appends the JSON of one value; false if the column's type is not supported.
bool append_value(std::string &out, const arrow::Array &array, int64_t index) {
  if (array.IsNull(index)) {
    out += "null";
    return true;
  }
  using arrow::Type;
  switch (array.type_id()) {
    case Type::STRING: append_string(out, static_cast<const arrow::StringArray &>(array).GetView(index)); return true;
    case Type::LARGE_STRING: append_string(out, static_cast<const arrow::LargeStringArray &>(array).GetView(index)); return true;
    case Type::STRING_VIEW: append_string(out, static_cast<const arrow::StringViewArray &>(array).GetView(index)); return true;
    case Type::BOOL: out += static_cast<const arrow::BooleanArray &>(array).Value(index) ? "true" : "false"; return true;
    case Type::INT8: append_integer(out, static_cast<const arrow::Int8Array &>(array).Value(index)); return true;
    case Type::INT16: append_integer(out, static_cast<const arrow::Int16Array &>(array).Value(index)); return true;
    case Type::INT32: append_integer(out, static_cast<const arrow::Int32Array &>(array).Value(index)); return true;
    case Type::INT64: append_integer(out, static_cast<const arrow::Int64Array &>(array).Value(index)); return true;
    case Type::UINT8: append_integer(out, static_cast<const arrow::UInt8Array &>(array).Value(index)); return true;
    case Type::UINT16: append_integer(out, static_cast<const arrow::UInt16Array &>(array).Value(index)); return true;
    case Type::UINT32: append_integer(out, static_cast<const arrow::UInt32Array &>(array).Value(index)); return true;
    case Type::UINT64: append_integer(out, static_cast<const arrow::UInt64Array &>(array).Value(index)); return true;
    case Type::FLOAT: append_double(out, static_cast<const arrow::FloatArray &>(array).Value(index)); return true;
    case Type::DOUBLE: append_double(out, static_cast<const arrow::DoubleArray &>(array).Value(index)); return true;
    case Type::TIMESTAMP: {
      auto &timestamps = static_cast<const arrow::TimestampArray &>(array);
      auto unit = static_cast<const arrow::TimestampType &>(*array.type()).unit();
      append_integer(out, to_milliseconds(timestamps.Value(index), unit));
      return true;
    }
    case Type::DATE32: {
      append_date(out, static_cast<const arrow::Date32Array &>(array).Value(index));
      return true;
    }
    case Type::DATE64: {
      int64_t milliseconds = static_cast<const arrow::Date64Array &>(array).Value(index);
      append_date(out, static_cast<int32_t>((milliseconds >= 0 ? milliseconds : milliseconds - 86399999) / 86400000));
      return true;
    }
    case Type::DICTIONARY: {
      auto &dictionary = static_cast<const arrow::DictionaryArray &>(array);
      return append_value(out, *dictionary.dictionary(), dictionary.GetValueIndex(index));
    }
    default: return false;
  }
}

}  // namespace

extern "C" int64_t stedi_parquet_read_rows(const char *path, stedi_parquet_row_fn row, void *context,
                                           char *error, size_t error_size) {
  try {
    auto opened = arrow::io::ReadableFile::Open(path);
    if (!opened.ok()) {
      set_error(error, error_size, "cannot open: " + opened.status().message());
      return -1;
    }
    auto file = parquet::arrow::OpenFile(*opened, arrow::default_memory_pool());
    if (!file.ok()) {
      set_error(error, error_size, "not a valid Parquet file (" + file.status().message() + ")");
      return -1;
    }
    std::unique_ptr<parquet::arrow::FileReader> reader = std::move(*file);
    // One row group at a time: memory stays bounded by the largest row group.
    auto batches = reader->GetRecordBatchReader();
    if (!batches.ok()) {
      set_error(error, error_size, "cannot read its row groups (" + batches.status().message() + ")");
      return -1;
    }
    std::shared_ptr<arrow::RecordBatchReader> stream = std::move(*batches);
    auto schema = stream->schema();
    std::vector<std::string> keys;
    for (const auto &field : schema->fields()) {
      std::string key;
      append_string(key, field->name());
      keys.push_back(key + ":");
    }
    int64_t rows = 0;
    std::string line;
    while (true) {
      std::shared_ptr<arrow::RecordBatch> batch;
      auto status = stream->ReadNext(&batch);
      if (!status.ok()) {
        set_error(error, error_size, "cannot read a row group (" + status.message() + ")");
        return -1;
      }
      if (!batch) break;
      for (int64_t index = 0; index < batch->num_rows(); ++index) {
        line.clear();
        line.push_back('{');
        for (int column = 0; column < batch->num_columns(); ++column) {
          if (column > 0) line.push_back(',');
          line += keys[column];
          if (!append_value(line, *batch->column(column), index)) {
            set_error(error, error_size, "column " + schema->field(column)->name() + " has type " +
                                             batch->column(column)->type()->ToString() + ", which is not a flat value");
            return -1;
          }
        }
        line.push_back('}');
        ++rows;
        if (row(context, line.data(), line.size()) != 0) return -2;
      }
    }
    return rows;
  } catch (const std::exception &exception) {
    set_error(error, error_size, std::string("Parquet error (") + exception.what() + ")");
    return -1;
  }
}

extern "C" int64_t stedi_parquet_write_jsonl(const char *jsonl, const char *parquet, const char *const *names,
                                             const int *types, size_t count, char *error, size_t error_size) {
  try {
    arrow::FieldVector fields;
    for (size_t index = 0; index < count; ++index) {
      std::shared_ptr<arrow::DataType> type;
      switch (types[index]) {
        case STEDI_PARQUET_STRING: type = arrow::utf8(); break;
        case STEDI_PARQUET_INT64: type = arrow::int64(); break;
        case STEDI_PARQUET_DOUBLE: type = arrow::float64(); break;
        default: set_error(error, error_size, "unknown column type"); return -1;
      }
      fields.push_back(arrow::field(names[index], type, true));
    }
    auto schema = arrow::schema(fields);
    auto input = arrow::io::ReadableFile::Open(jsonl);
    if (!input.ok()) {
      set_error(error, error_size, "cannot open the staged rows: " + input.status().message());
      return -1;
    }
    auto size = (*input)->GetSize();
    auto sink = arrow::io::FileOutputStream::Open(parquet);
    if (!sink.ok()) {
      set_error(error, error_size, "cannot create: " + sink.status().message());
      return -1;
    }
    // Deterministic bytes for equal rows: one thread, fixed properties (no timestamps are written).
    auto properties = parquet::WriterProperties::Builder().compression(parquet::Compression::SNAPPY)->build();
    auto opened = parquet::arrow::FileWriter::Open(*schema, arrow::default_memory_pool(), *sink, properties);
    if (!opened.ok()) {
      set_error(error, error_size, "cannot start the Parquet file (" + opened.status().message() + ")");
      return -1;
    }
    std::unique_ptr<parquet::arrow::FileWriter> writer = std::move(*opened);
    int64_t rows = 0;
    if (size.ok() && *size > 0) {
      auto read_options = arrow::json::ReadOptions::Defaults();
      read_options.use_threads = false;
      read_options.block_size = 4 << 20;
      auto parse_options = arrow::json::ParseOptions::Defaults();
      parse_options.explicit_schema = schema;
      parse_options.unexpected_field_behavior = arrow::json::UnexpectedFieldBehavior::Error;
      auto made = arrow::json::StreamingReader::Make(*input, read_options, parse_options);
      if (!made.ok()) {
        set_error(error, error_size, "cannot read the staged rows (" + made.status().message() + ")");
        return -1;
      }
      std::shared_ptr<arrow::json::StreamingReader> reader = *made;
      while (true) {
        std::shared_ptr<arrow::RecordBatch> batch;
        auto status = reader->ReadNext(&batch);
        if (!status.ok()) {
          set_error(error, error_size, "cannot read the staged rows (" + status.message() + ")");
          return -1;
        }
        if (!batch) break;
        // The reader orders a batch's columns as it meets them; write them in the schema's order.
        std::vector<std::shared_ptr<arrow::Array>> columns;
        for (const auto &field : fields) {
          auto column = batch->GetColumnByName(field->name());
          if (!column) {
            auto null_column = arrow::MakeArrayOfNull(field->type(), batch->num_rows());
            if (!null_column.ok()) {
              set_error(error, error_size, "cannot fill column " + field->name());
              return -1;
            }
            column = *null_column;
          }
          columns.push_back(column);
        }
        auto ordered = arrow::RecordBatch::Make(schema, batch->num_rows(), columns);
        auto written = writer->WriteRecordBatch(*ordered);
        if (!written.ok()) {
          set_error(error, error_size, "cannot write a row group (" + written.message() + ")");
          return -1;
        }
        rows += batch->num_rows();
      }
    }
    auto closed = writer->Close();
    if (!closed.ok()) {
      set_error(error, error_size, "cannot finish the Parquet file (" + closed.message() + ")");
      return -1;
    }
    auto flushed = (*sink)->Close();
    if (!flushed.ok()) {
      set_error(error, error_size, "cannot close the Parquet file (" + flushed.message() + ")");
      return -1;
    }
    return rows;
  } catch (const std::exception &exception) {
    set_error(error, error_size, std::string("Parquet error (") + exception.what() + ")");
    return -1;
  }
}
