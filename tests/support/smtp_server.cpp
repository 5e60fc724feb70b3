#include "smtp_server.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

extern char** environ;

namespace carewatch::test_support {
namespace {

constexpr const char* kPython = "/usr/bin/python3";  // the system interpreter, which has aiosmtpd
constexpr auto kStartTimeout = std::chrono::seconds(15);

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Spawns `argv` with standard output into `stdout_fd` (or /dev/null when -1) and standard error
// into `stderr_file`. Returns the child's pid.
pid_t spawn(const std::vector<std::string>& argv, int stdout_fd, const std::filesystem::path& stderr_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_fd >= 0)
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  else
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::generic_category().message(rc));
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

std::string ReceivedMail::head() const {
  const auto end = data.find("\r\n\r\n");
  return end == std::string::npos ? data : data.substr(0, end + 2);
}

std::string ReceivedMail::body() const {
  const auto end = data.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : data.substr(end + 4);
}

std::optional<std::string> ReceivedMail::header(std::string_view name) const {
  const std::string h = head();
  std::size_t pos = 0;
  while (pos < h.size()) {
    std::size_t eol = h.find("\r\n", pos);
    if (eol == std::string::npos) eol = h.size();
    const std::string_view line(h.data() + pos, eol - pos);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && line[0] != ' ' && line[0] != '\t' &&
        iequals(line.substr(0, colon), name)) {
      std::string value(line.substr(colon + 1));
      // Unfold continuation lines (RFC 5322 2.2.3): CRLF followed by white space.
      std::size_t next = eol + 2;
      while (next < h.size() && (h[next] == ' ' || h[next] == '\t')) {
        std::size_t next_eol = h.find("\r\n", next);
        if (next_eol == std::string::npos) next_eol = h.size();
        value += h.substr(next, next_eol - next);
        next = next_eol + 2;
      }
      const auto first = value.find_first_not_of(" \t");
      return first == std::string::npos ? std::string() : value.substr(first);
    }
    pos = eol + 2;
  }
  return std::nullopt;
}

std::vector<std::string> ReceivedMail::header_names() const {
  std::vector<std::string> names;
  const std::string h = head();
  std::size_t pos = 0;
  while (pos < h.size()) {
    std::size_t eol = h.find("\r\n", pos);
    if (eol == std::string::npos) eol = h.size();
    const std::string_view line(h.data() + pos, eol - pos);
    const auto colon = line.find(':');
    if (!line.empty() && line[0] != ' ' && line[0] != '\t' && colon != std::string_view::npos)
      names.emplace_back(line.substr(0, colon));
    pos = eol + 2;
  }
  return names;
}

SmtpServer::SmtpServer(SmtpServerOptions options) : options_(std::move(options)) {
  if (options_.require_starttls) options_.starttls = true;
  spool_ = dir_.path() / "spool.jsonl";
  if (options_.starttls) generate_certificate();

  std::vector<std::string> argv = {kPython, CAREWATCH_SMTP_SERVER_SCRIPT, "--spool", spool_.string()};
  if (options_.starttls) {
    argv.insert(argv.end(), {"--tls-cert", cert_.string(), "--tls-key", key_.string()});
    if (options_.require_starttls) argv.emplace_back("--require-starttls");
  }
  if (!options_.auth_user.empty()) {
    argv.insert(argv.end(), {"--auth-user", options_.auth_user, "--auth-password", options_.auth_password});
    if (options_.auth_without_tls) argv.emplace_back("--auth-without-tls");
  }
  if (options_.stall_quit) argv.emplace_back("--stall-quit");

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("SmtpServer: pipe failed");
  const auto errors = dir_.path() / "server.err";
  try {
    pid_ = spawn(argv, fds[1], errors);
  } catch (...) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw;
  }
  ::close(fds[1]);

  // The script prints "READY <port>" once its socket is listening.
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (out.find('\n') == std::string::npos) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    char buffer[256];
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n <= 0) break;  // the child exited
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (out.rfind("READY ", 0) == 0) port_ = static_cast<std::uint16_t>(std::stoi(out.substr(6)));
  if (port_ == 0) {
    ::kill(pid_, SIGKILL);
    wait_for(pid_);
    throw std::runtime_error("SmtpServer: the server did not start: " + read_file(errors));
  }
}

SmtpServer::~SmtpServer() {
  stop();
}

void SmtpServer::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    wait_for(pid_);
    pid_ = -1;
  }
}

std::string SmtpServer::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

void SmtpServer::generate_certificate() {
  cert_ = dir_.path() / "cert.pem";
  key_ = dir_.path() / "key.pem";
  const auto errors = dir_.path() / "openssl.err";
  // An EC key: generated in milliseconds, unlike RSA. basicConstraints CA:TRUE (openssl req -x509's
  // default) lets clients use the certificate itself as their CA file.
  const pid_t pid =
      spawn({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", key_.string(), "-out", cert_.string(), "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"},
            -1, errors);
  const int status = wait_for(pid);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("SmtpServer: openssl req failed: " + read_file(errors));
}

std::vector<ReceivedMail> SmtpServer::messages() const {
  std::vector<ReceivedMail> mails;
  std::ifstream in(spool_, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto object = boost::json::parse(line).as_object();
    ReceivedMail mail;
    mail.mail_from = std::string(object.at("mail_from").as_string());
    for (const auto& r : object.at("rcpt_tos").as_array()) mail.rcpt_tos.emplace_back(r.as_string());
    mail.data = std::string(object.at("data").as_string());
    mail.tls = object.at("tls").as_bool();
    if (const auto& login = object.at("auth_login"); login.is_string())
      mail.auth_login = std::string(login.as_string());
    mails.push_back(std::move(mail));
  }
  return mails;
}

}  // namespace carewatch::test_support
