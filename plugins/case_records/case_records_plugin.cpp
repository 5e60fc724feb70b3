#include "case_records.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::case_records::CaseRecordsPlugin)
