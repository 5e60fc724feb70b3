#pragma once
// Runs `promtool check metrics` (Debian package prometheus) over rendered metrics text. A missing
// promtool is a failure, not a skip: CI installs it (.ci/install-deps).

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace carewatch::testing {

// GoogleTest assertion: promtool exits 0 for `text`; otherwise the message holds what it said.
inline ::testing::AssertionResult promtool_accepts(const std::string& text) {
  const std::filesystem::path promtool = CAREWATCH_PROMTOOL;
  if (promtool.empty() || !std::filesystem::exists(promtool))
    return ::testing::AssertionFailure() << "promtool is missing (Debian package prometheus)";
  const auto file =
      std::filesystem::temp_directory_path() / ("carewatch_metrics_" + std::to_string(::getpid()) + ".prom");
  {
    std::ofstream out(file);
    out << text;
  }
  const std::string command = promtool.string() + " check metrics < " + file.string() + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return ::testing::AssertionFailure() << "cannot run " << command;
  std::string output;
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe)) output += buf;
  const int status = ::pclose(pipe);
  std::filesystem::remove(file);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "promtool said:\n" << output << "\nfor:\n" << text;
}

}  // namespace carewatch::testing
