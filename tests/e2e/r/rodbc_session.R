# An R user's session with RODBC against DSN KindlingTest: non-ASCII text in CHAR(n)/VARCHAR(n)
# columns filled to their declared length, written with literal INSERTs (odbcQuery), with RODBC's
# literal and parametrised writers (sqlSave/sqlUpdate, fast = FALSE/TRUE) and read back with
# sqlQuery (block and single-row fetches) and sqlFetch; then the catalog (sqlTables, sqlColumns,
# sqlPrimaryKeys). The session fails on any mismatch; its last line counts passed/failed checks.
#
# Usage: Rscript rodbc_session.R DUMP_FILE   (run by tests/e2e/r_rodbc.sh, in a UTF-8 locale)
# The table RODBC_TEXT is left in place for the shell script, which cross-checks DUMP_FILE (what
# RODBC read, hex UTF-8) against a pyodbc read of the same rows and then drops the table.
#
# RODBC talks to the driver through the ANSI API with SQL_C_CHAR buffers, so the text travels as
# UTF-8 bytes (the driver's SQL_C_CHAR encoding); R keeps them as native strings of a UTF-8 locale.

suppressPackageStartupMessages(library(RODBC))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1L) stop("usage: Rscript rodbc_session.R DUMP_FILE")
dump_file <- args[[1L]]
if (!isTRUE(l10n_info()[["UTF-8"]])) stop("run in a UTF-8 locale (LC_ALL=C.UTF-8)")

table <- "RODBC_TEXT"
decoy <- "RODBCXTEXT"  # a name the pattern RODBC_TEXT matches ("_" is a wildcard)
passed <- 0L
failed <- 0L

# --- assertion helpers -------------------------------------------------------------------------
check <- function(ok, what) {
  if (isTRUE(ok)) {
    passed <<- passed + 1L
  } else {
    failed <<- failed + 1L
    cat("FAIL:", what, "\n")
  }
  invisible(ok)
}

# identical(), with both sides shown on failure.
expect_same <- function(actual, expected, what) {
  show <- function(x) paste(deparse(x), collapse = "")
  check(identical(actual, expected), sprintf("%s: got %s, expected %s", what, show(actual), show(expected)))
}

# Strings compare as their UTF-8 bytes (so an encoding mark can never hide a difference).
bytes_of <- function(s) if (is.na(s)) "NA" else paste(as.character(charToRaw(enc2utf8(s))), collapse = "")
same_text <- function(actual, expected, what) {
  ok <- length(actual) == length(expected) &&
        all(vapply(seq_along(actual), function(i) identical(bytes_of(actual[[i]]), bytes_of(expected[[i]])), TRUE))
  check(ok, sprintf("%s: got [%s], expected [%s]", what,
                    paste(encodeString(actual, quote = "'"), collapse = ", "),
                    paste(encodeString(expected, quote = "'"), collapse = ", ")))
}

# Ignite is a Java server: LENGTH() and the CHAR(n)/VARCHAR(n) limits count UTF-16 code units,
# so an emoji (outside the BMP) takes two of a column's n "characters".
utf16_units <- function(s) if (is.na(s)) NA_integer_ else sum(ifelse(utf8ToInt(s) > 0xFFFF, 2L, 1L))

# --- connection helpers ------------------------------------------------------------------------
# case = "toupper": Ignite folds unquoted identifiers to upper case (as Oracle does), so RODBC's
# table-name lookups (sqlFetch, sqlSave, sqlColumns, ...) must upper-case what they are given.
ch <- odbcConnect("KindlingTest", case = "toupper")
if (!inherits(ch, "RODBC")) stop("odbcConnect(\"KindlingTest\") failed")

exec <- function(sql) {
  if (odbcQuery(ch, sql) < 0L)
    stop(sprintf("statement failed: %s\n  %s", sql, paste(odbcGetErrMsg(ch), collapse = "\n  ")))
  invisible(TRUE)
}
query <- function(sql) {
  res <- sqlQuery(ch, sql, stringsAsFactors = FALSE, errors = TRUE)
  if (!is.data.frame(res)) stop(sprintf("query failed: %s\n  %s", sql, paste(res, collapse = "\n  ")))
  res
}
# Any warning from RODBC's writers (e.g. its own "character data ... truncated") fails the test.
no_warnings <- function(what, expr) {
  withCallingHandlers(expr, warning = function(w) {
    check(FALSE, sprintf("%s warned: %s", what, conditionMessage(w)))
    invokeRestart("muffleWarning")
  })
}

info <- odbcGetInfo(ch)
expect_same(unname(info[["DBMS_Name"]]), "Apache Ignite", "odbcGetInfo DBMS_Name")

exec(sprintf("DROP TABLE IF EXISTS %s", table))
exec(sprintf("CREATE TABLE %s (ID INT PRIMARY KEY, C5 CHAR(5), V10 VARCHAR(10))", table))

# The rows the table must hold at the end: ID, C5, V10 (NA = NULL). Each value fills its column
# to the declared length (in Ignite's UTF-16 units) unless a comment says otherwise.
expected <- data.frame(ID = integer(0), C5 = character(0), V10 = character(0), stringsAsFactors = FALSE)
expect_row <- function(id, c5, v10) {
  expected <<- rbind(expected[expected$ID != id, ], data.frame(ID = id, C5 = c5, V10 = v10, stringsAsFactors = FALSE))
}
sql_literal <- function(s) if (is.na(s)) "NULL" else paste0("'", gsub("'", "''", s, fixed = TRUE), "'")

# --- 1. literal INSERTs through odbcQuery -------------------------------------------------------
literal_rows <- list(
  list(1L, "héllo", "Ærøskøbing"),               # Latin-1 range: 2-byte UTF-8
  list(2L, "Жжжжж", "абвгдеёжзи"),                # Cyrillic
  list(3L, "日本語です", "中文字符测试一二三四"),  # CJK: 3-byte UTF-8
  list(4L, "😀😀x", "😀🎉🚀🌍ok"),                # emoji: 4-byte UTF-8, 2 UTF-16 units each
  list(5L, "ab", "ñ"),                            # short values: CHAR(5) padding as the server does it
  list(6L, "O'Brí", NA_character_)                # a quote to escape, and a NULL
)
for (r in literal_rows) {
  exec(sprintf("INSERT INTO %s (ID, C5, V10) VALUES (%d, %s, %s)",
               table, r[[1]], sql_literal(r[[2]]), sql_literal(r[[3]])))
  expect_row(r[[1]], r[[2]], r[[3]])
}

# --- 2. sqlSave(fast = FALSE): RODBC writes one literal INSERT per row, quoting each value with the
#        LITERAL_PREFIX/SUFFIX the driver's SQLGetTypeInfo gives for the column's DATA_TYPE (and
#        doubling the quote in "l'Ελληνικά").
saved_literal <- data.frame(ID = c(11L, 12L), C5 = c("Ærøsk", "Ωμέγα"), V10 = c("naïve café", "l'Ελληνικά"),
                            stringsAsFactors = FALSE)
no_warnings("sqlSave(fast = FALSE)",
            expect_same(sqlSave(ch, saved_literal, tablename = table, append = TRUE, rownames = FALSE, fast = FALSE),
                        1L, "sqlSave(fast = FALSE)"))
for (i in seq_len(nrow(saved_literal))) expect_row(saved_literal$ID[i], saved_literal$C5[i], saved_literal$V10[i])

# --- 3. sqlSave(fast = TRUE): a prepared INSERT with SQLBindParameter(SQL_C_CHAR). RODBC sizes each
#        text parameter's buffer with sqlColumns' COLUMN_SIZE taken as a number of *bytes* (and cuts
#        longer values itself, with a warning), so these values fit their column in UTF-8 bytes.
saved_params <- data.frame(ID = c(21L, 22L), C5 = c("Ærø", "ñu"), V10 = c("Größe", "añejo"),
                           stringsAsFactors = FALSE)
no_warnings("sqlSave(fast = TRUE)",
            expect_same(sqlSave(ch, saved_params, tablename = table, append = TRUE, rownames = FALSE, fast = TRUE),
                        1L, "sqlSave(fast = TRUE)"))
for (i in seq_len(nrow(saved_params))) expect_row(saved_params$ID[i], saved_params$C5[i], saved_params$V10[i])

# --- 4. the same parametrised C routine sqlSave(fast = TRUE) uses (RODBC's internal odbcUpdate), with
#        each text parameter sized by sqlColumns' BUFFER_LENGTH (the octet capacity the driver reports),
#        so full-length non-ASCII values go through SQLBindParameter/SQLExecute uncut.
cols <- sqlColumns(ch, table)
octet_params <- cols[c("COLUMN_NAME", "DATA_TYPE", "BUFFER_LENGTH", "DECIMAL_DIGITS")]
check(all(octet_params$BUFFER_LENGTH[octet_params$COLUMN_NAME %in% c("C5", "V10")] >= c(5L, 10L) * 4L),
      sprintf("BUFFER_LENGTH of C5/V10 holds 4 UTF-8 bytes a character: %s",
              paste(octet_params$BUFFER_LENGTH, collapse = "/")))
full_params <- data.frame(ID = c(31L, 32L), C5 = c("héllo", "😀😀x"), V10 = c("Ærøskøbing", "абвгдеёжзи"),
                          stringsAsFactors = FALSE)
insert_sql <- sprintf('INSERT INTO "%s" ("ID", "C5", "V10") VALUES (?, ?, ?)', table)
no_warnings("odbcUpdate(INSERT)",
            expect_same(RODBC:::odbcUpdate(ch, insert_sql, full_params, octet_params), 1L,
                        paste("parametrised INSERT", paste(odbcGetErrMsg(ch), collapse = " "))))
for (i in seq_len(nrow(full_params))) expect_row(full_params$ID[i], full_params$C5[i], full_params$V10[i])

# --- 5. sqlUpdate: fast = TRUE (UPDATE ... SET "V10"=? WHERE "ID"=?, byte-sized buffers as in 3) and
#        fast = FALSE (literal UPDATE; RODBC's literal path needs every column, in table order).
no_warnings("sqlUpdate(fast = TRUE)",
            expect_same(sqlUpdate(ch, data.frame(ID = 21L, V10 = "Ünïcod", stringsAsFactors = FALSE),
                                  tablename = table, index = "ID", fast = TRUE), 1L, "sqlUpdate(fast = TRUE)"))
expect_row(21L, "Ærø", "Ünïcod")
no_warnings("sqlUpdate(fast = FALSE)",
            expect_same(sqlUpdate(ch, data.frame(ID = 5L, C5 = "ÅÄÖåä", V10 = "ŁódźKraków", stringsAsFactors = FALSE),
                                  tablename = table, index = "ID", fast = FALSE), 1L, "sqlUpdate(fast = FALSE)"))
expect_row(5L, "ÅÄÖåä", "ŁódźKraków")
# No index given: sqlUpdate finds the key column through the driver's SQLPrimaryKeys.
no_warnings("sqlUpdate(key from sqlPrimaryKeys)",
            expect_same(sqlUpdate(ch, data.frame(ID = 22L, C5 = "ñu", V10 = "añejo!", stringsAsFactors = FALSE),
                                  tablename = table), 1L, "sqlUpdate without index"))
expect_row(22L, "ñu", "añejo!")
# Row 5 no longer has a short CHAR value: keep one (ID 7) for the padding check.
exec(sprintf("INSERT INTO %s (ID, C5, V10) VALUES (7, 'é', '')", table))
expect_row(7L, "é", "")
expected <- expected[order(expected$ID), ]

# --- reading back ------------------------------------------------------------------------------
# The server's own view of every row: LENGTH() in its UTF-16 units.
lengths <- query(sprintf("SELECT ID, LENGTH(C5) AS LEN_C5, LENGTH(V10) AS LEN_V10 FROM %s ORDER BY ID", table))
expect_same(lengths$ID, expected$ID, "IDs on the server")
# VARCHAR: the server keeps exactly what was written. CHAR(n): whatever padding the server applies
# shows in LENGTH(); a reader must see exactly that many characters (value + trailing blanks).
expect_same(as.integer(lengths$LEN_V10), vapply(expected$V10, utf16_units, 1L, USE.NAMES = FALSE), "server LENGTH(V10)")
pad_to <- function(s, units) if (is.na(s)) s else paste0(s, strrep(" ", max(0L, units - utf16_units(s))))
expected$C5_READ <- mapply(pad_to, expected$C5, as.integer(lengths$LEN_C5), USE.NAMES = FALSE)
check(all(as.integer(lengths$LEN_C5) <= 5L, na.rm = TRUE), "LENGTH(C5) never exceeds CHAR(5)")

verify_rows <- function(got, how) {
  got <- got[order(got$ID), ]
  expect_same(names(got), c("ID", "C5", "V10"), paste(how, "column names"))
  expect_same(as.integer(got$ID), expected$ID, paste(how, "IDs"))
  if (!identical(as.integer(got$ID), expected$ID)) return(invisible())
  for (i in seq_len(nrow(expected))) {
    id <- expected$ID[i]
    same_text(got$C5[i], expected$C5_READ[i], sprintf("%s: C5 of ID %d", how, id))
    same_text(got$V10[i], expected$V10[i], sprintf("%s: V10 of ID %d", how, id))
  }
}
# as.is = TRUE: no type.convert on the fetched text (a value such as 'ñ' stays character).
# rows_at_time: RODBC's block cursor (SQL_ATTR_ROW_ARRAY_SIZE; 100 by default) over 4-row blocks,
# the last one partial, and single-row SQLFetch.
for (rows_at_time in c(100L, 4L, 1L)) {
  via_query <- sqlQuery(ch, sprintf("SELECT ID, C5, V10 FROM %s ORDER BY ID", table), as.is = TRUE, errors = TRUE,
                        rows_at_time = rows_at_time)
  if (!is.data.frame(via_query)) stop(paste("SELECT failed:", paste(via_query, collapse = " ")))
  verify_rows(via_query, sprintf("sqlQuery(rows_at_time = %d)", rows_at_time))
}
# sqlFetch reads with SELECT * in blocks of rows (rows_at_time = 100 by default: block cursor).
via_fetch <- sqlFetch(ch, table, as.is = TRUE)
if (!is.data.frame(via_fetch)) stop(paste("sqlFetch failed:", paste(via_fetch, collapse = " ")))
verify_rows(via_fetch, "sqlFetch")
# Rows written with a literal (1) and with parameters (31) are both found by a non-ASCII WHERE.
one <- query(sprintf("SELECT ID FROM %s WHERE V10 = 'Ærøskøbing' ORDER BY ID", table))
expect_same(as.integer(one$ID), c(1L, 31L), "IDs WHERE V10 = 'Ærøskøbing'")

# What RODBC read, for the shell script's pyodbc cross-check: ID, then C5 and V10 as hex UTF-8.
dump <- via_fetch[order(via_fetch$ID), ]
writeLines(sprintf("%d\t%s\t%s", dump$ID, vapply(dump$C5, bytes_of, ""), vapply(dump$V10, bytes_of, "")), dump_file)

# --- catalog -----------------------------------------------------------------------------------
tabs <- sqlTables(ch, tableName = table)
expect_same(as.list(tabs[, c("TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE")]),
            list(TABLE_SCHEM = "PUBLIC", TABLE_NAME = table, TABLE_TYPE = "TABLE"), "sqlTables(tableName = table)")
all_tables <- sqlTables(ch, tableType = "TABLE")
check(table %in% all_tables$TABLE_NAME, "sqlTables(tableType = \"TABLE\") lists the table")

# Names as patterns or as identifiers. RODBC passes a table name to SQLTables/SQLColumns as a search
# pattern, where "_" matches any character, so RODBC_TEXT also matches the decoy RODBCXTEXT; with
# literal = TRUE RODBC sets SQL_ATTR_METADATA_ID = SQL_TRUE (a Core statement attribute) first,
# which makes the driver take the name as an identifier: RODBC_TEXT alone. (The decoy lives only
# here: RODBC's own writers look their table up by pattern too.)
exec(sprintf("DROP TABLE IF EXISTS %s", decoy))
exec(sprintf("CREATE TABLE %s (ID INT PRIMARY KEY, OTHER INT)", decoy))
expect_same(sort(sqlTables(ch, tableName = table)$TABLE_NAME), sort(c(table, decoy)), "sqlTables(RODBC_TEXT as a pattern)")
expect_same(sqlTables(ch, tableName = table, literal = TRUE)$TABLE_NAME, table,
            "sqlTables(RODBC_TEXT, literal = TRUE), i.e. with SQL_ATTR_METADATA_ID")
literal_cols <- sqlColumns(ch, table, literal = TRUE)
expect_same(paste(literal_cols$TABLE_NAME, literal_cols$COLUMN_NAME, sep = "."),
            paste(table, c("ID", "C5", "V10"), sep = "."),
            "sqlColumns(RODBC_TEXT, literal = TRUE), i.e. with SQL_ATTR_METADATA_ID")
exec(sprintf("DROP TABLE %s", decoy))

expect_same(cols$TABLE_NAME, rep(table, 3L), "sqlColumns TABLE_NAME")
expect_same(cols$COLUMN_NAME, c("ID", "C5", "V10"), "sqlColumns COLUMN_NAME")
expect_same(as.integer(cols$ORDINAL_POSITION), 1:3, "sqlColumns ORDINAL_POSITION")
expect_same(as.integer(cols$COLUMN_SIZE), c(10L, 5L, 10L), "sqlColumns COLUMN_SIZE")
expect_same(as.integer(cols$NULLABLE), c(0L, 1L, 1L), "sqlColumns NULLABLE")
expect_same(cols$TYPE_NAME[c(1, 3)], c("INTEGER", "VARCHAR"), "sqlColumns TYPE_NAME of ID, V10")
expect_same(as.integer(cols$DATA_TYPE[c(1, 3)]), c(4L, 12L), "sqlColumns DATA_TYPE of ID, V10 (SQL_INTEGER, SQL_VARCHAR)")
# Ignite's H2 engine keeps a CHAR(n) column as VARCHAR(n): SQL_CHAR or SQL_VARCHAR are both fine.
check(as.integer(cols$DATA_TYPE[2]) %in% c(1L, 12L), sprintf("sqlColumns DATA_TYPE of C5: %s", cols$DATA_TYPE[2]))
pk <- sqlPrimaryKeys(ch, table)
expect_same(list(pk$COLUMN_NAME, as.integer(pk$KEY_SEQ)), list("ID", 1L), "sqlPrimaryKeys COLUMN_NAME, KEY_SEQ")

close(ch)
cat(sprintf("rodbc_session: %d passed, %d failed\n", passed, failed))
if (failed > 0L) quit(status = 1L)
