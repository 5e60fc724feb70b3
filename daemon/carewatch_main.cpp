// carewatch: the command-line tool. Everything lives in the cli library.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return carewatch::cli::run(argc, argv); }
