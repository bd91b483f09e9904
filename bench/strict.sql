-- The `strict` profile of stedi-audit (docs/semantics.md) in DuckDB SQL, for scripts/bench.
--
-- A TEMPLATE, rendered from the decision plan (`stedi-audit policy plan --profile strict --json`,
-- docs/decision-plan.md) by bench/plan_engines.py: each table's decision chain (the plan's guards
-- in order, each with its reason code), the reason strings, the consent field, the join keys and
-- every COPY's column list come from the plan; this file holds only the SQL for each check and
-- column (the vocabulary in bench/plan_engines.py) and the line validation below. Render it with
--   python3 bench/plan_engines.py sql PLAN.json > strict-rendered.sql
--
-- Reads the landing JSON-lines files as raw text, validates and parses every line, resolves the
-- customers, decides every row of every table with the same reason codes as stedi-audit, WRITES
-- the trusted, curated and quarantine tables as JSON-lines files (like stedi-audit) and ends
-- with one result: the per-table counts (table, kind, reason, n), kind being rows_in, admitted,
-- excluded, quarantined or rows_out.
--
-- Inputs, set by the caller before this file runs (scripts/bench does it):
--   SET VARIABLE customer_files      = ['…/customer/landing/customer-0001.json', …];
--   SET VARIABLE accelerometer_files = [...];
--   SET VARIABLE step_trainer_files  = [...];
--       each list in the order stedi-audit reads them (the caller picks `landing/` if present and
--       keeps *.json, *.jsonl, *.ndjson not starting with '.', sorted by bytes of the name);
--   SET VARIABLE hmac_ipad = unhex('…');  SET VARIABLE hmac_opad = unhex('…');
--       the 64-byte HMAC-SHA256 inner and outer pads of the pseudonym key (key XOR 0x36 / 0x5c),
--       so customerId = first 128 bits of HMAC-SHA256(key, "stedi-audit/v1/email\0" || email key),
--       as stedi-audit computes it.
-- Outputs are written relative to the working directory: trusted/<table>.jsonl,
-- curated/<table>.jsonl, quarantine/<table>.jsonl (the directories must exist).
--
-- How the line-level rules of docs/semantics.md are met
-- * Lines: read_ndjson_objects(…, ignore_errors=true) splits on LF only (a CR inside a line is
--   JSON white space, a trailing CR is dropped), skips empty and white-space-only lines (not
--   rows) and returns one row per other line: its text, or NULL if yyjson rejects it (not JSON,
--   not UTF-8, trailing content, truncated, …) -> `malformed`.
-- * yyjson as DuckDB configures it accepts three things RFC 8259 (and stedi-audit) reject:
--   trailing commas (`[1,]`, `{"a":1,}`), and NaN / Inf / Infinity literals in any letter case.
--   A cheap regular expression finds candidate lines; for those, the string literals are blanked
--   out and an exact expression is applied, so a string that merely contains ",]" or ":nan" is
--   not hit. Hits are `malformed`.
-- * Valid JSON that is not an object, lacks a required field, has a field of the wrong type or
--   has a key twice (json_keys with duplicates) is `schema_violation`. A non-object has no keys,
--   so it fails the required-field test.
-- * Times: an integral number within 64 bits, however written (`1655564376361`,
--   `1655564376361.0`, `1.655564376361e12`). JSON integers (BIGINT, or UBIGINT when positive)
--   must fit in BIGINT; other numbers are checked exactly from their decimal text (json_time).
--   Numbers (x, y, z, distanceFromObject): any number whose value is a finite double
--   (`18446744073709551615` is one, `1e400` is not). Identity-only fields (customerName, phone,
--   birthDay) may be strings or numbers (identity_text); `input.key_match: case_insensitive` is
--   not implemented here (the benchmark runs the shipped strict policy, whose keys match exactly).
--
-- Residual differences from stedi-audit, none of which the generator produces (scripts/bench
-- prints them with every result):
-- * DuckDB's line reader treats form feed and vertical tab (\f, \v) as white space and skips a
--   UTF-8 byte-order mark at the start of a file: a line made only of such bytes is skipped (not
--   a row), one that merely starts or ends with them is read without them; stedi-audit counts
--   the line and quarantines it as malformed (they are not JSON white space).
-- * Nesting deeper than 512 levels: stedi-audit says malformed, yyjson accepts.
-- * Lines longer than maximum_object_size (64 MiB here) are malformed here.
-- * Email keys: trimming of space/tab/CR/LF and lower() are the same for ASCII; for a few
--   non-ASCII letters Swift's full Unicode lower-casing differs from DuckDB's lower()
--   (e.g. U+0130 'İ'), and Swift compares strings by canonical equivalence (NFC "é" equals NFD
--   "é") where SQL compares bytes: such customers could group or de-duplicate differently.
-- * A time written as a non-integer literal (`1.0`, `1e3`) is checked exactly from its text,
--   found with a regular expression; only if a nested object holds the same key earlier in the
--   line AND its value differs does the check fall back to the double (exact below 2^53).

SET preserve_insertion_order = false;

-- Syntax checks (RE2). A first, cheap expression finds the lines that may hold a trailing comma
-- or a NaN/Inf literal; for those only, the exact expression is applied to the line with its
-- string literals replaced by "" (so `"a,]"` or `"x:nan"` inside a string is not a hit).
CREATE OR REPLACE TEMP MACRO rfc_extension_hit(j) AS
  CASE WHEN regexp_matches(j, ',\s*[\]}]|[:,\[]\s*[-+]?[nNiI][aAnN]|^\s*[-+]?[nNiI]')
       THEN regexp_matches(regexp_replace(j, '"(?:[^"\\]|\\.)*"', '""', 'g'),
                           ',\s*[\]}]|(^|[:,\[])\s*[-+]?(?i:nan|inf)')
       ELSE false END;

-- No key twice: k = json_keys(line), `known` = how many of the table's fields were found. When
-- the line has exactly that many keys and all were found, they are distinct (the common case,
-- which spares building a set per line).
CREATE OR REPLACE TEMP MACRO keys_distinct(k, known) AS
  CASE WHEN len(k) = known THEN true ELSE list_unique(k) = len(k) END;

-- The exact value of a JSON number's text if it is an integer within 64 bits, else NULL: like
-- stedi-audit, from the decimal digits, not from a double (`9223372036854775807.0` is valid,
-- `9223372036854775808.0` and `1e-400` are not).
-- (Plain expressions, no subquery: a scalar subquery in a macro becomes a correlated join.)
CREATE OR REPLACE TEMP MACRO exact_integral_of(negative, digits, scale) AS
  -- value = (-1)^negative * digits * 10^scale; digits without leading zeros
  CASE
    WHEN rtrim(digits, '0') = '' THEN 0::BIGINT
    WHEN scale IS NULL THEN NULL
    WHEN scale + len(digits) - len(rtrim(digits, '0')) < 0
      OR len(digits) + scale > 19 THEN NULL
    ELSE TRY_CAST(CASE WHEN negative THEN '-' ELSE '' END || rtrim(digits, '0')
                  || repeat('0', (scale + len(digits) - len(rtrim(digits, '0')))::BIGINT)
                  AS BIGINT)
  END;
CREATE OR REPLACE TEMP MACRO exact_integral_parts(p) AS
  CASE WHEN p.whole <> '' THEN exact_integral_of(
    p.sign = '-', ltrim(p.whole || p.fraction, '0'),
    TRY_CAST(CASE WHEN p.exponent = '' THEN '0' ELSE p.exponent END AS BIGINT)
      - len(p.fraction)) END;
CREATE OR REPLACE TEMP MACRO exact_integral(text) AS
  exact_integral_parts(regexp_extract(text,
    '^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([-+]?[0-9]+))?$',
    ['sign', 'whole', 'fraction', 'exponent']));

-- A time: an integral number within 64 bits, else NULL. t = json_type, v = the value's text as
-- DuckDB gives it back, raw = the number as written in the line. JSON integers are exact;
-- yyjson parses other numbers into doubles (and prints them back rounded), so for those the
-- text as written is checked exactly, unless the regular expression that finds it hit another
-- key of the same name (in a nested object) first, seen by its value differing from yyjson's:
-- then the double decides.
CREATE OR REPLACE TEMP MACRO json_time(t, v, raw) AS
  CASE
    WHEN t IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(v AS BIGINT)
    WHEN t = 'DOUBLE' AND TRY_CAST(raw AS DOUBLE) IS NOT DISTINCT FROM TRY_CAST(v AS DOUBLE)
      THEN exact_integral(raw)
    WHEN t = 'DOUBLE' AND isfinite(TRY_CAST(v AS DOUBLE))
      AND TRY_CAST(v AS DOUBLE) = trunc(TRY_CAST(v AS DOUBLE))
      AND TRY_CAST(v AS DOUBLE) >= -9223372036854775808.0
      AND TRY_CAST(v AS DOUBLE) < 9223372036854775808.0
      THEN CAST(TRY_CAST(v AS DOUBLE) AS BIGINT)
  END;

-- The text of the number written for `key` in the line j (the first match; see json_time).
CREATE OR REPLACE TEMP MACRO raw_number(j, key) AS
  regexp_extract(j, '"' || key || '"\s*:\s*(-?[0-9][0-9.eE+-]*)', 1);

-- A number whose value is a finite double, else NULL.
CREATE OR REPLACE TEMP MACRO json_number(t, v) AS
  CASE WHEN t IN ('BIGINT', 'UBIGINT', 'DOUBLE') AND isfinite(TRY_CAST(v AS DOUBLE))
       THEN TRY_CAST(v AS DOUBLE) END;

-- An identity-only field (customerName, phone, birthDay): a string as it is; a number (type
-- drift, docs/semantics.md) as its text, an integral value as its digits.
CREATE OR REPLACE TEMP MACRO identity_text(t, v) AS
  CASE WHEN t = 'DOUBLE' AND TRY_CAST(v AS DOUBLE) = trunc(TRY_CAST(v AS DOUBLE))
            AND abs(TRY_CAST(v AS DOUBLE)) < 9.0e15
       THEN CAST(CAST(TRY_CAST(v AS DOUBLE) AS BIGINT) AS VARCHAR)
       ELSE v END;

-- The email key of the strict profile: white space trimmed, lower-cased.
CREATE OR REPLACE TEMP MACRO email_key(e) AS lower(trim(e, chr(32) || chr(9) || chr(13) || chr(10)));

CREATE OR REPLACE TEMP TABLE counts (tbl VARCHAR, kind VARCHAR, reason VARCHAR, n BIGINT);

------------------------------------------------------------------------------------------------
-- customer landing -> valid records
------------------------------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE customer_rows AS
WITH raw AS (
  SELECT json AS j
  FROM read_ndjson_objects(getvariable('customer_files'), ignore_errors = true,
                           maximum_object_size = 67108864)
), fields AS (
  SELECT j,
    json_type(j, ['$.customerName', '$.email', '$.phone', '$.birthDay', '$.serialNumber',
                  '$.registrationDate', '$.lastUpdateDate', '$.shareWithResearchAsOfDate',
                  '$.shareWithPublicAsOfDate', '$.shareWithFriendsAsOfDate']) AS t,
    json_extract_string(j, ['$.customerName', '$.email', '$.phone', '$.birthDay',
                  '$.serialNumber', '$.registrationDate', '$.lastUpdateDate',
                  '$.shareWithResearchAsOfDate', '$.shareWithPublicAsOfDate',
                  '$.shareWithFriendsAsOfDate']) AS v,
    json_keys(j) AS k
  FROM raw
), syntax AS (
  SELECT *, j IS NULL OR rfc_extension_hit(j) AS malformed FROM fields
), typed AS (
  SELECT j, t, v, k,
    json_time(t[6], v[6], raw_number(j, 'registrationDate')) AS registrationDate,
    json_time(t[7], v[7], raw_number(j, 'lastUpdateDate')) AS lastUpdateDate,
    json_time(t[8], v[8], raw_number(j, 'shareWithResearchAsOfDate')) AS shareWithResearchAsOfDate,
    json_time(t[9], v[9], raw_number(j, 'shareWithPublicAsOfDate')) AS shareWithPublicAsOfDate,
    json_time(t[10], v[10], raw_number(j, 'shareWithFriendsAsOfDate')) AS shareWithFriendsAsOfDate
  FROM syntax WHERE NOT malformed
), checked AS (
  SELECT *, coalesce(
    t[2] = 'VARCHAR' AND v[2] <> '' AND t[5] = 'VARCHAR' AND v[5] <> ''
    AND coalesce(t[1], 'NULL') IN ('NULL', 'VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE')
    AND coalesce(t[3], 'NULL') IN ('NULL', 'VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE')
    AND coalesce(t[4], 'NULL') IN ('NULL', 'VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE')
    AND (coalesce(t[6], 'NULL') = 'NULL' OR registrationDate IS NOT NULL)
    AND (coalesce(t[7], 'NULL') = 'NULL' OR lastUpdateDate IS NOT NULL)
    AND (coalesce(t[8], 'NULL') = 'NULL' OR shareWithResearchAsOfDate IS NOT NULL)
    AND (coalesce(t[9], 'NULL') = 'NULL' OR shareWithPublicAsOfDate IS NOT NULL)
    AND (coalesce(t[10], 'NULL') = 'NULL' OR shareWithFriendsAsOfDate IS NOT NULL)
    AND keys_distinct(k, list_aggregate(t, 'count')), false) AS valid
  FROM typed
)
SELECT '{{reason json_syntax}}' AS status, NULL AS raw, NULL::VARCHAR AS customerName, NULL::VARCHAR AS email,
  NULL::VARCHAR AS phone, NULL::VARCHAR AS birthDay, NULL::VARCHAR AS serialNumber,
  NULL::BIGINT AS registrationDate, NULL::BIGINT AS lastUpdateDate,
  NULL::BIGINT AS shareWithResearchAsOfDate, NULL::BIGINT AS shareWithPublicAsOfDate,
  NULL::BIGINT AS shareWithFriendsAsOfDate
FROM syntax WHERE malformed
UNION ALL
SELECT CASE WHEN valid THEN 'valid' ELSE '{{reason table_schema}}' END,
  CASE WHEN NOT valid THEN j END,
  identity_text(t[1], v[1]), v[2], identity_text(t[3], v[3]), identity_text(t[4], v[4]), v[5],
  registrationDate, lastUpdateDate, shareWithResearchAsOfDate,
  shareWithPublicAsOfDate, shareWithFriendsAsOfDate
FROM checked;

CREATE OR REPLACE TEMP TABLE customer_valid AS
SELECT email_key(email) AS email_key, * EXCLUDE (status, raw)
FROM customer_rows WHERE status = 'valid';

------------------------------------------------------------------------------------------------
-- identity: duplicates, superseded, ambiguous; the customers; serial attribution
------------------------------------------------------------------------------------------------
-- Distinct records of a group: equal in every known field (the raw email included; absent and
-- null alike; 1655564376361.0 and 1655564376361 alike). `copies` - 1 of them are duplicates.
CREATE OR REPLACE TEMP TABLE customer_distinct AS
SELECT *, coalesce(lastUpdateDate, registrationDate, -9223372036854775808) AS updated
FROM (
  SELECT email_key, customerName, email, phone, birthDay, serialNumber, registrationDate,
    lastUpdateDate, shareWithResearchAsOfDate, shareWithPublicAsOfDate, shareWithFriendsAsOfDate,
    count(*) AS copies
  FROM customer_valid GROUP BY ALL);

-- One row per customer (email key): the winner's fields, or ambiguous.
CREATE OR REPLACE TEMP TABLE customers AS
WITH latest AS (
  SELECT email_key, max(updated) AS latest FROM customer_distinct GROUP BY email_key
), tops AS (
  SELECT d.* EXCLUDE (copies, updated), count(*) OVER (PARTITION BY d.email_key) AS top_count
  FROM customer_distinct d JOIN latest l ON d.email_key = l.email_key AND d.updated = l.latest
  QUALIFY row_number() OVER (PARTITION BY d.email_key) = 1
), groups AS (
  SELECT email_key, count(*) AS distinct_records, sum(copies) - count(*) AS duplicates
  FROM customer_distinct GROUP BY email_key
)
SELECT g.email_key, g.distinct_records, g.duplicates,
  CASE WHEN t.top_count > 1 THEN 'ambiguous'
       WHEN t.{{consent_field}} IS NOT NULL THEN 'consented'
       ELSE 'not_consented' END AS status,
  CASE WHEN t.top_count = 1 THEN t.{{consent_field}} END AS consent_time,
  t.* EXCLUDE (email_key, top_count)
FROM groups g JOIN tops t USING (email_key);

-- The owners of each serial: the email keys of all valid records that carry it.
CREATE OR REPLACE TEMP TABLE serial_owners AS
SELECT serialNumber, count(DISTINCT email_key) AS owners, min(email_key) AS email_key
FROM customer_valid GROUP BY serialNumber;

-- The pseudonym of every consented customer (the only ones that reach curated tables).
CREATE OR REPLACE TEMP TABLE pseudonyms AS
SELECT email_key,
  left(sha256(getvariable('hmac_opad') || unhex(sha256(getvariable('hmac_ipad')
    || '\x73\x74\x65\x64\x69\x2D\x61\x75\x64\x69\x74\x2F\x76\x31\x2F\x65\x6D\x61\x69\x6C\x00'::BLOB
    || encode(email_key)))), 32) AS customerId
FROM customers WHERE status = 'consented';

------------------------------------------------------------------------------------------------
-- customer_trusted
------------------------------------------------------------------------------------------------
INSERT INTO counts
SELECT 'customer_trusted', 'rows_in', NULL, count(*) FROM customer_rows
UNION ALL
{{customer_counts}}
UNION ALL
SELECT 'customer_trusted', 'admitted', NULL, count(*) FROM customers WHERE status = 'consented';

-- rows_out: the rows the COPY below writes (scripts/bench also checks COPY's own count).
INSERT INTO counts
SELECT 'customer_trusted', 'rows_out', NULL, count(*) FROM customers WHERE status = 'consented';

COPY (SELECT {{columns customer_trusted}}
      FROM customers WHERE status = 'consented')
  TO 'trusted/customer_trusted.jsonl' (FORMAT json);

------------------------------------------------------------------------------------------------
-- accelerometer_trusted: malformed / schema_violation; unknown_user; ambiguous_customer;
-- no_consent; before_consent; else admitted (readings are never de-duplicated)
------------------------------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE accelerometer AS
WITH raw AS (
  SELECT json AS j
  FROM read_ndjson_objects(getvariable('accelerometer_files'), ignore_errors = true,
                           maximum_object_size = 67108864)
), fields AS (
  SELECT j,
    json_type(j, ['$.user', '$.timestamp', '$.x', '$.y', '$.z']) AS t,
    json_extract_string(j, ['$.user', '$.timestamp', '$.x', '$.y', '$.z']) AS v,
    json_keys(j) AS k
  FROM raw
), syntax AS (
  SELECT *, j IS NULL OR rfc_extension_hit(j) AS malformed FROM fields
), typed AS (
  SELECT j, malformed, t, v, k, v[1] AS "user", json_time(t[2], v[2], raw_number(j, 'timestamp')) AS ts,
    json_number(t[3], v[3]) AS x, json_number(t[4], v[4]) AS y, json_number(t[5], v[5]) AS z
  FROM syntax
), checked AS (
  SELECT *, coalesce(NOT malformed AND t[1] = 'VARCHAR' AND "user" <> '' AND ts IS NOT NULL
      AND x IS NOT NULL AND y IS NOT NULL AND z IS NOT NULL AND keys_distinct(k, 5),
      false) AS valid
  FROM typed
)
SELECT
  {{decide accelerometer_trusted}} AS status,
  CASE WHEN NOT valid THEN r.j END AS raw,
  r."user", r.ts, r.x, r.y, r.z, c.email_key
FROM checked r
LEFT JOIN customers c ON c.email_key = CASE WHEN r.valid THEN email_key(r."user") END;

INSERT INTO counts
SELECT 'accelerometer_trusted', 'rows_in', NULL, count(*) FROM accelerometer
UNION ALL
SELECT 'accelerometer_trusted',
  CASE WHEN status = 'admitted' THEN 'admitted'
       WHEN status IN ({{quarantine_reasons}}) THEN 'quarantined'
       ELSE 'excluded' END,
  CASE WHEN status <> 'admitted' THEN status END, count(*)
FROM accelerometer GROUP BY status
UNION ALL
SELECT 'accelerometer_trusted', 'rows_out', NULL, count(*) FROM accelerometer
  WHERE status = 'admitted';

COPY (SELECT {{columns accelerometer_trusted}} FROM accelerometer WHERE status = 'admitted')
  TO 'trusted/accelerometer_trusted.jsonl' (FORMAT json);

------------------------------------------------------------------------------------------------
-- step_trainer_trusted: malformed / schema_violation; unknown_serial; ambiguous_serial;
-- ambiguous_customer; no_consent; before_consent; else admitted
------------------------------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE step_trainer AS
WITH raw AS (
  SELECT json AS j
  FROM read_ndjson_objects(getvariable('step_trainer_files'), ignore_errors = true,
                           maximum_object_size = 67108864)
), fields AS (
  SELECT j,
    json_type(j, ['$.sensorReadingTime', '$.serialNumber', '$.distanceFromObject']) AS t,
    json_extract_string(j, ['$.sensorReadingTime', '$.serialNumber', '$.distanceFromObject']) AS v,
    json_keys(j) AS k
  FROM raw
), syntax AS (
  SELECT *, j IS NULL OR rfc_extension_hit(j) AS malformed FROM fields
), typed AS (
  SELECT j, malformed, t, v, k, json_time(t[1], v[1], raw_number(j, 'sensorReadingTime')) AS ts, v[2] AS serialNumber,
    json_number(t[3], v[3]) AS distanceFromObject
  FROM syntax
), checked AS (
  SELECT *, coalesce(NOT malformed AND ts IS NOT NULL AND t[2] = 'VARCHAR' AND serialNumber <> ''
      AND distanceFromObject IS NOT NULL AND keys_distinct(k, 3), false) AS valid
  FROM typed
)
SELECT
  {{decide step_trainer_trusted}} AS status,
  CASE WHEN NOT valid THEN r.j END AS raw,
  r.ts, r.serialNumber, r.distanceFromObject,
  CASE WHEN o.owners = 1 THEN o.email_key END AS email_key
FROM checked r
LEFT JOIN serial_owners o ON o.serialNumber = CASE WHEN r.valid THEN r.serialNumber END
LEFT JOIN customers c ON c.email_key = CASE WHEN o.owners = 1 THEN o.email_key END;

INSERT INTO counts
SELECT 'step_trainer_trusted', 'rows_in', NULL, count(*) FROM step_trainer
UNION ALL
SELECT 'step_trainer_trusted',
  CASE WHEN status = 'admitted' THEN 'admitted'
       WHEN status IN ({{quarantine_reasons}}) THEN 'quarantined'
       ELSE 'excluded' END,
  CASE WHEN status <> 'admitted' THEN status END, count(*)
FROM step_trainer GROUP BY status
UNION ALL
SELECT 'step_trainer_trusted', 'rows_out', NULL, count(*) FROM step_trainer
  WHERE status = 'admitted';

COPY (SELECT {{columns step_trainer_trusted}}
      FROM step_trainer WHERE status = 'admitted')
  TO 'trusted/step_trainer_trusted.jsonl' (FORMAT json);

------------------------------------------------------------------------------------------------
-- quarantine: one line per quarantined landing row (the raw text is gone for lines that are not
-- JSON: read_ndjson_objects returns NULL for them)
------------------------------------------------------------------------------------------------
COPY (SELECT 'customer_landing' AS "table", status AS reason, raw FROM customer_rows
        WHERE status <> 'valid')
  TO 'quarantine/customer_landing.jsonl' (FORMAT json);
COPY (SELECT 'accelerometer_landing' AS "table", status AS reason, raw FROM accelerometer
        WHERE status IN ({{quarantine_reasons}}))
  TO 'quarantine/accelerometer_landing.jsonl' (FORMAT json);
COPY (SELECT 'step_trainer_landing' AS "table", status AS reason, raw FROM step_trainer
        WHERE status IN ({{quarantine_reasons}}))
  TO 'quarantine/step_trainer_landing.jsonl' (FORMAT json);

------------------------------------------------------------------------------------------------
-- customer_curated: a customer_trusted row is admitted if the customer has an
-- accelerometer_trusted row, else no_readings
------------------------------------------------------------------------------------------------
CREATE OR REPLACE TEMP TABLE customer_curated AS
SELECT p.customerId, c.*,
  c.email_key IN (SELECT email_key FROM accelerometer WHERE status = 'admitted') AS has_readings
FROM customers c JOIN pseudonyms p USING (email_key)
WHERE c.status = 'consented';

INSERT INTO counts
SELECT 'customer_curated', 'rows_in', NULL, count(*) FROM customer_curated
UNION ALL
SELECT 'customer_curated', 'admitted', NULL, count(*) FILTER (WHERE has_readings)
  FROM customer_curated
UNION ALL
SELECT 'customer_curated', 'excluded', '{{reason customer_without_readings}}', count(*) FILTER (WHERE NOT has_readings)
  FROM customer_curated
UNION ALL
SELECT 'customer_curated', 'rows_out', NULL, count(*) FILTER (WHERE has_readings)
  FROM customer_curated;

COPY (SELECT {{columns customer_curated}} FROM customer_curated
      WHERE has_readings)
  TO 'curated/customer_curated.jsonl' (FORMAT json);

------------------------------------------------------------------------------------------------
-- machine_learning_curated: one row per pair (step-trainer row, accelerometer row) of the same
-- customer at the same time; an input row in at least one pair is admitted, else no_match
------------------------------------------------------------------------------------------------
INSERT INTO counts
WITH a AS (
  SELECT {{join_keys}}, count(*) AS na FROM accelerometer WHERE status = 'admitted' GROUP BY ALL
), s AS (
  SELECT {{join_keys}}, count(*) AS ns FROM step_trainer WHERE status = 'admitted' GROUP BY ALL
), matched AS (
  SELECT coalesce(sum(na * ns), 0) AS pairs, coalesce(sum(na) + sum(ns), 0) AS admitted
  FROM a JOIN s USING ({{join_keys}})
), inputs AS (
  SELECT (SELECT coalesce(sum(na), 0) FROM a) + (SELECT coalesce(sum(ns), 0) FROM s) AS rows_in
)
SELECT 'machine_learning_curated', 'rows_in', NULL, rows_in FROM inputs
UNION ALL
SELECT 'machine_learning_curated', 'admitted', NULL, admitted FROM matched
UNION ALL
SELECT 'machine_learning_curated', 'excluded', '{{reason no_join_partner}}', rows_in - admitted FROM inputs, matched
UNION ALL
SELECT 'machine_learning_curated', 'rows_out', NULL, pairs FROM matched;

COPY (SELECT {{columns machine_learning_curated}}
      FROM step_trainer s
      JOIN accelerometer a ON {{join_on}}
      JOIN pseudonyms p ON p.email_key = s.email_key
      WHERE s.status = 'admitted' AND a.status = 'admitted')
  TO 'curated/machine_learning_curated.jsonl' (FORMAT json);

------------------------------------------------------------------------------------------------
-- The result: per-table counts (reasons with a count of 0 are left out)
------------------------------------------------------------------------------------------------
SELECT tbl, kind, reason, n FROM counts WHERE n > 0 OR kind IN ('rows_in', 'admitted', 'rows_out')
ORDER BY tbl, kind, reason;
