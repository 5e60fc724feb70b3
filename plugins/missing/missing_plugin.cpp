#include "missing.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::missing::MissingPlugin)
