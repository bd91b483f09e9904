/// The type of a published column's values: what the DDL declares and a Parquet file stores.
public enum ColumnType: Sendable, Hashable {
  /// UTF-8 text.
  case text
  /// A 64-bit signed integer (epoch milliseconds, for instance).
  case integer
  /// A 64-bit floating-point number.
  case real
}
