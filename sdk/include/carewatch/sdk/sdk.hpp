#pragma once
// Umbrella header for plugin authors: everything needed to write and export a checker.

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/checker.hpp>
#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/plugin.hpp>
#include <carewatch/sdk/record.hpp>
#include <carewatch/sdk/schema.hpp>
#include <carewatch/sdk/status.hpp>
#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/timeline.hpp>
#include <carewatch/sdk/value.hpp>
#include <carewatch/sdk/version.hpp>
