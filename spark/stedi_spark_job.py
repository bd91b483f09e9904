#!/usr/bin/env python3
"""The job of `stedi-audit spark` (docs/spark.md): a decision plan carried out in PySpark.

`stedi-audit spark` writes this file (embedded in the binary), spark/plan_engines.py and the
policy's plan into a scratch folder and runs
    python stedi_spark_job.py --landing DIR --out DIR --plan plan.json --lineage \
        [--withdrawn FILE] [--master URL] [--threads N]
(or submits it with spark-submit), with the workspace's pseudonym key in the environment
(STEDI_AUDIT_PSEUDONYM_KEY, hex). With --lineage it writes OUT/tables/<zone>/<table>/ (one
JSON-lines file each, rows exactly as stedi-audit writes them), OUT/lineage/ (Parquet: one
movement per row and table, as the audit log records them) and OUT/counts.json; stedi-audit
imports and re-checks them. Without --lineage (`scripts/bench --with-spark`) it writes the tables
only. Either way it prints one JSON line: {"tables": {table: {rowsIn, admitted, excluded,
quarantined, rowsOut}}}.

The rules come from the decision plan (docs/decision-plan.md) through plan_engines.py: the
landing fields and their kinds, the consent field, each table's decision chain (its guards in
order, each with its reason code), the join keys and every written column list. What is
hand-written here is the vocabulary (the Spark expression of each check), the line parser and
the row writer; a plan that needs a check or setting this vocabulary lacks (both shipped
profiles are covered; `input.key_match: case_insensitive` is not) is refused (exit 3) with a
line naming it.

Lines are read with Spark's text source split on LF only, as bytes, numbered per file; every
line is validated and decoded in Python (mapInArrow, Arrow batches), by the same rules as
stedi-audit: UTF-8, RFC 8259 JSON (no NaN/Infinity, no lone surrogates, no trailing content), an
object, required fields of the right type, no top-level key twice, times integral within 64 bits
(exactly, from the text), numbers finite doubles. Everything after that (identity, consent,
serials, joins, counts) is Spark DataFrame code.

Differences from stedi-audit that no generated data exercises: nesting deeper than Python's
recursion limit (~1000) is malformed here, deeper than 512 there; Python's str.lower() and
strip() of email keys are Unicode-aware like Swift's but not identical for every letter, and
strings are compared by code points (Swift: canonical equivalence); integral doubles from 1e15
to 1e16 are written as digits here, in exponent form there; quarantine records carry no
`field` and `detail`.
"""

import argparse
import hashlib
import hmac
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import plan_engines  # noqa: E402

TABLES = ("customer_trusted", "accelerometer_trusted", "step_trainer_trusted",
          "customer_curated", "machine_learning_curated")


def landing_files(landing, source):
    base = os.path.join(landing, source)
    nested = os.path.join(base, "landing")
    directory = nested if os.path.isdir(nested) else base
    names = [n for n in os.listdir(directory)
             if not n.startswith(".") and n.endswith((".json", ".jsonl", ".ndjson"))]
    names.sort(key=lambda n: n.encode())
    return [os.path.join(directory, n) for n in names]


# ------------------------------------------------------------------------------------------------
# line validation (runs in the Python workers)
# ------------------------------------------------------------------------------------------------

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


class Malformed(Exception):
    pass


class RawNumber(str):
    """A JSON number kept as its text, so that times are checked exactly."""


class Members(list):
    """The (key, value) pairs of a JSON object, duplicates kept."""


def _reject_constant(name):
    raise Malformed(name)


def _strings_valid(value):
    """No lone surrogate in any string or key (Python's json accepts them; RFC 8259 doesn't)."""
    if isinstance(value, Members):
        return all(not LONE_SURROGATE.search(k) and _strings_valid(v) for k, v in value)
    if isinstance(value, list):
        return all(_strings_valid(v) for v in value)
    if isinstance(value, str) and not isinstance(value, RawNumber):
        return not LONE_SURROGATE.search(value)
    return True


def make_decoder():
    # Made in each worker: a decoder can't be pickled.
    return json.JSONDecoder(object_pairs_hook=Members, parse_float=RawNumber,
                            parse_int=RawNumber, parse_constant=_reject_constant)


def exact_integral(text):
    """The value of a number's text if it is an integer within 64 bits, else None."""
    match = NUMBER.fullmatch(text)
    whole, fraction, exponent = match.group(1), (match.group(2) or "")[1:], match.group(3)
    digits = (whole + fraction).lstrip("0")
    if not digits.rstrip("0"):
        return 0
    scale = (int(exponent[1:]) if exponent else 0) - len(fraction)
    significant = digits.rstrip("0")
    scale += len(digits) - len(significant)
    if scale < 0 or len(significant) + scale > 19:
        return None
    value = int(significant) * 10 ** scale
    value = -value if text.startswith("-") else value
    return value if INT64_MIN <= value <= INT64_MAX else None


def finite_number(text):
    value = float(text)
    return value if value not in (float("inf"), float("-inf")) else None


def parse_line(raw, fields, decoder):
    """(status, values) of one landing line; status None for a blank line.

    fields: [(name, kind, required)], kind 'string' (non-empty if required), 'time', 'number'."""
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    if not raw.strip(b" \t\r\n"):
        return None, None
    try:
        text = raw.decode("utf-8")
        value, end = decoder.raw_decode(text, len(text) - len(text.lstrip(" \t\r\n")))
        if text[end:].strip(" \t\r\n") or not _strings_valid(value):
            raise Malformed("trailing content or lone surrogate")
    except (Malformed, UnicodeDecodeError, ValueError, RecursionError):
        return "malformed", None
    if not isinstance(value, Members):
        return "schema_violation", None
    members = {}
    for key, member in value:
        if key in members:
            return "schema_violation", None
        members[key] = member
    values = []
    for name, kind, required in fields:
        member = members.get(name)
        if member is None:
            if required:
                return "schema_violation", None
            values.append(None)
            continue
        if kind == "identity" and isinstance(member, RawNumber):
            # Type drift (docs/semantics.md): an identity-only field written as a number is
            # taken as its text, an integral value as its digits.
            time = exact_integral(member)
            values.append(str(time) if time is not None else str(member))
        elif kind in ("string", "identity"):
            if not isinstance(member, str) or isinstance(member, RawNumber) or (
                    required and member == ""):
                return "schema_violation", None
            values.append(member)
        elif not isinstance(member, RawNumber):
            return "schema_violation", None
        elif kind == "time":
            time = exact_integral(member)
            if time is None:
                return "schema_violation", None
            values.append(time)
        else:
            number = finite_number(member)
            if number is None:
                return "schema_violation", None
            values.append(number_json(member, number))
    return "valid", values


INTEGER_LITERAL = re.compile(r"-?(0|[1-9][0-9]*)")


def number_json(text, value):
    """A number as stedi-audit writes it (its JSONLineBuilder): an integer literal within 64 bits
    as its digits; an integral double below 1e15 as `<digits>.0`; any other double by its
    shortest round-trip text (Python's repr and Swift's description agree on these)."""
    if INTEGER_LITERAL.fullmatch(text):
        integer = int(text)
        if INT64_MIN <= integer <= INT64_MAX:
            return str(integer)
    if value.is_integer() and abs(value) < 1e15 and not (value == 0 and str(value).startswith("-")):
        return f"{int(value)}.0"
    return repr(value)


def json_string(text):
    """A JSON string as stedi-audit writes it: quote, backslash, LF, CR and tab escaped by
    letter, other control characters as \\u00XX, everything else as it is (UTF-8)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20:
            out.append("\\u%04x" % code)
        else:
            out.append(char)
    out.append('"')
    return "".join(out)




def parser(fields):
    """A mapInArrow function: (fileIndex, file, line, raw) in, the line's digest, status, raw text
    (or base64 if it is not UTF-8) for a row that fails, and its fields out; blank lines dropped."""
    def parse(batches):
        import base64
        import pyarrow as pa
        decoder = make_decoder()
        names = ["fileIndex", "file", "line", "digest", "status", "raw", "rawBase64"] + [
            name for name, _, _ in fields]
        for batch in batches:
            columns = [[] for _ in names]
            rows = zip(*(batch.column(i).to_pylist() for i in range(4)))
            for file_index, file, line, raw in rows:
                status, values = parse_line(raw, fields, decoder)
                if status is None:
                    continue
                bare = raw[:-1] if raw.endswith(b"\r") else raw
                columns[0].append(file_index)
                columns[1].append(file)
                columns[2].append(line)
                columns[3].append(hashlib.sha256(bare).hexdigest()[:32])
                columns[4].append(status)
                text = base64_text = None
                if status != "valid":
                    try:
                        text = bare.decode("utf-8")
                    except UnicodeDecodeError:
                        base64_text = base64.b64encode(bare).decode("ascii")
                columns[5].append(text)
                columns[6].append(base64_text)
                for index in range(len(fields)):
                    columns[index + 7].append(values[index] if values else None)
            yield pa.RecordBatch.from_arrays(
                [pa.array(c, type=t) for c, t in zip(columns, arrow_types(fields))], names=names)
    return parse


def arrow_types(fields):
    import pyarrow as pa
    kinds = {"string": pa.string(), "identity": pa.string(), "time": pa.int64(),
             "number": pa.string()}
    return ([pa.int32(), pa.string(), pa.int64(), pa.string(), pa.string(), pa.string(),
             pa.string()] + [kinds[kind] for _, kind, _ in fields])


def spark_schema(fields):
    # Numbers are kept as the JSON text stedi-audit writes for them (no check reads their value).
    kinds = {"string": "string", "identity": "string", "time": "bigint", "number": "string"}
    return ", ".join(["fileIndex int", "file string", "line bigint", "digest string",
                      "status string", "raw string", "rawBase64 string"]
                     + [f"`{name}` {kinds[kind]}" for name, kind, _ in fields])


# The parser's outcome of a line that fails: its check in the plan (which names the reason).
PARSE_OUTCOMES = {"json_syntax": "malformed", "table_schema": "schema_violation"}

# How each output column is written: "text" (a JSON string or null), "integer" (digits or null),
# "number" (the parser's JSON text of a number).
COLUMN_KINDS = {
    "customerId": "text", "customerName": "text", "email": "text", "phone": "text",
    "birthDay": "text", "serialNumber": "text", "user": "text",
    "registrationDate": "integer", "lastUpdateDate": "integer",
    "shareWithResearchAsOfDate": "integer", "shareWithPublicAsOfDate": "integer",
    "shareWithFriendsAsOfDate": "integer", "timestamp": "integer", "sensorReadingTime": "integer",
    "x": "number", "y": "number", "z": "number", "distanceFromObject": "number",
}


def json_line(names, values):
    """One output row as stedi-audit's RowSerializer writes it: the columns in policy order."""
    parts = []
    for name, value in zip(names, values):
        kind = COLUMN_KINDS[name]
        if value is None:
            text = "null"
        elif kind == "text":
            text = json_string(value)
        elif kind == "integer":
            text = str(value)
        else:
            text = value
        parts.append(f'"{name}":{text}')
    return "{" + ",".join(parts) + "}"


# ------------------------------------------------------------------------------------------------
# the job
# ------------------------------------------------------------------------------------------------

def email_key_of(email):
    return None if email is None else email.strip(" \t\r\n").lower()


LINEAGE_SCHEMA = ("srcTable string, srcFile string, srcLine bigint, digest string, "
                  "dstTable string, dstLine bigint, reason string, customerId string")


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--landing", required=True)
    arguments.add_argument("--out", required=True)
    arguments.add_argument("--threads", type=int)
    arguments.add_argument("--driver-memory", default="8g")
    arguments.add_argument("--plan", required=True, help="stedi-audit policy plan --json output")
    arguments.add_argument("--master", help="the Spark master (default: local[THREADS]); "
                           "spark-submit's --master wins when the job is submitted")
    arguments.add_argument("--withdrawn", help="a file of withdrawn customers' pseudonyms, one a line")
    arguments.add_argument("--lineage", action="store_true",
                           help="write lineage/ (Parquet) and the tables as stedi-audit writes them")
    options = arguments.parse_args()
    plan = plan_engines.load(options.plan)
    plan_engines.require_spark_supported(plan)
    exact_email = plan["identity"]["emailMatch"] == "exact"
    keep_all = plan["identity"]["conflicts"] == "keep_all"
    counts_cross_customer = any(h["kind"] == "cross_customer_join" for h in plan["hazards"])
    CUSTOMER_FIELDS = plan_engines.spark_fields(plan, "customer_landing")
    ACCELEROMETER_FIELDS = plan_engines.spark_fields(plan, "accelerometer_landing")
    STEP_FIELDS = plan_engines.spark_fields(plan, "step_trainer_landing")
    consent = plan["identity"]["consentField"]
    quarantine_reasons = {g["reason"] for t in plan["tables"] for g in t["guards"]
                          if g["decision"] == "quarantined"}

    def columns(table):
        return plan_engines.table(plan, table)["columns"]
    landing, out = os.path.realpath(options.landing), os.path.realpath(options.out)
    # The pseudonym key is a secret of the workspace: from the environment, never an argument.
    # Without it (the benchmark), a random key: pseudonyms are then only consistent in the run.
    key_hex = os.environ.get("STEDI_AUDIT_PSEUDONYM_KEY")
    key = bytes.fromhex(key_hex) if key_hex else os.urandom(32)
    withdrawn = set()
    if options.withdrawn:
        with open(options.withdrawn) as handle:
            withdrawn = {line.strip() for line in handle if line.strip()}

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers: this interpreter (venv)
    from pyspark.sql import SparkSession, Window, functions as F
    from pyspark.storagelevel import StorageLevel

    threads = options.threads or os.cpu_count()
    builder = SparkSession.builder.appName("stedi-audit")
    if options.master or not os.environ.get("SPARK_ENV_LOADED"):
        builder = builder.master(options.master or f"local[{threads}]")
    spark = (builder
             .config("spark.driver.memory", options.driver_memory)
             .config("spark.sql.shuffle.partitions", str(max(threads * 2, 4)))
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.execution.arrow.maxRecordsPerBatch", "20000")
             .config("spark.local.dir", os.path.join(out, "spark-tmp"))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    files = {source: landing_files(landing, source)
             for source in ("customer", "accelerometer", "step_trainer")}

    def read(source, fields):
        """Every line of the source's files, with its file's index and path (relative to the
        landing directory) and its 1-based line number, parsed."""
        frames = [spark.createDataFrame([], "fileIndex int, file string, line bigint, raw binary")]
        for index, path in enumerate(files[source]):
            relative = os.path.relpath(path, landing)
            numbered = (spark.read.option("lineSep", "\n").text(path)
                        .select(F.col("value").cast("binary").alias("raw")).rdd.zipWithIndex()
                        .map(lambda pair, i=index, r=relative: (i, r, pair[1] + 1, pair[0][0])))
            frames.append(spark.createDataFrame(numbered, "fileIndex int, file string, line bigint, raw binary"))
        lines = frames[0]
        for frame in frames[1:]:
            lines = lines.unionByName(frame)
        return lines.mapInArrow(parser(fields), spark_schema(fields)).persist(
            StorageLevel.MEMORY_AND_DISK)

    # The policy's email key; withdrawals are recorded under the folded key whatever the policy.
    email_key = F.udf(lambda e: e if exact_email else email_key_of(e), "string")
    withdrawal_key = F.udf(email_key_of, "string")
    pseudonym_of = F.udf(lambda k: None if k is None else hmac.new(
        key, b"stedi-audit/v1/email\0" + k.encode(), hashlib.sha256).hexdigest()[:32], "string")
    counts = {}

    def tally(table, frame):
        """frame: one column `status` ('admitted' or a reason); kinds by reason."""
        entry = {"rowsIn": 0, "admitted": 0, "excluded": {}, "quarantined": {}, "rowsOut": 0}
        for row in frame.groupBy("status").count().collect():
            entry["rowsIn"] += row["count"]
            if row["status"] == "admitted":
                entry["admitted"] = row["count"]
            elif row["status"] in quarantine_reasons:
                entry["quarantined"][row["status"]] = row["count"]
            else:
                entry["excluded"][row["status"]] = row["count"]
        entry["rowsOut"] = entry["admitted"]
        counts[table] = entry
        return entry

    lineage_parts = []

    def numbered(frame, order):
        """The rows in output order, each with its 1-based position in the table's one file."""
        return frame.withColumn("dstLine", F.row_number().over(Window.orderBy(*order)).cast("bigint"))

    def publish(frame, zone, table, order, names=None):
        """Writes the table's rows (in `order`, one file) as stedi-audit writes them; returns
        them with `dstLine`."""
        names = names or columns(table)
        rows = numbered(frame, order).persist(StorageLevel.MEMORY_AND_DISK)
        line = F.udf(lambda *values: json_line(names, values), "string")
        (rows.orderBy("dstLine").select(line(*[F.col(f"`{n}`") for n in names]).alias("value"))
         .coalesce(1).write.mode("overwrite").text(os.path.join(out, "tables", zone, table)))
        return rows

    def movements(frame, src_table, dst_table):
        """Lineage rows of `frame`: srcFile, srcLine, digest, status, dstLine, customerId."""
        lineage_parts.append(frame.select(
            F.lit(src_table).alias("srcTable"), F.col("srcFile"), F.col("srcLine"),
            F.col("digest"), F.lit(dst_table).alias("dstTable"), F.col("dstLine"),
            F.col("status").alias("reason"), F.col("customerId")))

    def quarantine(frame, source):
        rows = frame.where(F.col("status").isin(*sorted(quarantine_reasons)))
        rows = numbered(rows, ["fileIndex", "line"])
        line = F.udf(lambda file, number, reason, raw, raw64: (
            '{"table":' + json_string(source) + ',"file":' + json_string(file) + ',"line":' + str(number)
            + ',"reason":' + json_string(reason) + ',"field":null,"detail":null,'
            + ('"raw":' + json_string(raw) if raw is not None else '"rawBase64":' + json_string(raw64))
            + "}"), "string")
        if options.lineage:
            (rows.orderBy("dstLine").select(line("file", "line", "status", "raw", "rawBase64").alias("value"))
             .coalesce(1).write.mode("overwrite").text(os.path.join(out, "tables", "quarantine", source)))
        else:
            rows.select(F.lit(source).alias("table"), F.col("status").alias("reason"), "raw").write.mode(
                "overwrite").json(os.path.join(out, "quarantine", source))
        return rows

    def reason_of(check):
        return plan_engines.reason_of(plan, check)

    # customers: decided per row, as a group per email key (PolicyEngine.resolveCustomers).
    customer_rows = read("customer", CUSTOMER_FIELDS)
    known = [name for name, _, _ in CUSTOMER_FIELDS]
    valid = (customer_rows.where("status = 'valid'")
             .withColumn("email_key", email_key("email")))
    by_key = Window.partitionBy("email_key")
    # A customer is withdrawn if the pseudonym of its folded key, or of its key, is recorded.
    recorded = (pseudonym_of(withdrawal_key("email")).isin(*sorted(withdrawn))
                | pseudonym_of("email_key").isin(*sorted(withdrawn))) if withdrawn else F.lit(False)
    valid = valid.withColumn("key_withdrawn", F.max(recorded).over(by_key))
    if keep_all:
        # Every record is decided on its own; a customer consents if any record does, from the
        # earliest consent time.
        decided = (valid.withColumn("status", F.when(F.col(consent).isNull(), reason_of("record_without_consent"))
                                    .when(F.col("key_withdrawn"), reason_of("customer_withdrawn"))
                                    .otherwise("admitted"))
                   .withColumn("customerId", pseudonym_of("email_key"))
                   .persist(StorageLevel.MEMORY_AND_DISK))
        customers = (decided.groupBy("email_key").agg(
            F.min(consent).alias("consent"), F.first("key_withdrawn").alias("key_withdrawn"))
            .withColumn("status", F.when(F.col("key_withdrawn"), "withdrawn")
                        .when(F.col("consent").isNotNull(), "consented").otherwise("not_consented")))
    else:
        copy_rank = F.row_number().over(Window.partitionBy("email_key", *known).orderBy("fileIndex", "line"))
        decided = (valid.withColumn("copy", copy_rank)
                   .withColumn("updated", F.coalesce("lastUpdateDate", "registrationDate",
                                                     F.lit(INT64_MIN).cast("bigint")))
                   .withColumn("latest", F.max(F.when(F.col("copy") == 1, F.col("updated"))).over(by_key))
                   .withColumn("winners", F.sum(F.when((F.col("copy") == 1) & (F.col("updated") == F.col("latest")), 1)
                                                .otherwise(0)).over(by_key))
                   .withColumn("status", F.when(F.col("copy") > 1, reason_of("exact_copy"))
                               .when(F.col("winners") > 1, reason_of("tied_latest_update"))
                               .when(F.col("updated") < F.col("latest"), reason_of("older_update"))
                               .when(F.col(consent).isNull(), reason_of("record_without_consent"))
                               .when(F.col("key_withdrawn"), reason_of("customer_withdrawn"))
                               .otherwise("admitted"))
                   .withColumn("customerId", pseudonym_of("email_key"))
                   .persist(StorageLevel.MEMORY_AND_DISK))
        # One row per email key: the customer's status for the readings.
        customers = (decided.where("copy = 1 AND updated = latest").groupBy("email_key").agg(
            F.first("winners").alias("winners"), F.first("key_withdrawn").alias("key_withdrawn"),
            F.first(consent).alias("consent"))
            .withColumn("status", F.when(F.col("key_withdrawn"), "withdrawn")
                        .when(F.col("winners") > 1, "ambiguous")
                        .when(F.col("consent").isNotNull(), "consented")
                        .otherwise("not_consented")))
    customers = (customers.withColumn("consent_time", F.when(F.col("status") == "consented", F.col("consent")))
                 .persist(StorageLevel.MEMORY_AND_DISK))
    serial_owners = (valid.groupBy("serialNumber")
                     .agg(F.countDistinct("email_key").alias("owners"),
                          F.min("email_key").alias("owner_key")))
    all_customers = decided.select("fileIndex", "line", "digest", "status", "customerId").unionByName(
        customer_rows.where("status <> 'valid'").select("fileIndex", "line", "digest", "status",
                                                        F.lit(None).cast("string").alias("customerId")))
    tally("customer_trusted", all_customers)
    customer_trusted = publish(decided.where("status = 'admitted'"), "trusted", "customer_trusted",
                               ["fileIndex", "line"])
    customer_quarantine = quarantine(customer_rows, "customer_landing")

    # The Spark expression of each check on a reading's customer.
    status_checks = {
        "json_syntax": F.col("status") == PARSE_OUTCOMES["json_syntax"],
        "table_schema": F.col("status") == PARSE_OUTCOMES["table_schema"],
        "customer_withdrawn": F.col("customer_status") == "withdrawn",
        "customer_ambiguous": F.col("customer_status") == "ambiguous",
        "customer_not_consented": F.col("customer_status") == "not_consented",
    }
    customer_status = customers.select(F.col("email_key").alias("key"),
                                       F.col("status").alias("customer_status"), "consent_time")

    # accelerometer
    acc_rows = read("accelerometer", ACCELEROMETER_FIELDS)
    acc = (acc_rows.withColumn("key", F.when(F.col("status") == "valid", email_key("user")))
           .join(customer_status, "key", "left")
           .withColumn("status", plan_engines.spark_decide(
               plan, "accelerometer_trusted", F, dict(
                   status_checks, user_unknown=F.col("customer_status").isNull(),
                   before_consent_time=F.col("timestamp") < F.col("consent_time"))))
           .withColumn("customerId", F.when(F.col("customer_status").isNotNull(), pseudonym_of("key")))
           .persist(StorageLevel.MEMORY_AND_DISK))
    tally("accelerometer_trusted", acc)
    acc_trusted = publish(acc.where("status = 'admitted'"), "trusted", "accelerometer_trusted",
                          ["fileIndex", "line"])
    acc_quarantine = quarantine(acc, "accelerometer_landing")

    # customer_curated: one decision per customer_trusted row, in their order; the first row of a
    # customer with readings is curated, a later one is the customer_already_curated guard's.
    with_readings = acc_trusted.select(F.col("key").alias("email_key")).distinct().withColumn(
        "has_readings", F.lit(True))
    curated = (customer_trusted.withColumnRenamed("dstLine", "trustedLine")
               .join(with_readings, "email_key", "left")
               .withColumn("first_line", F.min("trustedLine").over(Window.partitionBy("email_key")))
               .withColumn("status", plan_engines.spark_decide(plan, "customer_curated", F, {
                   "customer_without_readings": F.col("has_readings").isNull(),
                   "customer_already_curated": F.col("trustedLine") > F.col("first_line")}))
               .persist(StorageLevel.MEMORY_AND_DISK))
    tally("customer_curated", curated)
    customer_curated = publish(curated.where("status = 'admitted'"), "curated", "customer_curated",
                               ["trustedLine"])
    curated_serials = (curated.where("status = 'admitted'")
                       .select("email_key", F.col("serialNumber").alias("curated_serial")))

    # step trainer (after customer_curated: a plan may require a curated serial)
    step_rows = read("step_trainer", STEP_FIELDS)
    step = (step_rows.join(serial_owners, "serialNumber", "left")
            .withColumn("key", F.when(F.col("owners") == 1, F.col("owner_key")))
            .join(customer_status, "key", "left")
            .join(curated_serials.select(F.col("curated_serial").alias("serialNumber"))
                  .distinct().withColumn("serial_curated", F.lit(True)), "serialNumber", "left")
            .withColumn("status", plan_engines.spark_decide(
                plan, "step_trainer_trusted", F, dict(
                    status_checks, serial_unknown=F.col("owners").isNull(),
                    serial_shared=F.col("owners") > 1,
                    serial_not_curated=F.col("serial_curated").isNull(),
                    before_consent_time=F.col("sensorReadingTime") < F.col("consent_time"))))
            .withColumn("customerId", F.when(F.col("customer_status").isNotNull(), pseudonym_of("key")))
            .persist(StorageLevel.MEMORY_AND_DISK))
    tally("step_trainer_trusted", step)
    step_trusted = publish(step.where("status = 'admitted'"), "trusted", "step_trainer_trusted",
                           ["fileIndex", "line"])
    step_quarantine = quarantine(step, "step_trainer_landing")

    # machine_learning_curated: the pairs of the plan's join keys; each trusted reading is
    # admitted if it is in a pair, else no_match. The row's customer is the accelerometer
    # reading's; a pair whose accelerometer customer has no customer_curated row with the step
    # reading's serial is a cross-customer pair (the hazard, where the plan declares it).
    join = next(j for j in plan["joins"] if j["table"] == "machine_learning_curated")
    by_customer = any(k["left"] == "customer" for k in join["keys"])
    s = step_trusted.select(F.col("key").alias("stepKey"), F.col("sensorReadingTime").alias("t"),
                            "sensorReadingTime", "serialNumber", "distanceFromObject",
                            F.col("dstLine").alias("stepLine"), F.col("digest").alias("stepDigest"),
                            F.col("customerId").alias("stepCustomerId"))
    a = acc_trusted.select(F.col("key").alias("accKey"), F.col("timestamp").alias("at"), "user", "timestamp",
                           "x", "y", "z", F.col("dstLine").alias("accLine"), F.col("digest").alias("accDigest"),
                           "customerId")
    condition = s["t"] == a["at"]
    if by_customer:
        condition = condition & (s["stepKey"] == a["accKey"])
    pairs = (s.join(a, condition)
             .join(curated_serials.withColumnRenamed("email_key", "accKey"), "accKey", "left")
             .withColumn("cross", F.col("curated_serial").isNull() | (F.col("curated_serial") != F.col("serialNumber")))
             .persist(StorageLevel.MEMORY_AND_DISK))
    ml = publish(pairs, "curated", "machine_learning_curated", ["accLine", "stepLine"])
    hazards = {"cross_customer_join": pairs.where("cross").count()} if counts_cross_customer else {}
    paired_acc = pairs.select("accLine").distinct().withColumn("paired", F.lit(True))
    paired_step = pairs.select("stepLine").distinct().withColumn("paired", F.lit(True))
    acc_ml = (acc_trusted.join(paired_acc, acc_trusted["dstLine"] == paired_acc["accLine"], "left")
              .withColumn("status", F.when(F.col("paired"), "admitted").otherwise(reason_of("no_join_partner"))))
    step_ml = (step_trusted.join(paired_step, step_trusted["dstLine"] == paired_step["stepLine"], "left")
               .withColumn("status", F.when(F.col("paired"), "admitted").otherwise(reason_of("no_join_partner"))))
    rows_in = counts["accelerometer_trusted"]["admitted"] + counts["step_trainer_trusted"]["admitted"]
    unmatched = acc_ml.where(F.col("status") != "admitted").count() + step_ml.where(F.col("status") != "admitted").count()
    counts["machine_learning_curated"] = {
        "rowsIn": rows_in, "admitted": rows_in - unmatched,
        "excluded": {reason_of("no_join_partner"): unmatched} if unmatched else {},
        "quarantined": {}, "rowsOut": ml.count()}

    if options.lineage:
        null_line = F.lit(None).cast("bigint")
        # Landing rows to their trusted table (admitted: its line; excluded: none) or quarantine.
        for source, frame, trusted, quarantined, table in (
                ("customer_landing", all_customers, customer_trusted, customer_quarantine, "customer_trusted"),
                ("accelerometer_landing", acc, acc_trusted, acc_quarantine, "accelerometer_trusted"),
                ("step_trainer_landing", step, step_trusted, step_quarantine, "step_trainer_trusted")):
            files_of = spark.createDataFrame(
                [(i, os.path.relpath(p, landing)) for i, p in enumerate(files[source.split("_landing")[0]])],
                "fileIndex int, srcFile string")
            placed = (trusted.select("fileIndex", "line", "dstLine")
                      .unionByName(quarantined.select("fileIndex", "line", "dstLine")))
            rows = (frame.select("fileIndex", "line", "digest", "status", "customerId")
                    .join(placed, ["fileIndex", "line"], "left").join(files_of, "fileIndex")
                    .withColumnRenamed("line", "srcLine")
                    .withColumn("dstLine", F.when(F.col("status") == "admitted", F.col("dstLine"))
                                .when(F.col("status").isin(*sorted(quarantine_reasons)), F.col("dstLine"))
                                .otherwise(null_line)))
            movements(rows, source, table)
        # Trusted customers to customer_curated.
        movements(curated.join(customer_curated.select("trustedLine", "dstLine"), "trustedLine", "left")
                  .select(F.lit("customer_trusted").alias("srcFile"), F.col("trustedLine").alias("srcLine"),
                          "digest", "status", "dstLine", "customerId"),
                  "customer_trusted", "customer_curated")
        # Trusted readings to machine_learning_curated: one movement per parent of each pair,
        # one no_match movement per reading in no pair.
        ml_rows = ml.select("dstLine", "accLine", "accDigest", "stepLine", "stepDigest", "customerId",
                            "stepCustomerId")
        movements(ml_rows.select(F.lit("accelerometer_trusted").alias("srcFile"), F.col("accLine").alias("srcLine"),
                                 F.col("accDigest").alias("digest"), F.lit("admitted").alias("status"),
                                 "dstLine", "customerId"), "accelerometer_trusted", "machine_learning_curated")
        movements(ml_rows.select(F.lit("step_trainer_trusted").alias("srcFile"), F.col("stepLine").alias("srcLine"),
                                 F.col("stepDigest").alias("digest"), F.lit("admitted").alias("status"),
                                 "dstLine", F.col("stepCustomerId").alias("customerId")),
                  "step_trainer_trusted", "machine_learning_curated")
        for table, frame in (("accelerometer_trusted", acc_ml), ("step_trainer_trusted", step_ml)):
            movements(frame.where(F.col("status") != "admitted").select(
                F.lit(table).alias("srcFile"), F.col("dstLine").alias("srcLine"), "digest", "status",
                null_line.alias("dstLine"), "customerId"), table, "machine_learning_curated")
        lineage = lineage_parts[0]
        for part in lineage_parts[1:]:
            lineage = lineage.unionByName(part)
        # In the order the local layer records (and `verify` reads): customers, then readings,
        # then the curated side; within a table by file and line.
        rank = F.when(F.col("srcTable") == "customer_landing", 0)
        for index, name in enumerate(("accelerometer_landing", "step_trainer_landing", "customer_trusted",
                                      "accelerometer_trusted", "step_trainer_trusted"), start=1):
            rank = rank.when(F.col("srcTable") == name, index)
        (lineage.orderBy(rank, "srcFile", "srcLine", "dstTable", "dstLine")
         .write.mode("overwrite").parquet(os.path.join(out, "lineage")))
        with open(os.path.join(out, "counts.json"), "w") as handle:
            json.dump({"tables": counts, "hazards": hazards, "sparkVersion": spark.version}, handle, sort_keys=True)

    spark.stop()
    print(json.dumps({"tables": counts, "hazards": hazards, "details": {"sparkVersion": spark.version}}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except plan_engines.PlanError as error:
        print(f"stedi-audit spark job: {error}", file=sys.stderr)
        sys.exit(3)
