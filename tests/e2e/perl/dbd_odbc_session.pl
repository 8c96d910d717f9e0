#!/usr/bin/perl
# A Perl DBI session through DBD::ODBC (Debian libdbd-odbc-perl) against DSN KindlingTest:
# placeholders (execute, execute_array with ODBC parameter arrays, do with bind values), fetches
# (fetchrow_arrayref, fetchall_arrayref, selectrow/selectall), non-ASCII text filling CHAR(n) and
# VARCHAR(n) columns read back exactly with no 01004 truncation, typed placeholders for every Ignite
# type (UUID included) and bind_columns, and the catalog (table_info, column_info, primary_key_info,
# statistics_info, foreign_key_info, type_info_all). Run by tests/e2e/perl_dbd_odbc.sh; TAP output.
use strict;
use warnings;
use utf8;    # the literals below are character strings
use DBI qw(:sql_types);
use Encode qw(encode_utf8);
use Test::More;

my $builder = Test::More->builder;
binmode $_, ':encoding(UTF-8)' for $builder->output, $builder->failure_output, $builder->todo_output;

my $table = 'PERL_DBD_TEXT';

# Every diagnostic any handle records (errors and SQL_SUCCESS_WITH_INFO warnings, e.g. 01004 string
# data right truncation) lands here; the session must end with none it did not provoke itself.
my @diagnostics;
my $dbh = DBI->connect('dbi:ODBC:DSN=KindlingTest', '', '', {
    RaiseError   => 1,
    PrintError   => 0,
    PrintWarn    => 0,
    AutoCommit   => 1,
    # Unicode: Debian builds DBD::ODBC without its unicode option (odbc_has_unicode = 0), so it
    # calls the ANSI ODBC API and moves text as SQL_C_CHAR bytes, which this driver encodes as
    # UTF-8. odbc_utf8_on = 1 makes DBD::ODBC decode fetched text as UTF-8 (character strings);
    # parameters are passed as UTF-8 bytes (see param() below). A unicode build (Makefile.PL -u)
    # would use the W API and SQL_C_WCHAR instead and ignores odbc_utf8_on.
    odbc_utf8_on => 1,
    HandleSetErr => sub {
        my ($h, $err, $errstr, $state) = @_;
        push @diagnostics, sprintf('[%s] %s', $state // '', $errstr // '') if defined $err;
        return 0;    # let DBI go on as usual (RaiseError still dies on errors)
    },
});
ok($dbh, 'connected to DSN KindlingTest');
is($dbh->get_info(17), 'Apache Ignite', 'SQL_DBMS_NAME');
my $unicode_build = $dbh->{odbc_has_unicode} ? 1 : 0;
note("DBD::ODBC $DBD::ODBC::VERSION, unicode build: $unicode_build");

# A parameter value as this DBD::ODBC build must bind it. The ANSI build sends a Perl string's
# internal bytes: UTF-8 for a utf8-flagged string (the literals here, under "use utf8"), but
# latin-1 for one Perl keeps unflagged, such as "h\x{e9}llo": so always encode to UTF-8 first.
sub param {
    my ($s) = @_;
    return $s if !defined $s || $unicode_build;
    return encode_utf8($s);
}

# Ignite is a Java server: LENGTH() and CHAR(n)/VARCHAR(n) limits count UTF-16 code units, so an
# emoji (outside the BMP) takes two of a column's n characters.
sub utf16_units {
    my ($s) = @_;
    return undef unless defined $s;
    my $n = 0;
    $n += ord($_) > 0xFFFF ? 2 : 1 for split //, $s;
    return $n;
}

sub show { defined $_[0] ? "'$_[0]'" : 'undef' }

$dbh->do("DROP TABLE IF EXISTS $table");
$dbh->do("CREATE TABLE $table (ID INT PRIMARY KEY, C5 CHAR(5), V10 VARCHAR(10), C2 CHAR(2))");

# ID => [C5, V10, C2]: each value fills its column to the declared length (in UTF-16 units)
# unless a comment says otherwise.
my %expected = (
    1 => ['héllo', 'Ærøskøbing', 'ñø'],               # Latin-1 range: 2-byte UTF-8
    2 => ['Жжжжж', 'абвгдеёжзи', 'Жж'],               # Cyrillic
    3 => ['日本語です', '中文字符测试一二三四', '日本'], # CJK: 3-byte UTF-8
    4 => ['😀😀x', '😀🎉🚀🌍ok', '😀'],               # emoji: 4-byte UTF-8, 2 UTF-16 units each
    5 => ['ab', '', undef],                           # short CHAR (padding as the server does it), '' and NULL
    6 => ["O'Brí", "tab\there!", 'é '],               # a quote, a tab, a trailing blank in CHAR
);

# --- writes ------------------------------------------------------------------------------------
my $insert = $dbh->prepare("INSERT INTO $table (ID, C5, V10, C2) VALUES (?, ?, ?, ?)");
is($insert->{NUM_OF_PARAMS}, 4, 'INSERT has 4 placeholders');
for my $id (1 .. 3) {
    is($insert->execute($id, map { param($_) } @{ $expected{$id} }), 1, "execute INSERT of ID $id: 1 row");
}

# Rows 4..6 in one SQLExecute with an ODBC parameter array (SQL_ATTR_PARAMSET_SIZE = 3).
{
    local $dbh->{odbc_array_operations} = 1;
    my $batch = $dbh->prepare("INSERT INTO $table (ID, C5, V10, C2) VALUES (?, ?, ?, ?)");
    my @ids = (4, 5, 6);
    my @status;
    my $tuples = $batch->execute_array({ ArrayTupleStatus => \@status },
        \@ids, map { my $col = $_; [ map { param($expected{$_}[$col]) } @ids ] } 0 .. 2);
    is($tuples, 3, 'execute_array over an ODBC parameter array: 3 tuples');
    # DBD::ODBC reports -1 (row count unknown) per tuple; an error would be an array ref.
    is_deeply(\@status, [-1, -1, -1], 'execute_array: no tuple failed');
}

# do() with bind values: an UPDATE to a full-length value, then back.
my $update = "UPDATE $table SET V10 = ? WHERE ID = ?";
is($dbh->do($update, undef, param('ŁódźKraków'), 2), 1, 'do(UPDATE) with placeholders: 1 row');
is_deeply([ $dbh->selectrow_array("SELECT V10 FROM $table WHERE ID = ?", undef, 2) ], ['ŁódźKraków'],
          'updated V10 reads back');
is($dbh->do($update, undef, param($expected{2}[1]), 2), 1, 'do(UPDATE) back to the original');

# A duplicate key fails with SQLSTATE 23000 and leaves the row as it was.
{
    my $before = scalar @diagnostics;
    my $ok = eval { $insert->execute(1, param('x'), param('y'), param('z')); 1 };
    ok(!$ok, 'INSERT of a duplicate primary key dies (RaiseError)');
    is($insert->state, '23000', 'duplicate key: SQLSTATE 23000');
    like($insert->errstr // '', qr/\[Kindling\]/, 'duplicate key: the message names the driver');
    splice @diagnostics, $before;    # provoked on purpose
}

# --- reads -------------------------------------------------------------------------------------
# The server's view: LENGTH() per column. VARCHAR must hold exactly what was written; a CHAR(n)
# reader must see whatever the server keeps (the value plus the blanks LENGTH() shows, if any).
my %server_len = map { $_->[0] => [ @$_[1 .. 3] ] }
    @{ $dbh->selectall_arrayref("SELECT ID, LENGTH(C5), LENGTH(V10), LENGTH(C2) FROM $table ORDER BY ID") };
is_deeply([ sort { $a <=> $b } keys %server_len ], [1 .. 6], 'the server holds IDs 1..6');
my %expected_read;
for my $id (sort { $a <=> $b } keys %expected) {
    my ($c5, $v10, $c2) = @{ $expected{$id} };
    is($server_len{$id}[1], utf16_units($v10), "server LENGTH(V10) of ID $id");
    my @read;
    for my $pair ([$c5, 0, 5], [$c2, 2, 2]) {
        my ($value, $col, $n) = @$pair;
        my $len = $server_len{$id}[$col];
        if (!defined $value) { push @read, undef; next }
        ok($len >= utf16_units($value) && $len <= $n, "server LENGTH of CHAR($n) of ID $id ($len) within [value, n]");
        push @read, $value . (' ' x ($len - utf16_units($value)));
    }
    $expected_read{$id} = [ $read[0], $v10, $read[1] ];
}

# Compare one fetched row [ID, C5, V10, C2] to what it must be, value by value (exact strings).
sub check_row {
    my ($row, $how) = @_;
    my $id = $row->[0];
    my @names = qw(C5 V10 C2);
    for my $i (0 .. 2) {
        my ($got, $want) = ($row->[ $i + 1 ], $expected_read{$id}[$i]);
        my $same = (!defined $got && !defined $want) || (defined $got && defined $want && $got eq $want);
        ok($same, "$how: $names[$i] of ID $id") or diag('got ' . show($got) . ', expected ' . show($want));
        ok(!defined $got || utf8::is_utf8($got) || $got !~ /[^\x00-\x7f]/,
           "$how: $names[$i] of ID $id decoded as characters");
    }
}

# Buffer sizes: DBD::ODBC binds every text column as SQL_C_CHAR into a buffer of
# max(SQL_DESC_DISPLAY_SIZE + 1, SQL_DESC_LENGTH) bytes, and a value longer than that is an error
# (the driver's 01004, then DBD::ODBC's "st_fetch/SQLFetch (long truncated ...)"). So a driver
# giving CHAR(5) a display size of 5 (a 6-byte buffer) would mangle or reject values such as 'héllo'
# (6 UTF-8 bytes) and '😀😀x' (9): the display size must count UTF-8 bytes (4 a character). The
# full-length values below, with RaiseError and LongTruncOk off, and the empty diagnostics list at
# the end check exactly that.

# 1. prepare/execute with placeholders, fetchrow_arrayref.
my $range = $dbh->prepare("SELECT ID, C5, V10, C2 FROM $table WHERE ID BETWEEN ? AND ? ORDER BY ID");
$range->execute(1, 4);
is_deeply($range->{NAME_uc}, [qw(ID C5 V10 C2)], 'statement column names');
is_deeply($range->{PRECISION}, [10, 5, 10, 2], 'statement column sizes (PRECISION)');
is($range->{TYPE}[0], SQL_INTEGER, 'ID is SQL_INTEGER');
is($range->{TYPE}[2], SQL_VARCHAR, 'V10 is SQL_VARCHAR');
# Ignite's H2 engine keeps CHAR(n) as VARCHAR(n): SQL_CHAR or SQL_VARCHAR are both right here.
ok((grep { $_ == $range->{TYPE}[1] } SQL_CHAR, SQL_VARCHAR), "C5 is SQL_CHAR or SQL_VARCHAR ($range->{TYPE}[1])");
my @seen;
while (my $row = $range->fetchrow_arrayref) {
    push @seen, $row->[0];
    check_row($row, 'fetchrow_arrayref');
}
is_deeply(\@seen, [1 .. 4], 'fetchrow_arrayref: IDs 1..4 in order');
$range->execute(5, 6);    # the same statement again, other parameters
is_deeply([ map { $_->[0] } @{ $range->fetchall_arrayref } ], [5, 6], 're-executed with other parameters: IDs 5, 6');

# 2. fetchall_arrayref of the whole table, as arrays and as hashes.
my $all = $dbh->prepare("SELECT ID, C5, V10, C2 FROM $table ORDER BY ID");
$all->execute;
my $rows = $all->fetchall_arrayref;
is(scalar @$rows, 6, 'fetchall_arrayref: 6 rows');
check_row($_, 'fetchall_arrayref') for @$rows;
$all->execute;
my $hashes = $all->fetchall_arrayref({});
is_deeply([ map { [ @$_{qw(ID C5 V10 C2)} ] } @$hashes ], [ map { [ $_, @{ $expected_read{$_} } ] } 1 .. 6 ],
          'fetchall_arrayref({}): every row as a hash');

# 3. non-ASCII text as a parameter in predicates.
sub ids_where {
    my ($condition, $value) = @_;
    return $dbh->selectcol_arrayref("SELECT ID FROM $table WHERE $condition ORDER BY ID", undef, param($value));
}
is_deeply(ids_where('V10 = ?', 'Ærøskøbing'), [1], 'WHERE V10 = ? (Latin-1 range)');
my $unflagged = "h\x{e9}llo";    # the same text as ID 1's C5, held by Perl as latin-1 bytes
ok(!utf8::is_utf8($unflagged), 'an unflagged latin-1 Perl string');
is_deeply(ids_where('C5 = ?', $unflagged), [1], 'WHERE C5 = ? (unflagged string)');
is_deeply(ids_where('C2 = ?', '😀'), [4], 'WHERE C2 = ? (an emoji)');
is_deeply(ids_where('V10 LIKE ?', '%ж%'), [2], 'WHERE V10 LIKE ? (Cyrillic)');
{
    my $typed = $dbh->prepare("SELECT COUNT(*) FROM $table WHERE C5 = ?");
    $typed->bind_param(1, param('日本語です'), SQL_VARCHAR);
    $typed->execute;
    is(($typed->fetchrow_array)[0], 1, 'bind_param(SQL_VARCHAR) with CJK text');
}

# 4. the driver's own rendering of a non-ASCII expression (computed on the server).
is_deeply([ $dbh->selectrow_array("SELECT CONCAT(C5, '·', C2) FROM $table WHERE ID = ?", undef, 2) ],
          ['Жжжжж·Жж'], 'a computed non-ASCII column');

# --- catalog -----------------------------------------------------------------------------------
# table_info/column_info take search patterns, where "_" matches any character: the table's own name
# also matches the decoy PERLXDBDXTEXT, so the exact lookups escape "_" with the driver's
# SQL_SEARCH_PATTERN_ESCAPE. primary_key_info takes a plain identifier.
my $decoy = 'PERLXDBDXTEXT';
$dbh->do("DROP TABLE IF EXISTS $decoy");
$dbh->do("CREATE TABLE $decoy (ID INT PRIMARY KEY, OTHER INT)");
my $escape = $dbh->get_info(14);    # SQL_SEARCH_PATTERN_ESCAPE
is($escape, '\\', 'SQL_SEARCH_PATTERN_ESCAPE is a backslash');
(my $exact = $table) =~ s/([_%])/$escape$1/g;

my $tables = $dbh->table_info(undef, 'PUBLIC', $exact, 'TABLE')->fetchall_arrayref({});
is(scalar @$tables, 1, "table_info(PUBLIC, $exact, TABLE): one row");
is_deeply([ @{ $tables->[0] // {} }{qw(TABLE_SCHEM TABLE_NAME TABLE_TYPE)} ], ['PUBLIC', $table, 'TABLE'],
          'table_info row');
my $by_pattern = $dbh->table_info(undef, 'PUBLIC', $table, 'TABLE')->fetchall_arrayref({});
is_deeply([ sort map { $_->{TABLE_NAME} } @$by_pattern ], [ sort $decoy, $table ],
          "table_info(PUBLIC, $table): the unescaped pattern also matches $decoy");
ok((grep { $_->{TABLE_NAME} eq $table } @{ $dbh->table_info(undef, 'PUBLIC', '%', 'TABLE')->fetchall_arrayref({}) }),
   'table_info(PUBLIC, %) lists the table');

my $columns = $dbh->column_info(undef, 'PUBLIC', $exact, '%')->fetchall_arrayref({});
is_deeply([ map { $_->{TABLE_NAME} } @$columns ], [ ($table) x 4 ], 'column_info of the escaped name: this table only');
is_deeply([ map { $_->{COLUMN_NAME} } @$columns ], [qw(ID C5 V10 C2)], 'column_info: names in order');
is_deeply([ map { $_->{ORDINAL_POSITION} } @$columns ], [1 .. 4], 'column_info: ORDINAL_POSITION');
is_deeply([ map { $_->{COLUMN_SIZE} } @$columns ], [10, 5, 10, 2], 'column_info: COLUMN_SIZE');
is_deeply([ map { $_->{NULLABLE} } @$columns ], [0, 1, 1, 1], 'column_info: NULLABLE (the key is NOT NULL)');
is_deeply([ map { $_->{IS_NULLABLE} } @$columns ], [qw(NO YES YES YES)], 'column_info: IS_NULLABLE');
is_deeply([ map { $_->{TYPE_NAME} } @$columns[0, 2] ], [qw(INTEGER VARCHAR)], 'column_info: TYPE_NAME of ID, V10');
# Room for the longest UTF-8 text the column can hold: 4 bytes a character.
ok($columns->[1]{CHAR_OCTET_LENGTH} >= 20, "column_info: CHAR_OCTET_LENGTH of CHAR(5): $columns->[1]{CHAR_OCTET_LENGTH}");
ok($columns->[2]{CHAR_OCTET_LENGTH} >= 40, "column_info: CHAR_OCTET_LENGTH of VARCHAR(10): $columns->[2]{CHAR_OCTET_LENGTH}");

my $keys = $dbh->primary_key_info(undef, 'PUBLIC', $table)->fetchall_arrayref({});
is_deeply([ map { [ @$_{qw(TABLE_NAME COLUMN_NAME KEY_SEQ)} ] } @$keys ], [ [ $table, 'ID', 1 ] ],
          'primary_key_info: ID, KEY_SEQ 1 (no decoy)');
is_deeply([ $dbh->primary_key(undef, 'PUBLIC', $table) ], ['ID'], 'primary_key()');
$dbh->do("DROP TABLE $decoy");

my $type_info = $dbh->type_info_all;
my ($index, @types) = @$type_info;
ok(ref $index eq 'HASH' && @types > 0, 'type_info_all: an index and some types');
for my $field (qw(TYPE_NAME DATA_TYPE COLUMN_SIZE LITERAL_PREFIX LITERAL_SUFFIX CREATE_PARAMS NULLABLE CASE_SENSITIVE
                  SEARCHABLE UNSIGNED_ATTRIBUTE FIXED_PREC_SCALE AUTO_UNIQUE_VALUE LOCAL_TYPE_NAME MINIMUM_SCALE
                  MAXIMUM_SCALE SQL_DATA_TYPE SQL_DATETIME_SUB NUM_PREC_RADIX INTERVAL_PRECISION)) {
    ok(exists $index->{$field}, "type_info_all index has $field");
}
is_deeply([ grep { @$_ != keys %$index } @types ], [], 'type_info_all: every row has one value per index field');
my %by_type = map { $_->[ $index->{DATA_TYPE} ] => $_ } @types;
for my $sql_type (SQL_INTEGER, SQL_BIGINT, SQL_VARCHAR, SQL_CHAR, SQL_DOUBLE, SQL_DECIMAL, SQL_TYPE_DATE,
                  SQL_TYPE_TIMESTAMP) {
    ok($by_type{$sql_type}, "type_info_all describes SQL type $sql_type");
}
is($by_type{+SQL_VARCHAR}[ $index->{TYPE_NAME} ], 'VARCHAR', 'type_info_all: SQL_VARCHAR is VARCHAR');
is($by_type{+SQL_VARCHAR}[ $index->{LITERAL_PREFIX} ], "'", "type_info_all: VARCHAR literals start with '");
is($by_type{+SQL_INTEGER}[ $index->{TYPE_NAME} ], 'INTEGER', 'type_info_all: SQL_INTEGER is INTEGER');
is(($dbh->type_info(SQL_VARCHAR))[0]{TYPE_NAME}, 'VARCHAR', 'type_info(SQL_VARCHAR)');

# --- typed placeholders and values --------------------------------------------------------------
# Every Ignite type through placeholders (bind_param with SQL types where DBD::ODBC needs them),
# read back with fetchrow_hashref; bind_columns; the catalog of the typed table
# (column_info DATA_TYPE/TYPE_NAME, statistics_info, foreign_key_info empty).
my $typed_table = 'PERL_DBD_TYPES';
$dbh->do("DROP TABLE IF EXISTS $typed_table");
$dbh->do("CREATE TABLE $typed_table (ID INT PRIMARY KEY, BI BIGINT, D DOUBLE, DEC DECIMAL(12,3), B BOOLEAN, "
         . "DT DATE, TS TIMESTAMP, U UUID, V VARCHAR(30))");
$dbh->do("CREATE INDEX PERL_DBD_TYPES_BI ON $typed_table (BI)");
{
    my $ins = $dbh->prepare("INSERT INTO $typed_table (ID, BI, D, DEC, B, DT, TS, U, V) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    $ins->bind_param(1, 1, SQL_INTEGER);
    $ins->bind_param(2, '1099511627776', SQL_BIGINT);
    $ins->bind_param(3, 2.25, SQL_DOUBLE);
    $ins->bind_param(4, '12345.678', SQL_DECIMAL);
    $ins->bind_param(5, 1, SQL_BIT);
    $ins->bind_param(6, '2024-01-15', SQL_TYPE_DATE);
    $ins->bind_param(7, '2024-01-15 13:45:01.123', SQL_TYPE_TIMESTAMP);
    $ins->bind_param(8, '12345678-1234-5678-9abc-def012345678', SQL_GUID);
    $ins->bind_param(9, param('typed Zoë'), SQL_VARCHAR);
    is($ins->execute, 1, 'INSERT with typed placeholders: 1 row');
    is($ins->execute(2, undef, undef, undef, undef, undef, undef, undef, undef), 1, 'INSERT of NULLs through the same placeholders');
}
{
    my $sel = $dbh->prepare("SELECT ID, BI, D, DEC, B, DT, TS, U, V FROM $typed_table WHERE ID = ?");
    $sel->execute(1);
    my $row = $sel->fetchrow_hashref;
    is($row->{BI}, '1099511627776', 'BIGINT read back');
    is($row->{D} + 0, 2.25, 'DOUBLE read back');
    is($row->{DEC}, '12345.678', 'DECIMAL read back as text');
    is($row->{B}, 1, 'BOOLEAN read back');
    is($row->{DT}, '2024-01-15', 'DATE read back');
    like($row->{TS}, qr/^2024-01-15 13:45:01\.123/, "TIMESTAMP read back ($row->{TS})");
    is(lc $row->{U}, '12345678-1234-5678-9abc-def012345678', 'UUID read back as text');
    is($row->{V}, 'typed Zoë', 'VARCHAR read back');
    is_deeply([ @{ $sel->{TYPE} }[0, 1, 2, 3, 5, 6, 7] ],
              [ SQL_INTEGER, SQL_BIGINT, SQL_DOUBLE, SQL_DECIMAL, SQL_TYPE_DATE, SQL_TYPE_TIMESTAMP, SQL_GUID ],
              'statement column SQL types (SQLDescribeCol)');
    $sel->execute(2);
    my ($id, $bi, $d, $dec, $b, $dt, $ts, $u, $v);
    $sel->bind_columns(\($id, $bi, $d, $dec, $b, $dt, $ts, $u, $v));
    ok($sel->fetch, 'bind_columns + fetch');
    is_deeply([ $id, $bi, $d, $dec, $b, $dt, $ts, $u, $v ], [ 2, (undef) x 8 ], 'NULLs read back as undef');
    ok(!$sel->fetch, 'one row');
}
{
    (my $exact_typed = $typed_table) =~ s/([_%])/$escape$1/g;
    my $cols = $dbh->column_info(undef, 'PUBLIC', $exact_typed, '%')->fetchall_arrayref({});
    my %type = map { $_->{COLUMN_NAME} => [ $_->{DATA_TYPE}, $_->{TYPE_NAME} ] } @$cols;
    is_deeply($type{U}, [ SQL_GUID, 'UUID' ], 'column_info: UUID is SQL_GUID');
    is_deeply($type{DEC}, [ SQL_DECIMAL, 'DECIMAL' ], 'column_info: DECIMAL');
    is_deeply($type{TS}, [ SQL_TYPE_TIMESTAMP, 'TIMESTAMP' ], 'column_info: TIMESTAMP');
    is_deeply($type{B}, [ SQL_BIT, 'BOOLEAN' ], 'column_info: BOOLEAN is SQL_BIT');
    # DBD::ODBC 1.61's statistics_info always asks SQLStatistics for SQL_INDEX_UNIQUE (its Perl
    # part turns a false $unique_only into 1, its C part 1 into SQL_INDEX_UNIQUE): the primary key.
    my $stats = $dbh->statistics_info(undef, 'PUBLIC', $typed_table, 1, 1)->fetchall_arrayref({});
    ok((grep { !$_->{NON_UNIQUE} && ($_->{COLUMN_NAME} // '') eq 'ID' } @$stats),
       'statistics_info: the unique primary-key index on ID');
    is_deeply([ grep { $_->{NON_UNIQUE} } @$stats ], [], 'statistics_info: unique indexes only');
    my $fk = $dbh->foreign_key_info(undef, undef, undef, undef, 'PUBLIC', $typed_table);
    is_deeply($fk ? $fk->fetchall_arrayref : [], [], 'foreign_key_info: none (Ignite has no foreign keys)');
}
$dbh->do("DROP TABLE $typed_table");

# --- end ---------------------------------------------------------------------------------------
$dbh->do("DROP TABLE $table");
is_deeply(\@diagnostics, [], 'no diagnostics (no 01004 truncation, no warnings) in the whole session')
    or diag(join "\n", @diagnostics);
$dbh->disconnect;
done_testing();
