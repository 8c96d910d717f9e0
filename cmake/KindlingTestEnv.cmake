# The environment every test gets (ctest ENVIRONMENT): the cluster plan shared with tests/run.sh,
# paths into the build and the project's Python virtualenv. Examples and e2e scripts use it too.
file(STRINGS ${PROJECT_SOURCE_DIR}/tests/cluster-plan.env _kindling_plan REGEX "^[A-Z_]+=")
set(KINDLING_CLUSTER_STATE "/tmp/kindling-cluster" CACHE PATH "State dir of tests/cluster/cluster.sh")
set(KINDLING_VENV "$ENV{HOME}/.cache/kindling/venv" CACHE PATH "Python virtualenv made by installer/install-deps.sh")
set(KINDLING_ODBC_INI_DIR ${PROJECT_BINARY_DIR}/tests/odbc-ini)
set(KINDLING_ODBC_DRIVER_PATH ${PROJECT_BINARY_DIR}/lib/libkindling-odbc.so)
set(KINDLING_TEST_ENV ${_kindling_plan}
  "KINDLING_CLUSTER_STATE=${KINDLING_CLUSTER_STATE}"
  "KINDLING_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "KINDLING_BINARY_DIR=${PROJECT_BINARY_DIR}"
  "KINDLING_PYTHON=${KINDLING_VENV}/bin/python"
  "KINDLING_ODBC_DRIVER=${KINDLING_ODBC_DRIVER_PATH}"
  "ODBCSYSINI=${KINDLING_ODBC_INI_DIR}"
  "ODBCINSTINI=odbcinst.ini"
  "ODBCINI=${KINDLING_ODBC_INI_DIR}/odbc.ini")
