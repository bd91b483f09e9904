#!/usr/bin/env python3
"""The benchmark peers, generated from a stedi-audit decision plan (docs/decision-plan.md).

`stedi-audit policy plan --profile strict --json` prints the plan: per table, the guards a row must
pass in order and the reason each yields, the columns, the join keys. This module turns it into
the parts of the peer engines that carry the rules, so that no copy of the rules is kept by hand:

* `render_sql(template, plan)`: bench/strict.sql with its `{{...}}` markers replaced (decision
  chains, reason strings, consent field, join keys, column lists);
* the `SPARK_*` tables and `spark_*` helpers that spark/stedi_spark_job.py builds its decisions from.

What stays hand-written is the vocabulary: the SQL (or Spark) expression of each check and each
column, below. A plan that needs a check, a column, a setting or a hazard this vocabulary lacks is
refused with an error naming it, never silently skipped.

    python3 spark/plan_engines.py sql PLAN.json     # prints the rendered strict.sql
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
SQL_TEMPLATE = os.path.join(HERE, os.pardir, "bench", "strict.sql")


class PlanError(Exception):
    """The plan asks for something the peer engines do not implement."""


# Where a failing row's check is tested, per check: aliases r (the row), c (its customer),
# o (its serial's owners). The benchmark records no withdrawal, so no customer is withdrawn.
SQL_CHECKS = {
    "json_syntax": "malformed",
    "table_schema": "NOT valid",
    "user_unknown": "c.email_key IS NULL",
    "serial_unknown": "o.serialNumber IS NULL",
    "serial_shared": "o.owners > 1",
    "customer_withdrawn": "false",
    "customer_ambiguous": "c.status = 'ambiguous'",
    "customer_not_consented": "c.status = 'not_consented'",
    "before_consent_time": "r.ts < c.consent_time",
}

# customer_trusted is decided per group of one email key: each check's count, from `customers`
# (one row per email key) or `customer_rows` (one row per line).
SQL_CUSTOMER_COUNTS = {
    "json_syntax": None,  # with table_schema: the lines that failed to parse, by status
    "table_schema": None,
    "exact_copy": "sum(duplicates) FROM customers",
    "tied_latest_update": "sum(distinct_records) FROM customers WHERE status = 'ambiguous'",
    "older_update": "sum(distinct_records - 1) FROM customers WHERE status <> 'ambiguous'",
    "record_without_consent": "count(*) FROM customers WHERE status = 'not_consented'",
    "customer_withdrawn": "0",
}

# Each output column, per table: the SQL expression that writes it.
CUSTOMER_COLUMNS = ["customerName", "email", "phone", "birthDay", "serialNumber",
                    "registrationDate", "lastUpdateDate", "shareWithResearchAsOfDate",
                    "shareWithPublicAsOfDate", "shareWithFriendsAsOfDate"]
SQL_COLUMNS = {
    "customer_trusted": {name: name for name in CUSTOMER_COLUMNS},
    "accelerometer_trusted": {"user": '"user"', "timestamp": 'ts AS "timestamp"', "x": "x",
                              "y": "y", "z": "z"},
    "step_trainer_trusted": {"sensorReadingTime": "ts AS sensorReadingTime",
                             "serialNumber": "serialNumber",
                             "distanceFromObject": "distanceFromObject"},
    "customer_curated": dict({name: name for name in CUSTOMER_COLUMNS}, customerId="customerId"),
    "machine_learning_curated": {
        "customerId": "p.customerId", "sensorReadingTime": "s.ts AS sensorReadingTime",
        "serialNumber": "s.serialNumber", "distanceFromObject": "s.distanceFromObject",
        "user": 'a."user"', "timestamp": 'a.ts AS "timestamp"', "x": "a.x", "y": "a.y",
        "z": "a.z"},
}

# A join key of the plan -> the column of both sides in strict.sql.
SQL_JOIN_KEYS = {("customer", "customer"): "email_key", ("sensorReadingTime", "timestamp"): "ts"}


def load(path):
    with open(path) as handle:
        plan = json.load(handle)
    if plan.get("format") != 1:
        raise PlanError(f"plan format {plan.get('format')!r} (this generator reads format 1)")
    return plan


def table(plan, name):
    for entry in plan["tables"]:
        if entry["table"] == name:
            return entry
    raise PlanError(f"the plan has no table {name}")


def guards(plan, name):
    return table(plan, name)["guards"]


def reason_of(plan, check):
    for entry in plan["tables"]:
        for guard in entry["guards"]:
            if guard["check"] == check:
                return guard["reason"]
    raise PlanError(f"the plan has no guard {check}")


def require_supported(plan):
    """The settings strict.sql's hand-written parts implement (customer resolution, keys)."""
    identity = plan["identity"]
    wanted = {"emailMatch": "case_insensitive", "conflicts": "latest_update_wins",
              "keyMatch": "exact"}
    for key, value in wanted.items():
        if identity[key] != value:
            raise PlanError(f"identity.{key} {identity[key]!r}: the peers implement only {value!r}")
    if plan["hazards"]:
        raise PlanError("the peers count no hazard: " + ", ".join(h["kind"] for h in plan["hazards"]))
    order = [entry["table"] for entry in plan["tables"]]
    if order.index("customer_curated") < order.index("step_trainer_trusted"):
        raise PlanError("step_trainer_trusted after customer_curated is not implemented")


def require_spark_supported(plan):
    """The settings the Spark job's hand-written parts implement: both shipped profiles' identity
    rules and joins, exact field keys, and the cross_customer_join hazard."""
    identity = plan["identity"]
    supported = {"emailMatch": ("case_insensitive", "exact"),
                 "conflicts": ("latest_update_wins", "keep_all"), "keyMatch": ("exact",)}
    for key, values in supported.items():
        if identity[key] not in values:
            raise PlanError(f"identity.{key} {identity[key]!r}: the Spark job implements {' and '.join(values)}")
    for hazard in plan["hazards"]:
        if hazard["kind"] != "cross_customer_join":
            raise PlanError(f"the Spark job counts no hazard {hazard['kind']}")


def quoted(text):
    return "'" + text.replace("'", "''") + "'"


def sql_decide(plan, name):
    """CASE WHEN <check fails> THEN '<reason>' ... ELSE 'admitted' END, in the plan's order."""
    branches = []
    for guard in guards(plan, name):
        condition = SQL_CHECKS.get(guard["check"])
        if condition is None:
            raise PlanError(f"{name}: no SQL for the check {guard['check']}")
        branches.append(f"WHEN {condition} THEN {quoted(guard['reason'])}")
    return "CASE " + "\n       ".join(branches) + " ELSE 'admitted' END"


def sql_customer_counts(plan):
    lines = []
    for guard in guards(plan, "customer_trusted"):
        check = guard["check"]
        if check not in SQL_CUSTOMER_COUNTS:
            raise PlanError(f"customer_trusted: no SQL count for the check {check}")
        expression = SQL_CUSTOMER_COUNTS[check]
        if expression is None:
            if check == "json_syntax":
                lines.append("SELECT 'customer_trusted', 'quarantined', status, count(*) "
                             "FROM customer_rows\n  WHERE status <> 'valid' GROUP BY status")
            continue
        kind = "quarantined" if guard["decision"] == "quarantined" else "excluded"
        lines.append(f"SELECT 'customer_trusted', '{kind}', {quoted(guard['reason'])}, {expression}")
    return "\nUNION ALL\n".join(lines)


def sql_columns(plan, name):
    vocabulary = SQL_COLUMNS[name]
    columns = table(plan, name)["columns"]
    missing = [c for c in columns if c not in vocabulary]
    if missing:
        raise PlanError(f"{name}: no SQL for the column(s) {', '.join(missing)}")
    return ", ".join(vocabulary[c] for c in columns)


def sql_join(plan):
    join = next(j for j in plan["joins"] if j["table"] == "machine_learning_curated")
    keys = []
    for key in join["keys"]:
        column = SQL_JOIN_KEYS.get((key["left"], key["right"]))
        if column is None:
            raise PlanError(f"no SQL for the join key {key['left']} = {key['right']}")
        keys.append(column)
    return keys


def render_sql(template, plan):
    require_supported(plan)
    keys = sql_join(plan)
    quarantine = [g["reason"] for g in guards(plan, "accelerometer_trusted")
                  if g["decision"] == "quarantined"]

    def replace(match):
        words = match.group(1).split()
        kind, argument = words[0], words[1] if len(words) > 1 else None
        if kind == "decide":
            return sql_decide(plan, argument)
        if kind == "reason":
            return reason_of(plan, argument)
        if kind == "columns":
            return sql_columns(plan, argument)
        if kind == "customer_counts":
            return sql_customer_counts(plan)
        if kind == "consent_field":
            return plan["identity"]["consentField"]
        if kind == "quarantine_reasons":
            return ", ".join(quoted(r) for r in quarantine)
        if kind == "join_keys":
            return ", ".join(keys)
        if kind == "join_on":
            return " AND ".join(f"a.{k} = s.{k}" for k in keys)
        raise PlanError(f"unknown template marker {{{{{match.group(1)}}}}}")

    rendered = re.sub(r"\{\{([^}]+)\}\}", replace, template)
    if "{{" in rendered:
        raise PlanError("a template marker was left unrendered")
    return rendered


def spark_fields(plan, landing_table):
    """[(name, kind, required)] of a landing table, kinds as spark_strict.py's parser names them."""
    kinds = {"key_string": "string", "identity_string": "identity", "time": "time",
             "number": "number"}
    for entry in plan["landing"]:
        if entry["table"] == landing_table:
            return [(f["name"], kinds[f["kind"]], f["required"]) for f in entry["fields"]]
    raise PlanError(f"the plan has no landing table {landing_table}")


def spark_decide(plan, name, F, predicates):
    """A Spark column: the first failing guard's reason, else 'admitted' (None keeps parsing's)."""
    column = None
    for guard in guards(plan, name):
        check = guard["check"]
        if check not in predicates:
            raise PlanError(f"{name}: no Spark expression for the check {check}")
        condition = predicates[check]
        column = (F.when(condition, guard["reason"]) if column is None
                  else column.when(condition, guard["reason"]))
    return column.otherwise("admitted")


def main(arguments):
    if len(arguments) != 2 or arguments[0] != "sql":
        print("usage: plan_engines.py sql PLAN.json", file=sys.stderr)
        return 2
    try:
        with open(SQL_TEMPLATE) as handle:
            print(render_sql(handle.read(), load(arguments[1])), end="")
    except PlanError as error:
        print(f"plan_engines: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
