#!/usr/bin/env python3
"""The `strict` profile of stedi-audit (docs/semantics.md) in PySpark, local mode.

Used by `scripts/bench --with-spark`; runs on its own as
    stedi-audit policy plan --profile strict --json > plan.json
    python bench/spark_strict.py --landing DIR --out DIR --plan plan.json [--threads N]

The rules come from the decision plan (docs/decision-plan.md) through bench/plan_engines.py: the
landing fields and their kinds, the consent field, each table's decision chain (its guards in
order, each with its reason code), the join keys and every written column list. What is
hand-written here is the vocabulary (the Spark expression of each check) and the line parser.
and prints one JSON line: {"tables": {table: {rowsIn, admitted, excluded, quarantined, rowsOut}}}.

Lines are read with Spark's text source split on LF only, as bytes; every line is validated and
decoded in Python (mapInArrow, Arrow batches), by the same rules as stedi-audit: UTF-8, RFC 8259
JSON (no NaN/Infinity, no lone surrogates, no trailing content), an object, required fields of the
right type, no top-level key twice, times integral within 64 bits (exactly, from the text),
numbers finite doubles. Everything after that (identity, consent, serials, joins, counts) is
Spark DataFrame code; the trusted, curated and quarantine tables are written as JSON lines.

Differences from stedi-audit that no generated data exercises: nesting deeper than Python's
recursion limit (~1000) is malformed here, deeper than 512 there; Python's str.lower() and
strip() of email keys are Unicode-aware like Swift's but not identical for every letter, and
strings are compared by code points (Swift: canonical equivalence).
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
            values.append(number)
    return "valid", values


def parser(fields):
    """A mapInArrow function: binary lines in, (status, raw, fields...) out; blank lines dropped."""
    def parse(batches):
        import pyarrow as pa
        decoder = make_decoder()
        names = ["status", "raw"] + [name for name, _, _ in fields]
        for batch in batches:
            columns = [[] for _ in names]
            for raw in batch.column(0).to_pylist():
                status, values = parse_line(raw, fields, decoder)
                if status is None:
                    continue
                columns[0].append(status)
                columns[1].append(raw.decode("utf-8", "replace") if status != "valid" else None)
                for index in range(len(fields)):
                    columns[index + 2].append(values[index] if values else None)
            yield pa.RecordBatch.from_arrays(
                [pa.array(c, type=t) for c, t in zip(columns, arrow_types(fields))], names=names)
    return parse


def arrow_types(fields):
    import pyarrow as pa
    kinds = {"string": pa.string(), "identity": pa.string(), "time": pa.int64(),
             "number": pa.float64()}
    return [pa.string(), pa.string()] + [kinds[kind] for _, kind, _ in fields]


def spark_schema(fields):
    kinds = {"string": "string", "identity": "string", "time": "bigint", "number": "double"}
    return ", ".join(["status string", "raw string"]
                     + [f"`{name}` {kinds[kind]}" for name, kind, _ in fields])


# The parser's outcome of a line that fails: its check in the plan (which names the reason).
PARSE_OUTCOMES = {"json_syntax": "malformed", "table_schema": "schema_violation"}


# ------------------------------------------------------------------------------------------------
# the job
# ------------------------------------------------------------------------------------------------

def email_key_of(email):
    return None if email is None else email.strip(" \t\r\n").lower()


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--landing", required=True)
    arguments.add_argument("--out", required=True)
    arguments.add_argument("--threads", type=int)
    arguments.add_argument("--driver-memory", default="8g")
    arguments.add_argument("--plan", required=True, help="stedi-audit policy plan --json output")
    options = arguments.parse_args()
    plan = plan_engines.load(options.plan)
    plan_engines.require_supported(plan)
    CUSTOMER_FIELDS = plan_engines.spark_fields(plan, "customer_landing")
    ACCELEROMETER_FIELDS = plan_engines.spark_fields(plan, "accelerometer_landing")
    STEP_FIELDS = plan_engines.spark_fields(plan, "step_trainer_landing")
    consent = plan["identity"]["consentField"]
    quarantine_reasons = {g["reason"] for t in plan["tables"] for g in t["guards"]
                          if g["decision"] == "quarantined"}

    def columns(table):
        return plan_engines.table(plan, table)["columns"]
    landing, out = os.path.realpath(options.landing), os.path.realpath(options.out)

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers: this interpreter (venv)
    from pyspark.sql import SparkSession, functions as F
    from pyspark.storagelevel import StorageLevel

    threads = options.threads or os.cpu_count()
    spark = (SparkSession.builder.master(f"local[{threads}]").appName("stedi-strict")
             .config("spark.driver.memory", options.driver_memory)
             .config("spark.sql.shuffle.partitions", str(max(threads * 2, 4)))
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.execution.arrow.maxRecordsPerBatch", "20000")
             .config("spark.local.dir", os.path.join(out, "spark-tmp"))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    key = os.urandom(32)

    def read(source, fields):
        lines = (spark.read.option("lineSep", "\n").text(landing_files(landing, source))
                 .select(F.col("value").cast("binary").alias("line")))
        return lines.mapInArrow(parser(fields), spark_schema(fields)).persist(
            StorageLevel.MEMORY_AND_DISK)

    email_key = F.udf(email_key_of, "string")
    pseudonym = F.udf(lambda k: hmac.new(key, b"stedi-audit/v1/email\0" + k.encode(),
                                         hashlib.sha256).hexdigest()[:32], "string")
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
        counts[table] = entry
        return entry

    def write(frame, zone, table):
        frame.write.mode("overwrite").json(os.path.join(out, zone, table))

    # customers
    customer_rows = read("customer", CUSTOMER_FIELDS)
    valid = (customer_rows.where("status = 'valid'").drop("status", "raw")
             .withColumn("email_key", email_key("email")))
    known = [name for name, _, _ in CUSTOMER_FIELDS]
    distinct = (valid.groupBy("email_key", *known).agg(F.count("*").alias("copies"))
                .withColumn("updated", F.coalesce("lastUpdateDate", "registrationDate",
                                                  F.lit(INT64_MIN).cast("bigint"))))
    latest = distinct.groupBy("email_key").agg(F.max("updated").alias("latest"),
                                               F.count("*").alias("distinct_records"),
                                               (F.sum("copies") - F.count("*")).alias("duplicates"))
    tops = (distinct.join(latest, "email_key").where("updated = latest")
            .groupBy("email_key").agg(F.count("*").alias("top_count"),
                                      *[F.first(c).alias(c) for c in known]))
    customers = (latest.join(tops, "email_key")
                 .withColumn("status", F.when(F.col("top_count") > 1, "ambiguous")
                             .when(F.col(consent).isNotNull(), "consented")
                             .otherwise("not_consented"))
                 .withColumn("consent_time", F.when(F.col("top_count") == 1, F.col(consent)))
                 .persist(StorageLevel.MEMORY_AND_DISK))
    serial_owners = (valid.groupBy("serialNumber")
                     .agg(F.countDistinct("email_key").alias("owners"),
                          F.min("email_key").alias("owner_key")))
    pseudonyms = (customers.where("status = 'consented'").select("email_key")
                  .withColumn("customerId", pseudonym("email_key")))

    # customer_trusted is decided per email key: each guard's count (the benchmark records no
    # withdrawal).
    group_counts = {
        "exact_copy": F.sum("duplicates"),
        "tied_latest_update": F.sum(F.when(F.col("status") == "ambiguous", F.col("distinct_records"))),
        "older_update": F.sum(F.when(F.col("status") != "ambiguous", F.col("distinct_records") - 1)),
        "record_without_consent": F.sum(F.when(F.col("status") == "not_consented", 1)),
        "customer_withdrawn": F.lit(0),
    }
    group_guards = [g for g in plan_engines.guards(plan, "customer_trusted")
                    if g["check"] not in PARSE_OUTCOMES]
    for guard in group_guards:
        if guard["check"] not in group_counts:
            raise plan_engines.PlanError(f"customer_trusted: no Spark count for {guard['check']}")
    summary = customers.agg(
        *[group_counts[g["check"]].alias(f"guard{i}") for i, g in enumerate(group_guards)],
        F.sum(F.when(F.col("status") == "consented", 1)).alias("admitted")).first()
    reasons = {PARSE_OUTCOMES[g["check"]]: g["reason"]
               for g in plan_engines.guards(plan, "customer_trusted") if g["check"] in PARSE_OUTCOMES}
    quarantined = {reasons[r["status"]]: r["count"] for r in
                   customer_rows.where("status <> 'valid'").groupBy("status").count().collect()}
    excluded = {}
    for i, guard in enumerate(group_guards):
        excluded[guard["reason"]] = excluded.get(guard["reason"], 0) + int(summary[f"guard{i}"] or 0)
    admitted = int(summary["admitted"] or 0)
    counts["customer_trusted"] = {
        "rowsIn": customer_rows.count(),
        "admitted": admitted, "excluded": excluded, "quarantined": quarantined,
        "rowsOut": admitted}
    write(customers.where("status = 'consented'").select(*columns("customer_trusted")), "trusted",
          "customer_trusted")

    # The Spark expression of each check on a reading's customer (the benchmark records no
    # withdrawal); the parser's outcome for the decoding checks.
    status_checks = {
        "json_syntax": F.col("status") == PARSE_OUTCOMES["json_syntax"],
        "table_schema": F.col("status") == PARSE_OUTCOMES["table_schema"],
        "customer_withdrawn": F.lit(False),
        "customer_ambiguous": F.col("customer_status") == "ambiguous",
        "customer_not_consented": F.col("customer_status") == "not_consented",
    }

    # accelerometer
    acc_rows = read("accelerometer", ACCELEROMETER_FIELDS)
    acc = (acc_rows.withColumn("key", F.when(F.col("status") == "valid", email_key("user")))
           .join(customers.select(F.col("email_key").alias("key"),
                                  F.col("status").alias("customer_status"), "consent_time"),
                 "key", "left")
           .withColumn("status", plan_engines.spark_decide(
               plan, "accelerometer_trusted", F, dict(
                   status_checks, user_unknown=F.col("customer_status").isNull(),
                   before_consent_time=F.col("timestamp") < F.col("consent_time"))))
           .persist(StorageLevel.MEMORY_AND_DISK))
    tally("accelerometer_trusted", acc)
    acc_trusted = acc.where("status = 'admitted'")
    write(acc_trusted.select(*columns("accelerometer_trusted")), "trusted",
          "accelerometer_trusted")
    counts["accelerometer_trusted"]["rowsOut"] = counts["accelerometer_trusted"]["admitted"]

    # step trainer
    step_rows = read("step_trainer", STEP_FIELDS)
    step = (step_rows.join(serial_owners, "serialNumber", "left")
            .withColumn("key", F.when(F.col("owners") == 1, F.col("owner_key")))
            .join(customers.select(F.col("email_key").alias("key"),
                                   F.col("status").alias("customer_status"), "consent_time"),
                  "key", "left")
            .withColumn("status", plan_engines.spark_decide(
                plan, "step_trainer_trusted", F, dict(
                    status_checks, serial_unknown=F.col("owners").isNull(),
                    serial_shared=F.col("owners") > 1,
                    before_consent_time=F.col("sensorReadingTime") < F.col("consent_time"))))
            .persist(StorageLevel.MEMORY_AND_DISK))
    tally("step_trainer_trusted", step)
    step_trusted = step.where("status = 'admitted'")
    write(step_trusted.select(*columns("step_trainer_trusted")), "trusted",
          "step_trainer_trusted")
    counts["step_trainer_trusted"]["rowsOut"] = counts["step_trainer_trusted"]["admitted"]

    # quarantine
    for source, frame in (("customer_landing", customer_rows), ("accelerometer_landing", acc),
                          ("step_trainer_landing", step)):
        write(frame.where(F.col("status").isin(*sorted(quarantine_reasons)))
              .select(F.lit(source).alias("table"), F.col("status").alias("reason"), "raw"),
              "quarantine", source)

    # customer_curated
    with_readings = acc_trusted.select(F.col("key").alias("email_key")).distinct()
    curated = (customers.where("status = 'consented'").join(pseudonyms, "email_key")
               .join(with_readings.withColumn("has_readings", F.lit(True)), "email_key", "left")
               .withColumn("status", F.when(F.col("has_readings"), "admitted")
                           .otherwise(plan_engines.reason_of(plan, "customer_without_readings")))
               .persist(StorageLevel.MEMORY_AND_DISK))
    tally("customer_curated", curated)
    counts["customer_curated"]["rowsOut"] = counts["customer_curated"]["admitted"]
    write(curated.where("status = 'admitted'").select(*columns("customer_curated")),
          "curated", "customer_curated")

    # machine_learning_curated
    a = acc_trusted.groupBy("key", F.col("timestamp").alias("t")).agg(F.count("*").alias("na"))
    s = step_trusted.groupBy("key", F.col("sensorReadingTime").alias("t")).agg(
        F.count("*").alias("ns"))
    join_keys = [{"customer": "key", "sensorReadingTime": "t"}[k["left"]]
                 for k in next(j for j in plan["joins"]
                               if j["table"] == "machine_learning_curated")["keys"]]
    matched = a.join(s, join_keys).agg(F.sum(F.col("na") * F.col("ns")).alias("pairs"),
                                          F.sum("na").alias("na"), F.sum("ns").alias("ns")).first()
    rows_in = counts["accelerometer_trusted"]["admitted"] + counts["step_trainer_trusted"]["admitted"]
    matched_rows = int(matched["na"] or 0) + int(matched["ns"] or 0)
    counts["machine_learning_curated"] = {
        "rowsIn": rows_in, "admitted": matched_rows,
        "excluded": {plan_engines.reason_of(plan, "no_join_partner"): rows_in - matched_rows},
        "quarantined": {},
        "rowsOut": int(matched["pairs"] or 0)}
    pairs = (step_trusted.select("key", F.col("sensorReadingTime").alias("t"), "sensorReadingTime",
                                 "serialNumber", "distanceFromObject")
             .join(acc_trusted.select("key", F.col("timestamp").alias("t"), "user", "timestamp",
                                      "x", "y", "z"), join_keys)
             .join(pseudonyms.withColumnRenamed("email_key", "key"), "key")
             .select(*columns("machine_learning_curated")))
    write(pairs, "curated", "machine_learning_curated")

    spark.stop()
    print(json.dumps({"tables": counts, "details": {"sparkVersion": spark.version}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
