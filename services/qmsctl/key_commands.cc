// keygen and token: an operator's keys file and the tokens it signs
// (docs/access.md). Both work on files only and never call the server. A
// key never reaches stdout or stderr; `token` prints the token alone on
// stdout, so that `TOKEN=$(qmsctl token ...)` works.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "services/access/token.h"
#include "services/qmsctl/commands.h"

namespace qms::ctl {

namespace {

constexpr int64_t kMaxTtlSeconds = 400LL * 24 * 3600;

struct KeygenOptions {
  std::string out;
  std::string key_id;
};

struct TokenOptions {
  std::string key_file;
  std::string key_id;
  std::string role;
  std::string centres;
  std::string province;
  bool all = false;
  std::string subject;
  std::string ttl = "12h";
};

int Refuse(const std::string& message, int code) {
  std::cerr << "qmsctl: " << message << std::endl;
  return code;
}

int ExitFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kFailedPrecondition: return kExitFailedPrecondition;
    case StatusCode::kAlreadyExists: return kExitAlreadyExists;
    case StatusCode::kInvalidArgument: return kExitInvalidArgument;
    default: return kExitOtherError;
  }
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "k20260301", then "k20260301-2", ... : the first id the ring does not have.
std::string DefaultKeyId(const access::KeyRing& ring) {
  const std::time_t now = static_cast<std::time_t>(NowSeconds());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char day[16];
  std::strftime(day, sizeof day, "k%Y%m%d", &tm);
  std::string id = day;
  for (int n = 2; ring.Find(id) != nullptr; ++n) id = std::string(day) + "-" + std::to_string(n);
  return id;
}

// Appends `line` to `path`, creating it with mode 0600, and leaves the file
// at 0600 (a keys file holds secrets). Durable when it returns true.
bool AppendPrivate(const std::string& path, const std::string& line, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = ::fchmod(fd, 0600) == 0;
  size_t written = 0;
  while (ok && written < line.size()) {
    const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  if (!ok) *error = path + ": " + std::strerror(errno);
  ::close(fd);
  return ok;
}

int RunKeygen(const KeygenOptions& o) {
  std::string text;
  if (std::filesystem::exists(o.out)) {
    std::ifstream in(o.out, std::ios::binary);
    std::ostringstream read;
    read << in.rdbuf();
    if (!in || in.bad()) return Refuse(o.out + ": cannot read the keys file", kExitNotFound);
    text = read.str();
  }
  // The file's keys must be readable before one is added to them.
  auto ring = access::KeyRing::Parse(text, o.out);
  if (!ring.ok()) return Refuse(ring.status().message(), ExitFor(ring.status()));
  const std::string id = o.key_id.empty() ? DefaultKeyId(*ring) : o.key_id;
  if (ring->Find(id) != nullptr) {
    return Refuse(o.out + ": key id \"" + id + "\" is already in the file", kExitAlreadyExists);
  }
  auto line = access::NewSecretKeyLine(id);
  if (!line.ok()) return Refuse(line.status().message(), ExitFor(line.status()));
  // A file that does not end with a newline gets one first.
  const std::string appended = (text.empty() || text.back() == '\n' ? "" : "\n") + *line;
  std::string error;
  if (!AppendPrivate(o.out, appended, &error)) return Refuse(error, kExitOtherError);
  std::cout << id << std::endl;
  return kExitOk;
}

// "90s", "30m", "12h", "7d" -> seconds; 0 when malformed or out of range.
int64_t ParseTtl(const std::string& ttl) {
  if (ttl.size() < 2 || ttl.size() > 8) return 0;
  int64_t value = 0;
  for (size_t i = 0; i + 1 < ttl.size(); ++i) {
    if (ttl[i] < '0' || ttl[i] > '9') return 0;
    value = value * 10 + (ttl[i] - '0');
  }
  const char unit = ttl.back();
  const int64_t scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
  const int64_t seconds = value * scale;
  return seconds > 0 && seconds <= kMaxTtlSeconds ? seconds : 0;
}

// The claims the options ask for, or a usage error in *error.
bool BuildClaims(const TokenOptions& o, v1::TokenClaims* claims, std::string* error) {
  auto role = access::RoleFromName(o.role);
  if (!role.ok()) {
    *error = role.status().message();
    return false;
  }
  const int scopes = !o.centres.empty() + !o.province.empty() + o.all;
  if (scopes != 1) {
    *error = "give exactly one of --centres LIST, --province NAME or --all";
    return false;
  }
  const int64_t ttl = ParseTtl(o.ttl);
  if (ttl == 0) {
    *error = "--ttl \"" + o.ttl + "\" is not a duration like 90s, 30m, 12h or 7d (at most 400d)";
    return false;
  }
  claims->set_role(*role);
  claims->set_subject(o.subject);
  for (size_t start = 0; !o.centres.empty() && start <= o.centres.size();) {
    const size_t comma = std::min(o.centres.find(',', start), o.centres.size());
    const std::string centre = o.centres.substr(start, comma - start);
    if (!centre.empty()) claims->add_centres(centre);
    start = comma + 1;
  }
  claims->set_province(o.province);
  claims->set_all_centres(o.all);
  const int64_t now = NowSeconds();
  claims->set_issued_at_s(now);
  claims->set_expires_at_s(now + ttl);
  return true;
}

int RunToken(const TokenOptions& o) {
  v1::TokenClaims claims;
  std::string error;
  if (!BuildClaims(o, &claims, &error)) return Refuse(error, kExitUsage);
  auto ring = access::KeyRing::Load(o.key_file);
  if (!ring.ok()) return Refuse(ring.status().message(), ExitFor(ring.status()));
  auto key = ring->SigningKey(o.key_id);
  if (!key.ok()) return Refuse(o.key_file + ": " + key.status().message(), ExitFor(key.status()));
  auto token = access::SignToken(claims, **key);
  if (!token.ok()) return Refuse(token.status().message(), ExitFor(token.status()));
  std::cout << *token << std::endl;
  return kExitOk;
}

}  // namespace

void AddKeyCommands(CLI::App& app, Action* selected) {
  auto keygen = std::make_shared<KeygenOptions>();
  CLI::App* cmd =
      app.add_subcommand("keygen", "Append a fresh Ed25519 signing key to a keys file (mode 0600)");
  cmd->add_option("--out", keygen->out, "keys file (created if missing)")->required();
  cmd->add_option("--key-id", keygen->key_id, "id of the new key (default kYYYYMMDD)");
  cmd->callback([keygen, selected] { *selected = [keygen](Session&) { return RunKeygen(*keygen); }; });

  auto token = std::make_shared<TokenOptions>();
  cmd = app.add_subcommand("token", "Print a signed access token (only the token, on stdout)");
  cmd->add_option("--key-file", token->key_file, "keys file with the signing key")->required();
  cmd->add_option("--key-id", token->key_id, "key to sign with (default: the file's last secret key)");
  cmd->add_option("--role", token->role, "kiosk, board, clerk, supervisor or admin")->required();
  cmd->add_option("--centres", token->centres, "comma-separated centre ids the token covers");
  cmd->add_option("--province", token->province, "every centre of this province (as in the config)");
  cmd->add_flag("--all", token->all, "every centre");
  cmd->add_option("--subject", token->subject, "who holds it: the clerk's or the device's name")->required();
  cmd->add_option("--ttl", token->ttl, "lifetime: 90s, 30m, 12h, 7d (at most 400d)")->capture_default_str();
  cmd->callback([token, selected] { *selected = [token](Session&) { return RunToken(*token); }; });
}

}  // namespace qms::ctl
